package io.custodian.offload;

import static io.custodian.offload.BatchFiles.csv;
import static io.custodian.offload.BatchFiles.sha256;
import static io.custodian.offload.BatchFiles.sha256sumCheck;
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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
  private OffloadAdmin offload;

  @BeforeEach
  void serverAndOrganisation() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    Files.createDirectories(remote.resolve("messages"));
    server = new MinaSftpServer(remote);
    org = tenants.create();
    offload = new OffloadAdmin(api, org.id(), ADMIN_KEY);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  @Test
  void aVoiceBatchArrivesCompleteAndVerifiable() throws Exception {
    Map<String, byte[]> sent = new HashMap<>();
    sent.put(
        call("u", withoutFact(TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(2)))),
        null);
    sent.put(
        call("p", TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(3))), null);
    sent.put(
        call("a", TestAudio.tone(AudioEncoding.ALAW, 1, 16000, Duration.ofMillis(1500))), null);
    // Sent as stored (an odd frame count, so a pad byte), its hash taken from the vault; the same
    // with a pad byte that is not zero, which goes out as zero; and a file of the same size that
    // is not sent as stored.
    byte[] canonical =
        TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofNanos(2_000_125_000L));
    sent.put(call("c", canonical), canonical);
    byte[] padded = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofNanos(1_000_125_000L));
    padded[padded.length - 1] = 0x5a;
    sent.put(call("z", padded), padded);
    sent.put(
        call("l", withList(TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(1)))),
        null);
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
          .hasSize(6 + 3);
    }
    List<CSVRecord> rows = csv(dir.resolve(batch + ".csv"));
    assertThat(rows).hasSize(6);
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
      byte[] stored = sent.get(row.get("record_id"));
      if (stored == canonical) {
        assertThat(bytes).as("sent as stored").isEqualTo(stored);
      } else if (stored == padded) {
        assertThat(bytes).hasSize(stored.length).endsWith(0);
        assertThat(Arrays.copyOf(bytes, bytes.length - 1))
            .as("sent as stored but the pad byte")
            .isEqualTo(Arrays.copyOf(stored, stored.length - 1));
      }
      assertThat(new String(bytes, 38, 4, StandardCharsets.US_ASCII)).isEqualTo("fact");
      assertThat(ByteBuffer.wrap(bytes, 46, 4).order(ByteOrder.LITTLE_ENDIAN).getInt())
          .as("fact holds the frame count")
          .isEqualTo(format.frames());
    }
    assertThat(rows.stream().map(r -> r.get("caller_number"))).containsOnly("+442071234567");
    // What a resumed delivery relies on: each item records the size and SHA-256 of its file.
    assertThat(
            jdbc.sql(
                    """
                    select i.file_name, i.file_size, encode(i.file_sha256, 'hex') from offload_batch_items i
                      join offload_batches b on b.id = i.batch_id where b.name = :batch
                    """)
                .param("batch", batch)
                .query((rs, n) -> rs.getString(1) + " " + rs.getLong(2) + " " + rs.getString(3))
                .list())
        .containsExactlyInAnyOrderElementsOf(
            rows.stream()
                .map(
                    r -> r.get("file_name") + " " + r.get("file_size") + " " + r.get("file_sha256"))
                .toList());
    assertThat(auditCount("offload.delivered", org.id(), "SUCCESS")).isEqualTo(6);
    assertThat(
            jdbc.sql(
                    "select count(distinct subject) from audit_log where action = 'vault.key.unwrap'"
                        + " and actor = 'system:offload' and org_id = :org")
                .param("org", org.id())
                .query(Long.class)
                .single())
        .as("every call's read for the offload is audited")
        .isEqualTo(6);
    assertThat(run("voice")).as("nothing left to deliver").isEmpty();
    assertThat(batches("voice")).hasSize(1);
  }

  /**
   * The same u-law audio under a plain 16-byte fmt and no fact chunk, as many recorders write it.
   */
  private static byte[] withoutFact(byte[] canonical) {
    int data = 58 - 8;
    int samples = canonical.length - 58;
    ByteBuffer wav = ByteBuffer.allocate(44 + samples).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples);
    wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    wav.putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000);
    wav.putShort((short) 1).putShort((short) 8);
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
    wav.put(canonical, data + 8, samples);
    return wav.array();
  }

  /**
   * The same u-law audio under a 16-byte fmt and a 6-byte LIST chunk: as long as the canonical
   * file, but not its bytes.
   */
  private static byte[] withList(byte[] canonical) {
    int samples = canonical.length - 58;
    ByteBuffer wav = ByteBuffer.allocate(58 + samples).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(50 + samples);
    wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    wav.putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000);
    wav.putShort((short) 1).putShort((short) 8);
    wav.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(6);
    wav.put("INFOab".getBytes(StandardCharsets.US_ASCII));
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
    wav.put(canonical, 58, samples);
    return wav.array();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"recorded hash", "last segment"})
  void aCallThatFailsItsIntegrityCheckIsNeverDeliveredUnderItsName(String tampered)
      throws Exception {
    // Sent as stored, in 256 KiB segments: the vault's check fails on the last of them (a flipped
    // byte) or once every byte was read (a recorded hash that is not the content's).
    String id = call("t", TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(70)));
    UUID object =
        jdbc.sql("select object_id from recordings where id = :id")
            .param("id", UUID.fromString(id))
            .query(UUID.class)
            .single();
    if (tampered.equals("recorded hash")) {
      jdbc.sql("update vault_objects set sha256 = :sha where id = :id")
          .param("sha", new byte[32])
          .param("id", object)
          .update();
    } else {
      String name = object.toString();
      Path blob =
          DATA_DIR
              .resolve("blobs/objects")
              .resolve(org.id())
              .resolve(name.substring(0, 2))
              .resolve(name);
      byte[] sealed = Files.readAllBytes(blob);
      sealed[sealed.length - 100] ^= 0x01;
      Files.write(blob, sealed);
    }
    configure("voice", Map.of("everyMinutes", 30));

    JsonNode outcomes = run("voice");

    assertThat(outcomes.get(0).path("delivered").asBoolean()).isFalse();
    String batch = outcomes.get(0).path("batch").asString();
    try (Stream<Path> files = Files.list(remote.resolve("voice").resolve(batch))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("at most a temporary name, never the final one")
          .noneMatch(n -> n.endsWith(".wav") || n.endsWith(".done"));
    }
    assertThat(auditCount("vault.integrity.failure", org.id(), "FAILED")).isEqualTo(1);
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
    return offload.configure(stream, body);
  }

  private JsonNode run(String stream) {
    return offload.run(stream);
  }

  private JsonNode batches(String stream) {
    return offload.batches(stream);
  }
}
