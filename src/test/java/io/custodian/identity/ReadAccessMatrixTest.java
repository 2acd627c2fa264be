package io.custodian.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every list and read endpoint against every kind of caller that must not see a sub-organisation's
 * records: another organisation's key, an admin key, another sub-organisation's key, a revoked key
 * and no key. Each answers 404 (or 401 without a valid key) with no data, and is audited.
 */
class ReadAccessMatrixTest extends AppTest {

  @org.springframework.beans.factory.annotation.Autowired FailedAuthentications failures;

  private Org a;
  private Org b;
  private Org desk;
  private Org ops;
  private String recording;
  private String message;
  private String mainMessage;

  @BeforeEach
  void anOrganisationWithTwoSubOrganisations() {
    a = tenants.create();
    b = tenants.create();
    tenants.createSub(a, "ops");
    desk = tenants.subOrgKey(a, "desk");
    ops = tenants.subOrgKey(a, "ops");
    String meta =
        Calls.metadata("desk-call").replace("{\"sourceId\"", "{\"subOrg\":\"desk\",\"sourceId\"");
    Api.Response call = api.postCall(a.id(), a.key(), meta, Calls.ulaw());
    assertThat(call.status()).as(call.toString()).isEqualTo(201);
    recording = call.json().path("id").asString();
    Map<String, Object> mms = Messages.sms("desk-message", "secret of the desk");
    mms.put("subOrg", "desk");
    mms.put("channel", "mms");
    mms.put("attachments", List.of(Map.of("mediaType", "image/png", "content", "AAEC")));
    message = post(mms);
    mainMessage = post(Messages.sms("main-message", "secret of the main organisation"));
  }

  /** The endpoints, each as a path on organisation A addressing the desk's records. */
  private List<String> endpoints() {
    String org = "/api/v1/orgs/" + a.id();
    return List.of(
        org + "/recordings",
        org + "/recordings?subOrg=desk",
        org + "/messages",
        org + "/messages?subOrg=desk&channel=mms",
        org + "/recordings/" + recording,
        org + "/recordings/" + recording + "/content",
        org + "/recordings/" + recording + "/content?format=ulaw",
        org + "/messages/" + message,
        org + "/messages/" + message + "/content",
        org + "/messages/" + message + "/attachments/0");
  }

  @Test
  void theSubOrganisationsOwnKeyReadsItsRecordsOnly() {
    for (String path : endpoints()) {
      assertThat(api.get(path, desk.key()).status()).as(path).isEqualTo(200);
    }
    JsonNode listed = api.get("/api/v1/orgs/" + a.id() + "/messages", desk.key()).json();
    assertThat(listed.path("items").findValuesAsString("id")).containsExactly(message);
    String main = "/api/v1/orgs/" + a.id() + "/messages/" + mainMessage;
    assertThat(api.get(main, desk.key()).status()).isEqualTo(404);
    assertThat(api.get(main + "/content", desk.key()).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/orgs/" + a.id() + "/messages", a.key()).json().path("items"))
        .as("the organisation's own key sees every sub-organisation")
        .hasSize(2);
  }

  @Test
  void anotherOrganisationsKeyAndAnAdminKeyGet404AndAreAudited() {
    for (String key : new String[] {b.key(), ADMIN_KEY}) {
      long before = auditCount("access.denied", a.id(), "DENIED");
      for (String path : endpoints()) {
        Api.Response answer = api.get(path, key);
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NOT_FOUND");
        assertThat(answer.text()).doesNotContain("secret", "sourceId");
      }
      assertThat(auditCount("access.denied", a.id(), "DENIED"))
          .isEqualTo(before + endpoints().size());
    }
  }

  @Test
  void anotherSubOrganisationsKeyGets404OnTheRecordsAndAnEmptyListAndIsAudited() {
    for (String path : endpoints()) {
      Api.Response answer = api.get(path, ops.key());
      if (path.endsWith("/recordings") || path.endsWith("/messages")) {
        assertThat(answer.status()).as(path).isEqualTo(200);
        assertThat(answer.json().path("items")).as(path).isEmpty();
      } else {
        assertThat(answer.status()).as(path).isEqualTo(404);
        assertThat(answer.code()).isEqualTo("NOT_FOUND");
      }
      assertThat(answer.text()).doesNotContain("secret", "desk-");
    }
    assertThat(auditOf(ops, "REJECTED") + auditOf(ops, "DENIED"))
        .as("every refused read and list")
        .isEqualTo(endpoints().size() - 2);
    assertThat(auditOf(ops, "SUCCESS")).as("the two lists, empty").isEqualTo(2);
  }

  @Test
  void aSubOrganisationsKeyReadsNothingElseOfItsOrganisationAndSendsNothing() {
    long before = auditCount("access.denied", a.id(), "DENIED");
    String org = "/api/v1/orgs/" + a.id();
    assertThat(api.get(org, desk.key()).status()).isEqualTo(404);
    Api.Response call = api.postCall(a.id(), desk.key(), Calls.metadata("sub-sends"), Calls.ulaw());
    assertThat(call.status()).isEqualTo(404);
    Api.Response sms = api.postJson(org + "/messages", desk.key(), Messages.sms("sub", "x"));
    assertThat(sms.status()).isEqualTo(404);
    assertThat(auditCount("access.denied", a.id(), "DENIED")).isEqualTo(before + 3);
    assertThat(api.get("/api/v1/admin/orgs", desk.key()).status()).isEqualTo(404);
  }

  @Test
  void aRevokedKeyOrNoKeyGets401AndIsAudited() {
    assertThat(api.delete("/api/v1/admin/keys/" + desk.keyId(), ADMIN_KEY).status()).isEqualTo(204);
    failures.endAllWindows();
    long before = authFailures();
    double countedBefore = prometheusSum("custodian_auth_failed_total");
    for (String path : endpoints()) {
      for (String key : new String[] {desk.key(), null}) {
        Api.Response answer = api.get(path, key);
        assertThat(answer.status()).as(path).isEqualTo(401);
        assertThat(answer.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
      }
    }
    assertThat(prometheusSum("custodian_auth_failed_total") - countedBefore)
        .as("every failure is counted")
        .isEqualTo(2.0 * endpoints().size());
    assertThat(authFailures() - before)
        .as("audited one by one up to the per-address bound, the rest in a summary later")
        .isPositive()
        .isLessThanOrEqualTo(2L * endpoints().size());
  }

  @Test
  void aKeyForASubOrganisationThatDoesNotExistIsRefused() {
    Api.Response refused =
        api.postJson(
            "/api/v1/admin/orgs/" + a.id() + "/keys",
            ADMIN_KEY,
            Map.of("label", "x", "subOrg", "nosuch"));
    Api.Response admin =
        api.postJson("/api/v1/admin/keys", ADMIN_KEY, Map.of("label", "x", "subOrg", "desk"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
    assertThat(admin.status()).isEqualTo(400);
    JsonNode keys = api.get("/api/v1/admin/orgs/" + a.id() + "/keys", ADMIN_KEY).json();
    assertThat(keys.findValuesAsString("subOrg")).contains("desk", "ops");
  }

  private long auditOf(Org key, String outcome) {
    return jdbc.sql(
            "select count(*) from audit_log where actor = :actor and outcome = :outcome"
                + " and action like '%.read' or actor = :actor and outcome = :outcome"
                + " and action like '%.list'")
        .param("actor", "key:" + key.keyId())
        .param("outcome", outcome)
        .query(Long.class)
        .single();
  }

  private long authFailures() {
    return jdbc.sql(
            "select count(*) from audit_log where action = 'auth.failed' and subject like :path")
        .param("path", "GET /api/v1/orgs/" + a.id() + "/%")
        .query(Long.class)
        .single();
  }

  private String post(Map<String, Object> message) {
    Api.Response posted = api.postJson("/api/v1/orgs/" + a.id() + "/messages", a.key(), message);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    return posted.json().path("id").asString();
  }
}
