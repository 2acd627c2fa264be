package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.compliance.Purges;
import io.custodian.compliance.RecordKind;
import io.custodian.compliance.WipeCandidate;
import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Purge after delivery: crypto-shredding only once a batch is delivered and verified, never before,
 * only where the organisation asked for it, and always through the compliance gate.
 */
class PurgeAfterDeliveryTest extends AppTest {

  @TempDir Path remote;
  private MinaSftpServer server;
  private Org org;
  private OffloadAdmin admin;
  @Autowired Purges purges;

  @BeforeEach
  void serverAndOrganisation() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    Files.createDirectories(remote.resolve("messages"));
    server = new MinaSftpServer(remote);
    org = tenants.create();
    admin = new OffloadAdmin(api, org.id(), ADMIN_KEY);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  @Test
  void deliveredCallsAndMessagesAreCryptoShreddedAndTheirMetadataStays() throws Exception {
    List<String> calls = calls(3);
    String message = messageWithAttachment();
    configure("voice", true);
    configure("messages", true);

    assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isTrue();
    assertThat(admin.run("messages").get(0).path("delivered").asBoolean()).isTrue();

    BatchFiles.assertOneCompleteBatch(remote.resolve("voice"), calls.size());
    for (String call : calls) {
      assertPurged(call, "recordings", call + "/content");
      assertThat(api.get(call, org.key()).status()).as("metadata stays").isEqualTo(200);
    }
    assertPurged(message, "messages", message + "/content", message + "/attachments/0");
    assertThat(api.get(message, org.key()).status()).isEqualTo(200);
    assertThat(auditCount("record.purge", org.id(), "SUCCESS")).isEqualTo(calls.size() + 1);
    assertThat(auditCount("vault.key.destroy", org.id(), "SUCCESS")).isEqualTo(calls.size() + 2);
    assertThat(blobs()).as("no ciphertext of the organisation is left").isEmpty();

    admin.run("voice");
    assertThat(auditCount("record.purge", org.id(), "SUCCESS"))
        .as("a second pass purges nothing twice")
        .isEqualTo(calls.size() + 1);
  }

  @Test
  void nothingIsPurgedBeforeTheBatchIsVerifiedOnTheServer() throws Exception {
    List<String> calls = calls(2);
    configure("voice", true);
    AtomicBoolean refuseManifest = new AtomicBoolean(true);
    server.addListener(
        new SftpEventListener() {
          @Override
          public void opening(ServerSession session, String remoteHandle, Handle localHandle)
              throws IOException {
            if (refuseManifest.get()
                && localHandle instanceof FileHandle
                && localHandle.getFile().getFileName().toString().contains(".sha256")) {
              throw new IOException("No space left on device");
            }
          }
        });

    assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isFalse();

    for (String call : calls) {
      assertThat(api.get(call + "/content", org.key()).status())
          .as("the WAVs are on the server, but the batch is not verified: nothing purged")
          .isEqualTo(200);
    }
    assertThat(auditCount("record.purge", org.id(), "SUCCESS")).isZero();

    refuseManifest.set(false);
    assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isTrue();
    BatchFiles.assertOneCompleteBatch(remote.resolve("voice"), calls.size());
    for (String call : calls) {
      assertPurged(call, "recordings", call + "/content");
    }
  }

  @Test
  void withPurgeOffDeliveredContentStaysReadable() throws Exception {
    List<String> calls = calls(2);
    configure("voice", false);

    assertThat(admin.run("voice").get(0).path("delivered").asBoolean()).isTrue();

    for (String call : calls) {
      assertThat(api.get(call + "/content", org.key()).status()).isEqualTo(200);
    }
    assertThat(blobs()).hasSize(calls.size());
  }

  @Test
  void theGateRefusesToPurgeWhatWasNotDelivered() throws Exception {
    String call = calls(1).get(0);
    UUID id = UUID.fromString(call.substring(call.lastIndexOf('/') + 1));

    assertThat(purges.purge(new WipeCandidate(org.id(), RecordKind.RECORDING, id), "tester"))
        .isEqualTo(Purges.Result.REFUSED);
    assertThat(purges.purge(new WipeCandidate(org.id(), RecordKind.MESSAGE, id), "tester"))
        .as("the id is a recording's, not a message's")
        .isEqualTo(Purges.Result.NOT_FOUND);
    assertThat(purges.purge(new WipeCandidate("another-org", RecordKind.RECORDING, id), "tester"))
        .as("another organisation cannot name it")
        .isEqualTo(Purges.Result.NOT_FOUND);

    assertThat(api.get(call + "/content", org.key()).status()).isEqualTo(200);
    assertThat(auditCount("record.purge", org.id(), "REJECTED")).isEqualTo(1);
    assertThat(blobs()).hasSize(1);
  }

  private void assertPurged(String record, String kind, String... contents) throws IOException {
    for (String content : contents) {
      Api.Response gone = api.get(content, org.key());
      assertThat(gone.status()).as(gone.toString()).isEqualTo(410);
      assertThat(gone.code()).isEqualTo("CONTENT_PURGED");
    }
    UUID id = UUID.fromString(record.substring(record.lastIndexOf('/') + 1));
    String column = kind.equals("recordings") ? "object_id" : "body_object_id";
    assertThat(
            jdbc.sql(
                    "select o.wrapped_key is null and o.shredded_at is not null from "
                        + kind
                        + " r join vault_objects o on o.id = r."
                        + column
                        + " where r.id = :id")
                .param("id", id)
                .query(Boolean.class)
                .single())
        .as("the data key is destroyed")
        .isTrue();
  }

  private List<Path> blobs() throws IOException {
    Path dir = DATA_DIR.resolve("blobs").resolve("objects").resolve(org.id());
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (var files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private List<String> calls(int count) {
    List<String> locations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Api.Response created =
          api.postCall(org.id(), org.key(), Calls.metadata("p-" + i), Calls.ulaw());
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      locations.add(created.header("Location"));
    }
    return locations;
  }

  private String messageWithAttachment() {
    Map<String, Object> message = Messages.sms("m-1", "purge me after delivery");
    message.put(
        "attachments",
        List.of(
            Map.of(
                "mediaType",
                "image/png",
                "content",
                Base64.getEncoder().encodeToString(new byte[] {1, 2, 3}))));
    Api.Response created =
        api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), message);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.header("Location");
  }

  private void configure(String stream, boolean purge) {
    Map<String, Object> body = OffloadAdmin.sftp(server.endpoint(), "/" + stream);
    body.put("purgeAfterDelivery", purge);
    admin.configure(stream, body);
  }
}
