package io.custodian.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An administrator deletes a record's content only where the purge gate allows it: never before
 * every destination has the record; audited either way; the metadata stays.
 */
class AdminPurgeTest extends AppTest {

  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  @Test
  void contentIsDeletedOnlyOnceDeliveredAndTheRefusalIsAudited() {
    String call =
        api.postCall(org.id(), org.key(), Calls.metadata("d-1"), Calls.ulaw())
            .json()
            .path("id")
            .asString();
    Api.Response refused = api.delete(adminPath("recordings", call), ADMIN_KEY);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("PURGE_REFUSED");
    assertThat(auditCount("record.purge", org.id(), "REJECTED")).isEqualTo(1);
    assertThat(api.get(orgPath(call) + "/content", org.key()).status()).isEqualTo(200);

    Api.Response destination =
        api.send(
            api.request("/api/v1/admin/orgs/" + org.id() + "/offload/api", ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"purgeAfterAcknowledgement\":false}"))
                .build());
    assertThat(destination.status()).isEqualTo(200);
    assertThat(api.postJson(orgPath(call) + "/acknowledgement", org.key(), "{}").status())
        .isEqualTo(200);
    assertThat(api.get(orgPath(call) + "/content", org.key()).status())
        .as("acknowledged, not purged by itself")
        .isEqualTo(200);

    assertThat(api.delete(adminPath("recordings", call), ADMIN_KEY).status()).isEqualTo(204);
    assertThat(api.get(orgPath(call) + "/content", org.key()).code()).isEqualTo("CONTENT_PURGED");
    assertThat(api.get(orgPath(call), org.key()).status()).as("metadata stays").isEqualTo(200);
    assertThat(auditCount("record.purge", org.id(), "SUCCESS")).isEqualTo(1);
    assertThat(api.delete(adminPath("recordings", call), ADMIN_KEY).status())
        .as("again: nothing left to delete, nothing changes")
        .isEqualTo(204);
  }

  @Test
  void unknownRecordsAndOrganisationKeysGet404() {
    String unknown = UUID.randomUUID().toString();
    assertThat(api.delete(adminPath("messages", unknown), ADMIN_KEY).status()).isEqualTo(404);
    assertThat(auditCount("record.purge", org.id(), "REJECTED")).isEqualTo(1);
    assertThat(api.delete(adminPath("messages", unknown), org.key()).status())
        .as("an organisation key on the admin API")
        .isEqualTo(404);
    assertThat(api.delete(adminPath("messages", "not-a-uuid"), ADMIN_KEY).code())
        .isEqualTo("MALFORMED_REQUEST");
  }

  private String adminPath(String kind, String id) {
    return "/api/v1/admin/orgs/" + org.id() + "/" + kind + "/" + id + "/content";
  }

  private String orgPath(String id) {
    return "/api/v1/orgs/" + org.id() + "/recordings/" + id;
  }
}
