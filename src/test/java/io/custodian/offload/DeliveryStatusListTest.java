package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.offload.smtp.ScriptedSmtpServer;
import io.custodian.offload.smtp.SmtpEndpoint;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Delivery status in the lists: each record's metadata says when it first reached each destination
 * (its SFTP batch verified, the mailbox's 250, the customer's acknowledgement), and the lists
 * filter by it, alone, together and with a time range, over real servers.
 */
class DeliveryStatusListTest extends AppTest {

  @TempDir Path remote;
  private Org org;
  private OffloadAdmin admin;

  @BeforeEach
  void organisation() {
    org = tenants.create();
    admin = new OffloadAdmin(api, org.id(), ADMIN_KEY);
  }

  @Test
  void messagesListByWhereTheyHaveBeenDelivered() throws Exception {
    Files.createDirectories(remote.resolve("messages"));
    try (MinaSftpServer sftp = new MinaSftpServer(remote);
        ScriptedSmtpServer smtp = new ScriptedSmtpServer((command, n) -> null)) {
      Instant start = Instant.now().minusSeconds(1);
      List<String> first = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        first.add(postMessage(Messages.sms("first-" + i, "body " + i)));
      }
      admin.configure("messages", OffloadAdmin.sftp(sftp.endpoint(), "/messages"));
      admin.configure(
          "mail", MailOffloadTest.destination(SmtpEndpoint.Tls.NONE, smtp.port(), null, null));

      assertThat(ids("sftp=undelivered")).isEqualTo(first);
      assertThat(ids("sftp=delivered")).isEmpty();
      assertThat(list("").path("items").get(0).path("delivery").path("sftp").isNull()).isTrue();

      assertThat(admin.run("messages").get(0).path("delivered").asBoolean()).isTrue();
      String later = postMessage(Messages.sms("later", "after the batch"));
      List<String> all = new ArrayList<>(first);
      all.add(later);

      assertThat(ids("sftp=delivered")).isEqualTo(first);
      assertThat(ids("sftp=undelivered")).containsExactly(later);
      assertThat(ids("mail=undelivered")).isEqualTo(all);
      JsonNode delivered = message(first.get(0)).path("delivery");
      Instant sftpAt = Instant.parse(delivered.path("sftp").asString());
      assertThat(sftpAt).isAfter(start);
      assertThat(delivered.path("mail").isNull()).isTrue();
      assertThat(delivered.path("acknowledged").isNull()).isTrue();

      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(ids("mail=delivered")).isEqualTo(all);
      assertThat(ids("mail=undelivered")).isEmpty();
      assertThat(message(later).path("delivery").path("mail").isNull()).isFalse();

      Api.Response ack =
          api.postJson(
              "/api/v1/orgs/" + org.id() + "/messages/" + first.get(1) + "/acknowledgement",
              org.key(),
              "{}");
      assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
      assertThat(ids("acknowledged=true")).containsExactly(first.get(1));
      assertThat(ids("acknowledged=false")).containsExactly(first.get(0), first.get(2), later);
      assertThat(ids("sftp=delivered&acknowledged=false"))
          .containsExactly(first.get(0), first.get(2));
      assertThat(ids("sftp=undelivered&mail=delivered")).containsExactly(later);
      assertThat(ids("sftp=delivered&mail=undelivered")).isEmpty();
      // The same filters where the page comes from the time index, and with a participant.
      String since = "sentFrom=2026-11-21T08:00:00Z&sentBefore=2026-11-22T00:00:00Z&";
      assertThat(ids(since + "sftp=delivered&acknowledged=false"))
          .containsExactly(first.get(0), first.get(2));
      assertThat(ids("receivedFrom=" + start + "&sftp=undelivered")).containsExactly(later);
      assertThat(ids("participant=%2B15550002&acknowledged=true")).containsExactly(first.get(1));
      // Deliveries elsewhere leave the SFTP time as it was.
      assertThat(message(first.get(0)).path("delivery").path("sftp").asString())
          .isEqualTo(sftpAt.toString());
    }
  }

  @Test
  void recordingsListByTheirSftpDeliveryAndAcknowledgement() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    try (MinaSftpServer sftp = new MinaSftpServer(remote)) {
      List<String> calls = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Api.Response created =
            api.postCall(org.id(), org.key(), Calls.metadata(Calls.newSourceId()), Calls.ulaw());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        calls.add(created.json().path("id").asString());
      }
      admin.configure("voice", OffloadAdmin.sftp(sftp.endpoint(), "/voice"));
      assertThat(recordingIds("sftp=undelivered")).isEqualTo(calls);

      assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(recordingIds("sftp=delivered")).isEqualTo(calls);
      assertThat(recordingIds("sftp=undelivered")).isEmpty();
      JsonNode delivery =
          api.get("/api/v1/orgs/" + org.id() + "/recordings/" + calls.get(0), org.key())
              .json()
              .path("delivery");
      assertThat(delivery.path("sftp").isNull()).isFalse();
      assertThat(delivery.has("mail")).as("recordings are not delivered by mail").isFalse();

      Api.Response ack =
          api.postJson(
              "/api/v1/orgs/" + org.id() + "/recordings/" + calls.get(1) + "/acknowledgement",
              org.key(),
              "{}");
      assertThat(ack.status()).as(ack.toString()).isEqualTo(200);
      assertThat(recordingIds("acknowledged=false")).containsExactly(calls.get(0));
      assertThat(recordingIds("acknowledged=true&sftp=delivered")).containsExactly(calls.get(1));
    }
  }

  @Test
  void badDeliveryFiltersAre400() {
    for (String query : new String[] {"sftp=yes", "acknowledged=1", "mail=delivered"}) {
      Api.Response answer = api.get("/api/v1/orgs/" + org.id() + "/recordings?" + query, org.key());
      assertThat(answer.status()).as(query).isEqualTo(400);
      assertThat(answer.code()).as(query).isEqualTo("INVALID_REQUEST");
    }
  }

  private String postMessage(Map<String, Object> message) {
    Api.Response posted =
        api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), message);
    assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
    return posted.json().path("id").asString();
  }

  private JsonNode message(String id) {
    return api.get("/api/v1/orgs/" + org.id() + "/messages/" + id, org.key()).json();
  }

  private JsonNode list(String query) {
    Api.Response answer = api.get("/api/v1/orgs/" + org.id() + "/messages?" + query, org.key());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private List<String> ids(String query) {
    List<String> ids = new ArrayList<>();
    list(query).path("items").forEach(i -> ids.add(i.path("id").asString()));
    return ids;
  }

  private List<String> recordingIds(String query) {
    Api.Response answer = api.get("/api/v1/orgs/" + org.id() + "/recordings?" + query, org.key());
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    answer.json().path("items").forEach(i -> ids.add(i.path("id").asString()));
    return ids;
  }
}
