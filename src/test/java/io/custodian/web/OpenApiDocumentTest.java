package io.custodian.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.info.BuildProperties;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The OpenAPI document, fetched as clients fetch it, against what the service implements: the same
 * operations as Spring's handler mappings, their parameters and bodies, the stable error codes,
 * resolvable references, and examples and real answers that fit their schemas.
 */
class OpenApiDocumentTest extends AppTest {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");

  /** Handlers that read their body from the request themselves, and the type they take. */
  private static final Map<String, String> RAW_BODIES =
      Map.of(
          "POST /api/v1/orgs/{}/calls", "multipart/form-data",
          "POST /api/v1/orgs/{}/messages", "application/json");

  /** Handlers that read and check their query parameters from the request themselves. */
  private static final Map<String, Set<String>> RAW_QUERIES =
      Map.of(
          "GET /api/v1/orgs/{}/recordings",
          Set.of(
              "subOrg",
              "direction",
              "participant",
              "startedFrom",
              "startedBefore",
              "receivedFrom",
              "receivedBefore",
              "sftp",
              "acknowledged",
              "limit",
              "cursor"),
          "GET /api/v1/orgs/{}/messages",
          Set.of(
              "subOrg",
              "channel",
              "direction",
              "participant",
              "sentFrom",
              "sentBefore",
              "receivedFrom",
              "receivedBefore",
              "sftp",
              "mail",
              "acknowledged",
              "limit",
              "cursor"),
          "GET /api/v1/orgs/{}/recordings/{}/content",
          Set.of("format", "channels"));

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  private RequestMappingHandlerMapping mappings;

  @Autowired private ObjectProvider<BuildProperties> build;

  private JsonNode document;
  private SchemaCheck schemas;

  @BeforeEach
  void fetch() {
    Api.Response yaml = api.get("/api/v1/openapi.yaml", null);
    assertThat(yaml.status()).as(yaml.toString()).isEqualTo(200);
    document = YAMLMapper.builder().build().readTree(yaml.body());
    schemas = new SchemaCheck(document);
  }

  @Test
  void isServedWithoutAKeyAsYamlAndAsTheSameJson() {
    Api.Response yaml = api.get("/api/v1/openapi.yaml", null);
    Api.Response json = api.get("/api/v1/openapi.json", null);
    assertThat(yaml.header("Content-Type")).startsWith("application/yaml");
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(json.json()).isEqualTo(document);
    assertThat(document.path("openapi").asString()).isEqualTo("3.1.0");

    for (String path : List.of("/api/v1/openapi.yaml", "/api/v1/openapi.json")) {
      Api.Response first = api.get(path, null);
      assertThat(first.header("Cache-Control")).isEqualTo("no-cache");
      assertThat(first.header("ETag")).matches("\"[0-9a-f]{64}\"");
      Api.Response again =
          api.send(
              api.request(path, null).header("If-None-Match", first.header("ETag")).GET().build());
      assertThat(again.status()).isEqualTo(304);
      assertThat(again.body()).isEmpty();
    }
  }

  @Test
  void carriesTheProjectsVersion() {
    String version = document.path("info").path("version").asString();
    assertThat(version).isNotBlank().doesNotContain("@");
    BuildProperties properties = build.getIfAvailable();
    if (properties != null) {
      assertThat(version).isEqualTo(properties.getVersion());
    }
  }

  @Test
  void everyOtherPathStillNeedsAKey() {
    List<String> paths =
        new ArrayList<>(
            List.of(
                "/api/v1/openapi.yml",
                "/api/v1/openapi",
                "/api/v1/openapi.yaml.json",
                "/api/v1/OPENAPI.yaml",
                "/api/v1/orgs/openapi.yaml",
                "/api/v1/admin/openapi.json",
                "/api/openapi.yaml",
                "/api/v2/openapi.yaml"));
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      if (!path.getKey().startsWith("/api/v1/openapi.")) {
        paths.add(VARIABLE.matcher(path.getKey()).replaceAll("x"));
      }
    }
    for (String path : paths) {
      for (String method : List.of("GET", "POST")) {
        Api.Response answer =
            api.send(
                api.request(path, null)
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build());
        assertThat(answer.status()).as(method + " " + path).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
      }
    }
  }

  @Test
  void documentsExactlyTheOperationsTheServiceHas() {
    Set<String> documented = documentedOperations().keySet();
    Set<String> implemented = handlers().keySet();
    Set<String> undocumented = new TreeSet<>(implemented);
    undocumented.removeAll(documented);
    Set<String> absent = new TreeSet<>(documented);
    absent.removeAll(implemented);
    assertThat(undocumented).as("implemented but not in openapi/custodian.yaml").isEmpty();
    assertThat(absent).as("in openapi/custodian.yaml but not implemented").isEmpty();
    assertThat(documented).hasSizeGreaterThan(30);
  }

  @Test
  void declaresEveryPathVariableQueryParameterAndBodyAsTheHandlerTakesThem() {
    Map<String, HandlerMethod> handlers = handlers();
    documentedOperations()
        .forEach(
            (key, operation) -> {
              HandlerMethod handler = handlers.get(key);
              if (handler == null) {
                return; // reported by documentsExactlyTheOperationsTheServiceHas
              }
              String template = key.substring(key.indexOf(' ') + 1);
              String docPath = operation.path("x-path").asString();
              List<JsonNode> parameters = parameters(docPath, operation);

              Set<String> variables = new TreeSet<>();
              Matcher m = VARIABLE.matcher(docPath);
              while (m.find()) {
                variables.add(m.group(1));
              }
              assertThat(names(parameters, "path"))
                  .as(key + " path parameters")
                  .isEqualTo(variables);
              for (JsonNode p : parameters) {
                if (p.path("in").asString().equals("path")) {
                  assertThat(p.path("required").asBoolean()).as(key + " " + p).isTrue();
                }
              }
              if (RAW_QUERIES.containsKey(key)) {
                assertThat(queryParameters(handler)).as(key + " reads its own query").isEmpty();
              }
              assertThat(names(parameters, "query"))
                  .as(key + " query parameters")
                  .isEqualTo(
                      RAW_QUERIES.containsKey(key)
                          ? new TreeSet<>(RAW_QUERIES.get(key))
                          : queryParameters(handler));

              JsonNode body = deref(operation.path("requestBody"));
              RequestBody annotated = requestBody(handler);
              if (RAW_BODIES.containsKey(key)) {
                assertThat(body.path("content").propertyNames())
                    .as(key + " body")
                    .containsExactly(RAW_BODIES.get(key));
                assertThat(body.path("required").asBoolean()).isTrue();
              } else if (annotated != null) {
                assertThat(body.isMissingNode()).as(key + " has a body").isFalse();
                assertThat(body.path("required").asBoolean(false))
                    .as(key + " body required")
                    .isEqualTo(annotated.required());
                assertThat(body.path("content").propertyNames())
                    .containsExactly("application/json");
              } else {
                assertThat(body.isMissingNode()).as(key + " takes no body").isTrue();
              }

              ResponseStatus status =
                  AnnotatedElementUtils.findMergedAnnotation(
                      handler.getMethod(), ResponseStatus.class);
              String success = status == null ? "200" : String.valueOf(status.code().value());
              assertThat(operation.path("responses").has(success))
                  .as(key + " answers " + success + " (" + template + ")")
                  .isTrue();
            });
  }

  @Test
  void saysWhichKeyEachOperationTakesAndAnswersErrorsAsProblems() {
    documentedOperations()
        .forEach(
            (key, operation) -> {
              String path = key.substring(key.indexOf(' ') + 1);
              JsonNode security = operation.path("security");
              String description = operation.path("description").asString();
              if (path.startsWith("/api/v1/openapi.")) {
                assertThat(security.isArray() && security.isEmpty()).as(key).isTrue();
              } else if (path.startsWith("/api/v1/admin/")) {
                assertThat(security.toString()).as(key).isEqualTo("[{\"adminKey\":[]}]");
                assertThat(description).as(key).startsWith("**Admin key.**");
              } else {
                assertThat(path).startsWith("/api/v1/orgs/");
                assertThat(security.toString()).as(key).isEqualTo("[{\"organisationKey\":[]}]");
                assertThat(description).as(key).startsWith("**Organisation key.**");
              }
              JsonNode responses = operation.path("responses");
              assertThat(responses.has("default")).as(key + " default").isTrue();
              if (!path.startsWith("/api/v1/openapi.")) {
                assertThat(responses.has("401")).as(key + " 401").isTrue();
                assertThat(responses.has("404")).as(key + " 404").isTrue();
              }
              for (Map.Entry<String, JsonNode> response : responses.properties()) {
                if (response.getKey().startsWith("4")
                    || response.getKey().startsWith("5")
                    || response.getKey().equals("default")) {
                  JsonNode content = deref(response.getValue()).path("content");
                  assertThat(content.propertyNames())
                      .as(key + " " + response.getKey())
                      .containsExactly("application/problem+json");
                  assertThat(content.path("application/problem+json").path("schema").toString())
                      .isEqualTo("{\"$ref\":\"#/components/schemas/Problem\"}");
                }
              }
            });
  }

  @Test
  void listsTheStableErrorCodes() {
    List<String> documented = new ArrayList<>();
    document
        .at("/components/schemas/Problem/properties/code/enum")
        .values()
        .forEach(code -> documented.add(code.asString()));
    assertThat(documented)
        .containsExactlyElementsOf(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
    String description =
        document.at("/components/schemas/Problem/properties/code/description").asString();
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(description).contains(code.name());
      assertThat(description)
          .as(code + " with its status")
          .containsPattern(code.name() + "[^:]*:\\s+" + code.status().value());
    }
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).hasSizeGreaterThan(100);
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(schemas.resolve(ref).isMissingNode()).as(ref).isFalse();
    }
  }

  @Test
  void everyExampleFitsItsSchema() {
    List<String> errors = new ArrayList<>();
    int[] checked = {0};
    documentedOperations()
        .forEach(
            (key, operation) -> {
              for (JsonNode p : parameters(operation.path("x-path").asString(), operation)) {
                if (p.has("example")) {
                  checked[0]++;
                  errors.addAll(
                      prefixed(
                          key + " " + p.path("name").asString(),
                          p.path("example"),
                          p.path("schema")));
                }
              }
              checkMediaTypes(
                  key + " request", deref(operation.path("requestBody")), errors, checked);
              for (Map.Entry<String, JsonNode> response :
                  operation.path("responses").properties()) {
                JsonNode answer = deref(response.getValue());
                checkMediaTypes(key + " " + response.getKey(), answer, errors, checked);
                for (Map.Entry<String, JsonNode> header : answer.path("headers").properties()) {
                  JsonNode h = deref(header.getValue());
                  if (h.has("example")) {
                    checked[0]++;
                    errors.addAll(
                        prefixed(key + " " + header.getKey(), h.path("example"), h.path("schema")));
                  }
                }
              }
            });
    assertThat(errors).isEmpty();
    assertThat(checked[0]).isGreaterThan(60);
  }

  @Test
  void realAnswersFitTheirSchemas() {
    String org = "oa-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Response created =
        api.postJson("/api/v1/admin/orgs", ADMIN_KEY, Map.of("id", org, "name", "Open API Ltd"));
    fits("post", "/api/v1/admin/orgs", created, 201);
    fits(
        "post",
        "/api/v1/admin/orgs/{org}/sub-orgs",
        api.postJson(
            "/api/v1/admin/orgs/" + org + "/sub-orgs",
            ADMIN_KEY,
            Map.of("id", "desk", "name", "Desk")),
        201);
    fits(
        "post",
        "/api/v1/admin/orgs",
        api.postJson("/api/v1/admin/orgs", ADMIN_KEY, Map.of("id", org, "name", "Again")),
        409);
    fits(
        "post",
        "/api/v1/admin/orgs",
        api.postJson("/api/v1/admin/orgs", ADMIN_KEY, "{\"id\":\"x\",\"nmae\":\"typo\"}"),
        400);
    fits("get", "/api/v1/admin/orgs/{org}", api.get("/api/v1/admin/orgs/" + org, ADMIN_KEY), 200);
    fits("get", "/api/v1/admin/orgs", api.get("/api/v1/admin/orgs", ADMIN_KEY), 200);
    fits(
        "get", "/api/v1/admin/orgs/{org}", api.get("/api/v1/admin/orgs/no-" + org, ADMIN_KEY), 404);

    Api.Response issued =
        api.postJson("/api/v1/admin/orgs/" + org + "/keys", ADMIN_KEY, Map.of("label", "oa"));
    fits("post", "/api/v1/admin/orgs/{org}/keys", issued, 201);
    String key = issued.json().path("secret").asString();
    fits(
        "get",
        "/api/v1/admin/orgs/{org}/keys",
        api.get("/api/v1/admin/orgs/" + org + "/keys", ADMIN_KEY),
        200);
    fits("get", "/api/v1/admin/keys", api.get("/api/v1/admin/keys", ADMIN_KEY), 200);
    fits("get", "/api/v1/orgs/{org}", api.get("/api/v1/orgs/" + org, key), 200);
    fits("get", "/api/v1/orgs/{org}", api.get("/api/v1/orgs/" + org, null), 401);

    Api.Response call = api.postCall(org, key, Calls.metadata(Calls.newSourceId()), Calls.ulaw());
    fits("post", "/api/v1/orgs/{org}/calls", call, 201);
    String recording = call.json().path("id").asString();
    fits(
        "get",
        "/api/v1/orgs/{org}/recordings/{id}",
        api.get("/api/v1/orgs/" + org + "/recordings/" + recording, key),
        200);
    fits(
        "get",
        "/api/v1/orgs/{org}/recordings/{id}",
        api.get("/api/v1/orgs/" + org + "/recordings/not-a-uuid", key),
        400);

    Map<String, Object> sms = Messages.sms("oa-" + UUID.randomUUID(), "hello");
    sms.put("attachments", List.of(Map.of("mediaType", "text/plain", "content", "aGk=")));
    Api.Response message = api.postJson("/api/v1/orgs/" + org + "/messages", key, sms);
    fits("post", "/api/v1/orgs/{org}/messages", message, 201);
    fits(
        "post",
        "/api/v1/orgs/{org}/messages",
        api.postJson("/api/v1/orgs/" + org + "/messages", key, sms),
        200);
    String messageId = message.json().path("id").asString();
    fits(
        "get",
        "/api/v1/orgs/{org}/messages/{id}",
        api.get("/api/v1/orgs/" + org + "/messages/" + messageId, key),
        200);
    fits(
        "get",
        "/api/v1/orgs/{org}/recordings/{id}/content",
        api.send(
            api.request("/api/v1/orgs/" + org + "/recordings/" + recording + "/content", key)
                .header("Range", "bytes=99999999-")
                .GET()
                .build()),
        416);
    fits(
        "get",
        "/api/v1/orgs/{org}/recordings/{id}/content",
        api.get("/api/v1/orgs/" + org + "/recordings/" + recording + "/content?channels=mix", key),
        400);
    Api.Response recordings = api.get("/api/v1/orgs/" + org + "/recordings?limit=1", key);
    fits("get", "/api/v1/orgs/{org}/recordings", recordings, 200);
    assertThat(recordings.json().path("items").size()).isEqualTo(1);
    fits(
        "get",
        "/api/v1/orgs/{org}/messages",
        api.get("/api/v1/orgs/" + org + "/messages?channel=sms", key),
        200);
    fits(
        "get",
        "/api/v1/orgs/{org}/messages",
        api.get("/api/v1/orgs/" + org + "/messages?cursor=nope", key),
        400);
    Api.Response subKey =
        api.postJson(
            "/api/v1/admin/orgs/" + org + "/keys",
            ADMIN_KEY,
            Map.of("label", "desk archive", "subOrg", "desk"));
    fits("post", "/api/v1/admin/orgs/{org}/keys", subKey, 201);
    assertThat(subKey.json().path("key").path("subOrg").asString()).isEqualTo("desk");
    fits(
        "get",
        "/api/v1/orgs/{org}/recordings",
        api.get(
            "/api/v1/orgs/" + org + "/recordings?subOrg=other",
            subKey.json().path("secret").asString()),
        404);

    fits(
        "post",
        "/api/v1/orgs/{org}/messages/{id}/acknowledgement",
        api.postJson(
            "/api/v1/orgs/" + org + "/messages/" + messageId + "/acknowledgement", key, ""),
        200);
    fits(
        "post",
        "/api/v1/orgs/{org}/recordings/acknowledgements",
        api.postJson(
            "/api/v1/orgs/" + org + "/recordings/acknowledgements",
            key,
            Map.of("ids", List.of(recording))),
        200);

    fits(
        "put",
        "/api/v1/admin/orgs/{org}/offload/api",
        api.send(
            api.request("/api/v1/admin/orgs/" + org + "/offload/api", ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"purgeAfterAcknowledgement\":false}"))
                .build()),
        200);
    fits(
        "get",
        "/api/v1/admin/orgs/{org}/offload/api",
        api.get("/api/v1/admin/orgs/" + org + "/offload/api", ADMIN_KEY),
        200);
    fits(
        "get",
        "/api/v1/admin/orgs/{org}/offload/{stream}",
        api.get("/api/v1/admin/orgs/" + org + "/offload/voice", ADMIN_KEY),
        404);
    fits(
        "get",
        "/api/v1/admin/audit/verification",
        api.get("/api/v1/admin/audit/verification", ADMIN_KEY),
        200);
    Api.Response entries = api.get("/api/v1/admin/audit/entries?limit=50&org=" + org, ADMIN_KEY);
    fits("get", "/api/v1/admin/audit/entries", entries, 200);
    assertThat(entries.json().size()).isGreaterThan(3);
  }

  /** Checks a real answer against the document's response for its status and content type. */
  private void fits(String method, String path, Api.Response answer, int status) {
    assertThat(answer.status()).as(method + " " + path + ": " + answer).isEqualTo(status);
    JsonNode response =
        deref(
            document
                .path("paths")
                .path(path)
                .path(method)
                .path("responses")
                .path(String.valueOf(status)));
    assertThat(response.isMissingNode()).as(method + " " + path + " documents " + status).isFalse();
    String type = answer.header("Content-Type").replaceAll(";.*", "");
    JsonNode media = response.path("content").path(type);
    assertThat(media.isMissingNode())
        .as(method + " " + path + " " + status + " documents " + type)
        .isFalse();
    assertThat(schemas.errors(answer.json(), media.path("schema")))
        .as(method + " " + path + " " + status + ": " + answer.text())
        .isEmpty();
  }

  /** Operations by "METHOD /path/{}/…", each with its path as written under x-path. */
  private Map<String, JsonNode> documentedOperations() {
    Map<String, JsonNode> operations = new TreeMap<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> entry : path.getValue().properties()) {
        if (METHODS.contains(entry.getKey())) {
          String key =
              entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + normalised(path.getKey());
          JsonNode operation = entry.getValue().deepCopy();
          ((tools.jackson.databind.node.ObjectNode) operation).put("x-path", path.getKey());
          assertThat(operations.put(key, operation)).as("documented twice: " + key).isNull();
        }
      }
    }
    return operations;
  }

  /** Spring's handlers under /api/v1 by "METHOD /path/{}/…". */
  private Map<String, HandlerMethod> handlers() {
    Map<String, HandlerMethod> handlers = new TreeMap<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> entry :
        mappings.getHandlerMethods().entrySet()) {
      RequestMappingInfo info = entry.getKey();
      assertThat(info.getPathPatternsCondition()).isNotNull();
      for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
        if (!pattern.startsWith("/api/v1/")) {
          continue;
        }
        assertThat(info.getMethodsCondition().getMethods()).as(pattern).isNotEmpty();
        info.getMethodsCondition()
            .getMethods()
            .forEach(m -> handlers.put(m.name() + " " + normalised(pattern), entry.getValue()));
      }
    }
    return handlers;
  }

  private static String normalised(String template) {
    return VARIABLE.matcher(template).replaceAll("{}");
  }

  private List<JsonNode> parameters(String path, JsonNode operation) {
    List<JsonNode> parameters = new ArrayList<>();
    document
        .path("paths")
        .path(path)
        .path("parameters")
        .values()
        .forEach(p -> parameters.add(deref(p)));
    operation.path("parameters").values().forEach(p -> parameters.add(deref(p)));
    return parameters;
  }

  private static Set<String> names(List<JsonNode> parameters, String in) {
    Set<String> names = new TreeSet<>();
    for (JsonNode p : parameters) {
      if (p.path("in").asString().equals(in)) {
        assertThat(names.add(p.path("name").asString())).as("declared twice: " + p).isTrue();
      }
    }
    return names;
  }

  private static Set<String> queryParameters(HandlerMethod handler) {
    Set<String> names = new TreeSet<>();
    for (MethodParameter p : handler.getMethodParameters()) {
      RequestParam param = p.getParameterAnnotation(RequestParam.class);
      if (param != null) {
        names.add(param.name().isEmpty() ? p.getParameter().getName() : param.name());
      }
    }
    return names;
  }

  private static @Nullable RequestBody requestBody(HandlerMethod handler) {
    for (MethodParameter p : handler.getMethodParameters()) {
      RequestBody body = p.getParameterAnnotation(RequestBody.class);
      if (body != null) {
        return body;
      }
    }
    return null;
  }

  private JsonNode deref(JsonNode node) {
    JsonNode current = node;
    while (current.has("$ref")) {
      current = schemas.resolve(current.path("$ref").asString());
    }
    return current;
  }

  private void checkMediaTypes(String where, JsonNode holder, List<String> errors, int[] checked) {
    for (Map.Entry<String, JsonNode> media : holder.path("content").properties()) {
      JsonNode schema = media.getValue().path("schema");
      if (media.getValue().has("example")) {
        checked[0]++;
        errors.addAll(
            prefixed(where + " " + media.getKey(), media.getValue().path("example"), schema));
      }
      for (Map.Entry<String, JsonNode> example : media.getValue().path("examples").properties()) {
        JsonNode value = deref(example.getValue());
        assertThat(value.has("value")).as(where + " " + example.getKey()).isTrue();
        checked[0]++;
        errors.addAll(prefixed(where + " " + example.getKey(), value.path("value"), schema));
      }
    }
  }

  private List<String> prefixed(String where, JsonNode value, JsonNode schema) {
    return schemas.errors(value, schema).stream().map(e -> where + ": " + e).toList();
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.path("$ref").asString());
    }
    node.values().forEach(child -> collectRefs(child, refs));
  }
}
