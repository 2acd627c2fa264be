package io.custodian.offload.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Sha256ManifestTest {

  @TempDir Path batch;

  @Test
  void aBatchWrittenHereChecksWithTheRealSha256sum() throws Exception {
    BatchName name =
        BatchName.of(
            BatchStream.VOICE,
            Instant.parse("2026-11-21T23:30:00Z"),
            42,
            new CutManifest().add(UUID.randomUUID(), Fixtures.sha256Hex("x")).sha256());
    List<String> files = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String wav = FileNames.wav(UUID.randomUUID());
      Files.write(batch.resolve(wav), ("audio " + i).getBytes(StandardCharsets.UTF_8));
      files.add(wav);
    }
    Files.writeString(batch.resolve(name.csv()), "a,b\r\n\"x\r\ny\",😀\r\n");
    files.add(name.csv());
    try (OutputStream out = Files.newOutputStream(batch.resolve(name.manifest()));
        Sha256Manifest manifest = new Sha256Manifest(out)) {
      for (String file : files) {
        manifest.add(file, Fixtures.sha256(Files.readAllBytes(batch.resolve(file))));
      }
      assertThat(manifest.size()).isEqualTo(4);
    }

    Result ok = sha256sumCheck(name.manifest());
    assertThat(ok.exit()).as(ok.output()).isZero();
    assertThat(ok.output().lines()).hasSize(4).allMatch(line -> line.endsWith(": OK"));

    Files.writeString(batch.resolve(files.get(1)), "tampered");
    Result bad = sha256sumCheck(name.manifest());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.output()).contains(files.get(1) + ": FAILED");
  }

  @Test
  void writesTwoSpacesBetweenHashAndNameAndAnLfAfterEachLine() throws IOException {
    String hash = Fixtures.sha256Hex("a");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Sha256Manifest manifest = new Sha256Manifest(out)) {
      manifest.add("a.wav", hash);
      manifest.add("b.csv", hash);
    }
    assertThat(out.toString(StandardCharsets.US_ASCII))
        .isEqualTo(hash + "  a.wav\n" + hash + "  b.csv\n");
  }

  @Test
  void refusesNamesThatAreNotPlainDuplicatesAndBadDigests() throws IOException {
    String hash = Fixtures.sha256Hex("a");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Sha256Manifest manifest = new Sha256Manifest(out)) {
      for (String name :
          List.of("../a.wav", "dir/a.wav", "-c", ".hidden", "a\nb", "a\\b", "a b", "", "x.part")) {
        assertThatThrownBy(() -> manifest.add(name, hash))
            .as(name)
            .isInstanceOf(IllegalArgumentException.class);
      }
      manifest.add("a.wav", hash);
      assertThatThrownBy(() -> manifest.add("a.wav", hash))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> manifest.add("b.wav", hash.toUpperCase()))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> manifest.add("b.wav", new byte[31]))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(hash + "  a.wav\n");
  }

  private record Result(int exit, String output) {}

  private Result sha256sumCheck(String manifest) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("sha256sum", "--check", "--strict", manifest)
            .directory(batch.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(process.waitFor(), output);
  }
}
