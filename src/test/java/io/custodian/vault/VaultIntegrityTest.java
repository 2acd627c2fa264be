package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Tampering with stored content is detected on read, counted, audited and never served as good
 * data; no plaintext is ever written under the data directory.
 */
class VaultIntegrityTest extends AppTest {

  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  @Test
  void aFlippedCiphertextByteFailsTheReadAsAnIntegrityError() throws IOException {
    Api.Response call = api.postCall(org.id(), org.key(), Calls.metadata("flip"), Calls.ulaw());
    Path blob = blobOf(call);
    double failuresBefore = integrityFailures();

    flipByte(blob, Files.size(blob) / 2);
    Api.Response read = api.get(call.header("Location") + "/content", org.key());

    assertThat(read.status()).isEqualTo(500);
    assertThat(read.code()).isEqualTo("INTEGRITY_FAILURE");
    assertThat(integrityFailures()).isEqualTo(failuresBefore + 1);
    assertThat(auditCount("vault.integrity.failure", org.id(), "FAILED")).isEqualTo(1);
  }

  @Test
  void aFlipInALaterSegmentAbortsTheResponseBeforeItsEnd() throws IOException {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(40));
    Api.Response call = api.postCall(org.id(), org.key(), Calls.metadata("long"), wav);
    assertThat(wav.length).isGreaterThan(2 * 1024 * 1024);
    Path blob = blobOf(call);

    flipByte(blob, Files.size(blob) - 1000);

    assertThatThrownBy(() -> api.get(call.header("Location") + "/content", org.key()))
        .isInstanceOf(UncheckedIOException.class);
    assertThat(auditCount("vault.integrity.failure", org.id(), "FAILED")).isEqualTo(1);
  }

  @Test
  void aBlobSwappedForAnotherObjectsFailsAuthentication() throws IOException {
    Api.Response first = api.postCall(org.id(), org.key(), Calls.metadata("one"), Calls.ulaw());
    Api.Response second = api.postCall(org.id(), org.key(), Calls.metadata("two"), Calls.ulaw());

    Files.copy(blobOf(second), blobOf(first), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Api.Response read = api.get(first.header("Location") + "/content", org.key());

    assertThat(read.status()).isEqualTo(500);
    assertThat(read.code()).isEqualTo("INTEGRITY_FAILURE");
  }

  @Test
  void noPlaintextOfARecordingOrMessageIsStoredUnderTheDataDirectory() throws IOException {
    String marker = "PLAINTEXT-" + UUID.randomUUID();
    byte[] audio = TestAudio.tone(AudioEncoding.PCM_S16LE, 1, 8000, Duration.ofSeconds(1));
    byte[] markerBytes = marker.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(markerBytes, 0, audio, 1000, markerBytes.length);
    byte[] audioSample = java.util.Arrays.copyOfRange(audio, 4000, 4064);
    assertThat(api.postCall(org.id(), org.key(), Calls.metadata("plain"), audio).status())
        .isEqualTo(201);
    String body = "Message body " + marker + " — confidential";
    Api.Response message =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages", org.key(), Messages.sms("plain", body));
    assertThat(message.status()).isEqualTo(201);
    jdbc.sql("checkpoint").update();

    List<byte[]> needles = List.of(markerBytes, audioSample, body.getBytes(StandardCharsets.UTF_8));
    try (Stream<Path> files = Files.walk(DATA_DIR)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        byte[] content = readQuietly(file);
        for (byte[] needle : needles) {
          assertThat(indexOf(content, needle)).as("plaintext in " + file).isEqualTo(-1);
        }
      }
    }
  }

  @Test
  void theKeysetIsReadableByItsOwnerOnly() throws IOException {
    Path keyset = DATA_DIR.resolve("keys/kek.json");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keyset)))
        .isEqualTo("rw-------");
  }

  private Path blobOf(Api.Response call) {
    UUID object =
        jdbc.sql("select object_id from recordings where id = :id")
            .param("id", UUID.fromString(call.json().path("id").asString()))
            .query(UUID.class)
            .single();
    String name = object.toString();
    return DATA_DIR
        .resolve("blobs/objects")
        .resolve(org.id())
        .resolve(name.substring(0, 2))
        .resolve(name);
  }

  private static void flipByte(Path file, long position) throws IOException {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer one = ByteBuffer.allocate(1);
      channel.read(one, position);
      one.flip();
      one.put(0, (byte) (one.get(0) ^ 0x01));
      channel.write(one, position);
    }
  }

  private double integrityFailures() {
    String metrics = new Api(managementPort).get("/actuator/prometheus", null).text();
    return metrics
        .lines()
        .filter(l -> l.startsWith("custodian_vault_integrity_failures_total"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }

  private static byte[] readQuietly(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return new byte[0]; // a file PostgreSQL removed while we walked
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
