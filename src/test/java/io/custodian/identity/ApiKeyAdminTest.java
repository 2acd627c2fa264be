package io.custodian.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Tenants.Org;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Issuing, listing and revoking keys through the admin API. */
class ApiKeyAdminTest extends AppTest {

  @Test
  void anOrganisationsKeysAreListedWithoutSecretsAndARevokedOneStopsWorking() {
    Org org = tenants.create();
    Api.Response issued =
        api.postJson(
            "/api/v1/admin/orgs/" + org.id() + "/keys", ADMIN_KEY, Map.of("label", "recorder"));
    assertThat(issued.status()).isEqualTo(201);
    String secret = issued.json().path("secret").asString();
    String id = issued.json().path("key").path("id").asString();

    JsonNode listed = api.get("/api/v1/admin/orgs/" + org.id() + "/keys", ADMIN_KEY).json();
    assertThat(listed.findValuesAsString("label")).containsExactly("test", "recorder");
    assertThat(listed.toString()).doesNotContain(secret, "secret");

    String recordings = "/api/v1/orgs/" + org.id() + "/recordings/" + java.util.UUID.randomUUID();
    assertThat(api.get(recordings, secret).status())
        .as("a valid key, no such record")
        .isEqualTo(404);
    assertThat(api.delete("/api/v1/admin/keys/" + id, ADMIN_KEY).status()).isEqualTo(204);
    assertThat(api.get(recordings, secret).status()).isEqualTo(401);
    assertThat(
            jdbc.sql(
                    "select count(*) from audit_log where action = 'apikey.revoke' and subject = :id")
                .param("id", id)
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void theKeysOfAnUnknownOrganisationAreNotFound() {
    Api.Response listed = api.get("/api/v1/admin/orgs/no-such-org/keys", ADMIN_KEY);
    Api.Response issued =
        api.postJson("/api/v1/admin/orgs/no-such-org/keys", ADMIN_KEY, Map.of("label", "x"));

    assertThat(listed.status()).isEqualTo(404);
    assertThat(listed.code()).isEqualTo("NOT_FOUND");
    assertThat(issued.status()).isEqualTo(404);
  }

  @Test
  void aLabelWithControlCharactersIsRefused() {
    Org org = tenants.create();
    Api.Response refused =
        api.postJson(
            "/api/v1/admin/orgs/" + org.id() + "/keys", ADMIN_KEY, Map.of("label", "a\nb"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
  }
}
