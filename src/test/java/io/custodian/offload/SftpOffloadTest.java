package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.media.WavFormat;
import io.custodian.media.WavValidator;
import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.offload.sftp.SftpEndpoint;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Voice and message batches delivered to a real SFTP server (Apache MINA SSHD on loopback): u-law
 * WAVs, a CSV a standard reader parses, a manifest {@code sha256sum -c} accepts, the marker last,
 * no temporary names, and nothing delivered twice.
 */
class SftpOffloadTest extends AppTest {

  @TempDir Path remote;
  private MinaSftpServer server;
  private Org org;

  @BeforeEach
  void serverAndOrganisation() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    Files.createDirectories(remote.resolve("messages"));
    server = new MinaSftpServer(remote);
    org = tenants.create();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  @Test
  void aVoiceBatchArrivesCompleteAndVerifiable() throws Exception {
    Map<String, byte[]> sent = new HashMap<>();
    sent.put(call("u", TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(2))), null);
    sent.put(
        call("p", TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(3))), null);
    sent.put(
        call("a", TestAudio.tone(AudioEncoding.ALAW, 1, 16000, Duration.ofMillis(1500))), null);
    configure("voice", Map.of("everyMinutes", 30));

    JsonNode outcomes = run("voice");

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).path("delivered").asBoolean()).as(outcomes.toString()).isTrue();
    String batch = outcomes.get(0).path("batch").asString();
    Path dir = remote.resolve("voice").resolve(batch);
    assertThat(dir.resolve(batch + ".done")).exists();
    assertThat(sha256sumCheck(dir, batch + ".sha256")).isZero();
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".part"))
          .hasSize(3 + 3);
    }
    List<CSVRecord> rows = csv(dir.resolve(batch + ".csv"));
    assertThat(rows).hasSize(3);
    for (CSVRecord row : rows) {
      Path wav = dir.resolve(row.get("file_name"));
      byte[] bytes = Files.readAllBytes(wav);
      assertThat(sha256(bytes)).isEqualTo(row.get("file_sha256"));
      assertThat(Long.parseLong(row.get("file_size"))).isEqualTo(bytes.length);
      WavFormat format =
          new WavValidator(1L << 30)
              .copy(
                  new java.io.ByteArrayInputStream(bytes), java.io.OutputStream.nullOutputStream());
      assertThat(format.encoding()).isEqualTo(AudioEncoding.ULAW);
      assertThat(format.sampleRate()).isEqualTo(8000);
      assertThat(format.duration().toMillis())
          .isCloseTo(Long.parseLong(row.get("duration_ms")), Offset.offset(2L));
      assertThat(row.get("codec")).isEqualTo("ulaw");
    }
    assertThat(rows.stream().map(r -> r.get("caller_number"))).containsOnly("+442071234567");
    assertThat(auditCount("offload.delivered", org.id(), "SUCCESS")).isEqualTo(3);
    assertThat(run("voice")).as("nothing left to deliver").isEmpty();
    assertThat(batches("voice")).hasSize(1);
  }

  @Test
  void aMessageBatchCarriesTheContentInItsCsv() throws Exception {
    String hostile = "=HYPERLINK(\"http://x\")\r\n\"quoted\", مرحبا 👍";
    Api.Response m1 =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages", org.key(), Messages.sms("m1", hostile));
    Api.Response m2 =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages", org.key(), Messages.sms("m2", "plain"));
    assertThat(m1.status()).isEqualTo(201);
    assertThat(m2.status()).isEqualTo(201);
    configure("messages", Map.of("dailyAt", "02:00"));

    JsonNode outcomes = run("messages");

    String batch = outcomes.get(0).path("batch").asString();
    Path dir = remote.resolve("messages").resolve(batch);
    assertThat(dir.resolve(batch + ".done")).exists();
    assertThat(sha256sumCheck(dir, batch + ".sha256")).isZero();
    List<CSVRecord> rows = csv(dir.resolve(batch + ".csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).get("body")).isEqualTo("'" + hostile);
    assertThat(rows.get(1).get("body")).isEqualTo("plain");
    assertThat(rows.get(0).get("from")).isEqualTo("+15550001");
  }

  @Test
  void anUnknownHostKeyDeliversNothingAndTheBatchWaits() throws Exception {
    call("k", TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(1)));
    String otherKey =
        PublicKeyEntry.toString(KeyUtils.generateKeyPair("ssh-ed25519", 256).getPublic());
    configure("voice", Map.of("everyMinutes", 30, "hostKey", otherKey));

    JsonNode outcomes = run("voice");

    assertThat(outcomes.get(0).path("delivered").asBoolean()).isFalse();
    assertThat(outcomes.get(0).path("error").asString()).contains("not the pinned key");
    try (Stream<Path> files = Files.list(remote.resolve("voice"))) {
      assertThat(files).isEmpty();
    }
    JsonNode batch = batches("voice").get(0);
    assertThat(batch.path("status").asString()).isEqualTo("pending");
    assertThat(batch.path("attempts").asInt()).isEqualTo(1);

    configure("voice", Map.of("everyMinutes", 30));
    assertThat(run("voice").get(0).path("delivered").asBoolean()).isTrue();
    assertThat(batches("voice")).hasSize(1);
  }

  @Test
  void secretsAreNeverReturned() {
    Api.Response saved = configure("voice", Map.of("everyMinutes", 30));
    assertThat(saved.text()).doesNotContain(server.endpoint().password());
    assertThat(saved.json().path("hasPassword").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/admin/orgs/" + org.id() + "/offload/voice", ADMIN_KEY).text())
        .doesNotContain(server.endpoint().password());
  }

  private String call(String sourceId, byte[] wav) {
    Api.Response created = api.postCall(org.id(), org.key(), Calls.metadata(sourceId), wav);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private Api.Response configure(String stream, Map<String, Object> overrides) {
    SftpEndpoint endpoint = server.endpoint();
    Map<String, Object> body = new HashMap<>();
    body.put("host", endpoint.host());
    body.put("port", endpoint.port());
    body.put("user", endpoint.user());
    body.put("hostKey", endpoint.hostKey());
    body.put("password", endpoint.password());
    body.put("directory", "/" + stream);
    body.putAll(overrides);
    Api.Response saved =
        api.send(
            api.request("/api/v1/admin/orgs/" + org.id() + "/offload/" + stream, ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .writeValueAsString(body)))
                .build());
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    return saved;
  }

  private JsonNode run(String stream) {
    Api.Response answer =
        api.postJson(
            "/api/v1/admin/orgs/" + org.id() + "/offload/" + stream + "/runs", ADMIN_KEY, "{}");
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    return answer.json();
  }

  private JsonNode batches(String stream) {
    return api.get("/api/v1/admin/orgs/" + org.id() + "/offload/" + stream + "/batches", ADMIN_KEY)
        .json();
  }

  private static int sha256sumCheck(Path dir, String manifest) throws Exception {
    Process check =
        new ProcessBuilder("sha256sum", "--check", "--strict", manifest)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(output).doesNotContain("FAILED");
    return check.exitValue();
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(in)
          .getRecords();
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
