package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Acknowledgements over the API: idempotent, all or nothing, audited, scoped to the organisation;
 * and with an API destination set to purge, the acknowledged content is crypto-shredded once every
 * destination carrying the record has it.
 */
class AcknowledgementTest extends AppTest {

  @TempDir Path remote;
  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  @Test
  void acknowledgingIsIdempotentAndEachTimeAudited() {
    String call = call("a-1");
    Api.Response first = acknowledge("recordings", call);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().path("recordId").asString()).isEqualTo(call);
    assertThat(first.json().path("purged").asBoolean()).isFalse();
    Api.Response again = acknowledge("recordings", call);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("acknowledgedAt").asString())
        .as("the first time stays the time")
        .isEqualTo(first.json().path("acknowledgedAt").asString());
    assertThat(auditCount("recording.acknowledge", org.id(), "SUCCESS")).isEqualTo(2);
    assertThat(api.get(path("recordings", call) + "/content", org.key()).status())
        .as("no API destination: nothing is purged")
        .isEqualTo(200);
  }

  @Test
  void aListIsAcknowledgedAllOrNothing() {
    List<String> ids = List.of(message("m-1"), message("m-2"), message("m-3"));
    Api.Response some = acknowledgeAll("messages", ids);
    assertThat(some.status()).as(some.toString()).isEqualTo(200);
    assertThat(some.json().path("acknowledged").findValuesAsString("recordId"))
        .containsExactlyElementsOf(ids);

    String unknown = UUID.randomUUID().toString();
    String fresh = message("m-4");
    Api.Response refused = acknowledgeAll("messages", List.of(fresh, unknown));
    assertThat(refused.status()).isEqualTo(404);
    assertThat(refused.code()).isEqualTo("NOT_FOUND");
    assertThat(acknowledged(fresh)).as("nothing of a refused list is acknowledged").isFalse();
    assertThat(auditCount("message.acknowledge", org.id(), "REJECTED")).isEqualTo(1);

    Api.Response aCall = acknowledgeAll("messages", List.of(call("not-a-message")));
    assertThat(aCall.status()).as("a recording's id is no message's").isEqualTo(404);
  }

  @Test
  void anotherOrganisationsRecordsCannotBeAcknowledged() {
    Org other = tenants.create();
    String theirs =
        api.postCall(other.id(), other.key(), Calls.metadata("theirs"), Calls.ulaw())
            .json()
            .path("id")
            .asString();
    assertThat(acknowledge("recordings", theirs).status()).isEqualTo(404);
    assertThat(acknowledged(theirs)).isFalse();
    Api.Response crossing =
        api.postJson(path("recordings", theirs) + "/acknowledgement", other.key(), "{}");
    assertThat(crossing.status()).as("their key on our path").isEqualTo(404);
    Api.Response admin =
        api.postJson(path("recordings", theirs) + "/acknowledgement", ADMIN_KEY, "{}");
    assertThat(admin.status()).as("an admin key reads and acknowledges nothing").isEqualTo(404);
  }

  @Test
  void badListsAreRefusedAndChangeNothing() {
    String id = message("b-1");
    assertThat(acknowledgeAll("messages", List.of()).status()).isEqualTo(400);
    List<String> tooMany = new ArrayList<>(Collections.nCopies(1_001, id));
    assertThat(acknowledgeAll("messages", tooMany).status()).isEqualTo(400);
    assertThat(acknowledgeAll("messages", List.of(id, "not-an-id")).code())
        .isEqualTo("INVALID_REQUEST");
    assertThat(
            api.postJson(
                    "/api/v1/orgs/" + org.id() + "/messages/acknowledgements",
                    org.key(),
                    Map.of("id", List.of(id)))
                .code())
        .isEqualTo("INVALID_REQUEST");
    assertThat(acknowledged(id)).isFalse();
  }

  @Test
  void withAnApiDestinationSetToPurgeAnAcknowledgedRecordIsPurged() {
    configureApi(true);
    String message = message("p-1");
    Api.Response answer = acknowledge("messages", message);
    assertThat(answer.json().path("purged").asBoolean()).isTrue();
    Api.Response content = api.get(path("messages", message) + "/content", org.key());
    assertThat(content.code()).isEqualTo("CONTENT_PURGED");
    assertThat(api.get(path("messages", message), org.key()).status()).isEqualTo(200);

    configureApi(false);
    String kept = message("p-2");
    assertThat(acknowledge("messages", kept).json().path("purged").asBoolean()).isFalse();
    assertThat(api.get(path("messages", kept) + "/content", org.key()).status()).isEqualTo(200);
  }

  @Test
  void aRecordAlsoOffloadedOverSftpIsPurgedOnlyOnceAcknowledgedAndDelivered() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    try (MinaSftpServer server = new MinaSftpServer(remote)) {
      configureApi(true);
      Map<String, Object> voice = OffloadAdmin.sftp(server.endpoint(), "/voice");
      voice.put("purgeAfterDelivery", true);
      OffloadAdmin admin = new OffloadAdmin(api, org.id(), ADMIN_KEY);
      admin.configure("voice", voice);

      String ackedFirst = call("s-1");
      assertThat(acknowledge("recordings", ackedFirst).json().path("purged").asBoolean())
          .as("not yet delivered over SFTP")
          .isFalse();
      assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(api.get(path("recordings", ackedFirst) + "/content", org.key()).code())
          .isEqualTo("CONTENT_PURGED");

      String deliveredFirst = call("s-2");
      assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(api.get(path("recordings", deliveredFirst) + "/content", org.key()).status())
          .as("delivered, not yet acknowledged")
          .isEqualTo(200);
      assertThat(acknowledge("recordings", deliveredFirst).json().path("purged").asBoolean())
          .isTrue();
      assertThat(api.get(path("recordings", deliveredFirst) + "/content", org.key()).code())
          .isEqualTo("CONTENT_PURGED");
    }
  }

  @Test
  void theApiDestinationIsAnAdminSetting() {
    assertThat(api.get(apiDestination(), ADMIN_KEY).status()).isEqualTo(404);
    configureApi(true);
    JsonNode shown = api.get(apiDestination(), ADMIN_KEY).json();
    assertThat(shown.path("purgeAfterAcknowledgement").asBoolean()).isTrue();
    assertThat(api.get(apiDestination(), org.key()).status()).isEqualTo(404);
    assertThat(auditCount("offload.destination.save", org.id(), "SUCCESS")).isEqualTo(1);
  }

  private void configureApi(boolean purge) {
    Api.Response saved =
        api.send(
            api.request(apiDestination(), ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"purgeAfterAcknowledgement\":" + purge + "}"))
                .build());
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
  }

  private String apiDestination() {
    return "/api/v1/admin/orgs/" + org.id() + "/offload/api";
  }

  private Api.Response acknowledge(String kind, String id) {
    return api.postJson(path(kind, id) + "/acknowledgement", org.key(), "{}");
  }

  private Api.Response acknowledgeAll(String kind, List<String> ids) {
    return api.postJson(
        "/api/v1/orgs/" + org.id() + "/" + kind + "/acknowledgements",
        org.key(),
        Map.of("ids", ids));
  }

  private boolean acknowledged(String id) {
    return jdbc.sql("select count(*) from acknowledgements where record_id = cast(:id as uuid)")
            .param("id", id)
            .query(Long.class)
            .single()
        > 0;
  }

  private String path(String kind, String id) {
    return "/api/v1/orgs/" + org.id() + "/" + kind + "/" + id;
  }

  private String call(String sourceId) {
    Api.Response created =
        api.postCall(org.id(), org.key(), Calls.metadata(sourceId), Calls.ulaw());
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private String message(String sourceId) {
    Api.Response created =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages",
            org.key(),
            Messages.sms(sourceId, "ack " + sourceId));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asString();
  }
}
