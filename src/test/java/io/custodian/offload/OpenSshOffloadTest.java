package io.custodian.offload;

import static io.custodian.offload.BatchFiles.csv;
import static io.custodian.offload.BatchFiles.sha256;
import static io.custodian.offload.BatchFiles.sha256sumCheck;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.offload.sftp.OpenSshServer;
import io.custodian.offload.sftp.SftpConnection;
import io.custodian.offload.sftp.SftpEndpoint;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A voice batch delivered through the admin API to OpenSSH's sshd, logging in by key: what lands on
 * the customer's disk is complete, verifiable with sha256sum and readable as CSV.
 */
class OpenSshOffloadTest extends AppTest {

  @TempDir Path home;
  @TempDir Path remote;
  private OpenSshServer server;
  private Org org;
  private OffloadAdmin offload;

  @BeforeEach
  void serverAndOrganisation() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    server = new OpenSshServer(home);
    org = tenants.create();
    offload = new OffloadAdmin(api, org.id(), ADMIN_KEY);
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aVoiceBatchArrivesCompleteOnOpenSsh() throws Exception {
    call("u", TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(2)));
    call("p", TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(3)));
    call("a", TestAudio.tone(AudioEncoding.ALAW, 1, 16000, Duration.ofMillis(1500)));
    SftpEndpoint endpoint = server.endpoint(remote.resolve("voice"));
    Map<String, Object> body = new HashMap<>();
    body.put("host", endpoint.host());
    body.put("port", endpoint.port());
    body.put("user", endpoint.user());
    body.put("hostKey", endpoint.hostKey());
    body.put("privateKey", endpoint.privateKey());
    body.put("directory", endpoint.directory());
    body.put("everyMinutes", 30);
    offload.configure("voice", body);

    JsonNode outcomes = offload.run("voice");

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).path("delivered").asBoolean())
        .as(() -> outcomes + "\n" + serverLog())
        .isTrue();
    String batch = outcomes.get(0).path("batch").asString();
    Path dir = remote.resolve("voice").resolve(batch);
    assertThat(dir.resolve(batch + ".done")).exists();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(SftpConnection.PARTIAL))
          .hasSize(3 + 3);
    }
    assertThat(sha256sumCheck(dir, batch + ".sha256")).isZero();
    List<CSVRecord> rows = csv(dir.resolve(batch + ".csv"));
    assertThat(rows).hasSize(3);
    for (CSVRecord row : rows) {
      byte[] wav = Files.readAllBytes(dir.resolve(row.get("file_name")));
      assertThat(sha256(wav)).isEqualTo(row.get("file_sha256"));
      assertThat(Long.parseLong(row.get("file_size"))).isEqualTo(wav.length);
      assertThat(row.get("codec")).isEqualTo("ulaw");
    }
    assertThat(offload.run("voice")).as("nothing left to deliver").isEmpty();
  }

  private void call(String sourceId, byte[] wav) {
    Api.Response created = api.postCall(org.id(), org.key(), Calls.metadata(sourceId), wav);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
  }

  private String serverLog() {
    try {
      return server.log();
    } catch (java.io.IOException e) {
      return "(no sshd log: " + e + ")";
    }
  }
}
