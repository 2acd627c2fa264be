package io.custodian.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Serves the OpenAPI document kept in {@code openapi/custodian.yaml}, as written and as JSON, to
 * anyone: the identity gate lets exactly these two paths through without a key. Both are read once,
 * at start; clients revalidate with the ETag.
 */
@RestController
class OpenApiController {

  private static final String YAML_PATH = "/api/v1/openapi.yaml";
  private static final String JSON_PATH = "/api/v1/openapi.json";

  private static final MediaType YAML = MediaType.parseMediaType("application/yaml");

  private final Rendition yaml;
  private final Rendition json;

  OpenApiController(JsonMapper mapper) {
    byte[] source;
    try {
      source = new ClassPathResource("openapi/custodian.yaml").getContentAsByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JsonNode document = YAMLMapper.builder().build().readTree(source);
    this.yaml = new Rendition(source, YAML);
    this.json = new Rendition(mapper.writeValueAsBytes(document), MediaType.APPLICATION_JSON);
  }

  @GetMapping(path = YAML_PATH, produces = "application/yaml")
  ResponseEntity<byte[]> yaml() {
    return yaml.answer();
  }

  @GetMapping(path = JSON_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<byte[]> json() {
    return json.answer();
  }

  /** One form of the document with its strong validator; Spring answers 304 on a match. */
  private record Rendition(byte[] body, MediaType type, String etag) {

    Rendition(byte[] body, MediaType type) {
      this(body, type, "\"" + sha256(body) + "\"");
    }

    ResponseEntity<byte[]> answer() {
      return ResponseEntity.ok()
          .contentType(type)
          .eTag(etag)
          .cacheControl(CacheControl.noCache())
          .header("X-Content-Type-Options", "nosniff")
          .body(body);
    }

    private static String sha256(byte[] body) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
