package io.custodian.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint tried with another organisation's key, an admin key, a revoked key and no key:
 * never data, 404 (or 401 without a valid key), and every denial in the audit trail.
 */
class TenantIsolationTest extends AppTest {

  private Org a;
  private Org b;
  private String recordingOfA;
  private String messageOfA;
  private String recordingOfB;

  @BeforeEach
  void twoOrganisationsWithData() {
    a = tenants.create();
    b = tenants.create();
    recordingOfA =
        api.postCall(a.id(), a.key(), Calls.metadata("a"), Calls.ulaw())
            .json()
            .path("id")
            .asString();
    recordingOfB =
        api.postCall(b.id(), b.key(), Calls.metadata("b"), Calls.ulaw())
            .json()
            .path("id")
            .asString();
    Map<String, Object> mms = Messages.sms("m", "secret of A");
    mms.put("channel", "mms");
    mms.put("attachments", List.of(Map.of("mediaType", "image/png", "content", "AAEC")));
    messageOfA =
        api.postJson("/api/v1/orgs/" + a.id() + "/messages", a.key(), mms)
            .json()
            .path("id")
            .asString();
  }

  private List<Map.Entry<String, BiFunction<String, String, Api.Response>>> endpointsOfA() {
    String org = "/api/v1/orgs/" + a.id();
    return List.of(
        Map.entry("GET org", (p, key) -> api.get(org, key)),
        Map.entry("GET recording", (p, key) -> api.get(org + "/recordings/" + recordingOfA, key)),
        Map.entry(
            "GET recording content",
            (p, key) -> api.get(org + "/recordings/" + recordingOfA + "/content", key)),
        Map.entry("GET message", (p, key) -> api.get(org + "/messages/" + messageOfA, key)),
        Map.entry(
            "GET message content",
            (p, key) -> api.get(org + "/messages/" + messageOfA + "/content", key)),
        Map.entry(
            "GET attachment",
            (p, key) -> api.get(org + "/messages/" + messageOfA + "/attachments/0", key)),
        Map.entry(
            "POST call",
            (p, key) -> api.postCall(a.id(), key, Calls.metadata("intruder"), Calls.ulaw())),
        Map.entry("POST message", (p, key) -> api.postJson(org + "/messages", key, "{}")),
        Map.entry(
            "POST recording acknowledgement",
            (p, key) ->
                api.postJson(org + "/recordings/" + recordingOfA + "/acknowledgement", key, "{}")),
        Map.entry(
            "POST message acknowledgements",
            (p, key) ->
                api.postJson(
                    org + "/messages/acknowledgements",
                    key,
                    Map.of("ids", java.util.List.of(messageOfA)))));
  }

  @Test
  void anotherOrganisationsKeyGets404OnEveryEndpointAndIsAudited() {
    long before = auditCount("access.denied", a.id(), "DENIED");
    for (var endpoint : endpointsOfA()) {
      Api.Response answer = endpoint.getValue().apply(endpoint.getKey(), b.key());
      assertThat(answer.status()).as(endpoint.getKey()).isEqualTo(404);
      assertThat(answer.code()).isEqualTo("NOT_FOUND");
      assertThat(answer.text())
          .doesNotContain("secret of A")
          .doesNotContain(recordingOfA + "\",\"orgId");
    }
    assertThat(auditCount("access.denied", a.id(), "DENIED"))
        .isEqualTo(before + endpointsOfA().size());
    assertThat(count("select count(*) from recordings where org_id = '" + a.id() + "'"))
        .isEqualTo(1);
  }

  @Test
  void anAdminKeyReadsNoContentAndIsAudited() {
    long before = auditCount("access.denied", a.id(), "DENIED");
    for (var endpoint : endpointsOfA()) {
      Api.Response answer = endpoint.getValue().apply(endpoint.getKey(), ADMIN_KEY);
      assertThat(answer.status()).as(endpoint.getKey()).isEqualTo(404);
    }
    assertThat(auditCount("access.denied", a.id(), "DENIED"))
        .isEqualTo(before + endpointsOfA().size());
  }

  @Test
  void noKeyOrARevokedKeyGets401() {
    assertThat(api.delete("/api/v1/admin/keys/" + a.keyId(), ADMIN_KEY).status()).isEqualTo(204);
    for (var endpoint : endpointsOfA()) {
      assertThat(endpoint.getValue().apply(endpoint.getKey(), null).status())
          .as(endpoint.getKey())
          .isEqualTo(401);
      Api.Response revoked = endpoint.getValue().apply(endpoint.getKey(), a.key());
      assertThat(revoked.status()).as(endpoint.getKey()).isEqualTo(401);
      assertThat(revoked.code()).isEqualTo("UNAUTHENTICATED");
      assertThat(revoked.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
  }

  @Test
  void anotherOrganisationsIdsUnderOnesOwnPathAre404AndAudited() {
    long before = auditCount("recording.metadata.read", a.id(), "REJECTED");
    Api.Response answer =
        api.get("/api/v1/orgs/" + a.id() + "/recordings/" + recordingOfB, a.key());
    Api.Response content =
        api.get("/api/v1/orgs/" + a.id() + "/recordings/" + recordingOfB + "/content", a.key());

    assertThat(answer.status()).isEqualTo(404);
    assertThat(content.status()).isEqualTo(404);
    assertThat(auditCount("recording.metadata.read", a.id(), "REJECTED")).isEqualTo(before + 1);
  }

  @Test
  void organisationKeysCannotUseTheAdminApi() {
    String[] paths = {
      "/api/v1/admin/orgs",
      "/api/v1/admin/orgs/" + a.id(),
      "/api/v1/admin/orgs/" + a.id() + "/keys",
      "/api/v1/admin/keys",
      "/api/v1/admin/audit/verification",
      "/api/v1/admin/audit/entries"
    };
    for (String path : paths) {
      assertThat(api.get(path, a.key()).status()).as(path).isEqualTo(404);
    }
    Api.Response escalate =
        api.postJson("/api/v1/admin/keys", a.key(), Map.of("label", "mine now"));
    assertThat(escalate.status()).isEqualTo(404);
  }

  @Test
  void encodedOrDotSegmentPathsAreRefused() {
    String[] sneaky = {
      "/api/v1/orgs/" + a.id() + "/../" + b.id() + "/recordings/" + recordingOfB,
      "/api/v1/orgs/" + a.id() + "%2F..%2F" + b.id() + "/recordings/" + recordingOfB,
      "/api/v1/orgs/" + b.id() + ";x=" + a.id() + "/recordings/" + recordingOfB,
      "/api/v1/orgs/%" + "62" + b.id().substring(1) + "/recordings/" + recordingOfB,
    };
    for (String path : sneaky) {
      HttpRequest request = api.request(path, a.key()).GET().build();
      Api.Response answer = api.send(request);
      assertThat(answer.status()).as(path).isIn(400, 404);
      assertThat(answer.text()).doesNotContain("\"sourceId\"");
    }
  }

  private long count(String sql) {
    return jdbc.sql(sql).query(Long.class).single();
  }
}
