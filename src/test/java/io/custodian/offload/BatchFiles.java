package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** A delivered batch read the way the customer's side reads it: sha256sum and a CSV parser. */
final class BatchFiles {

  private BatchFiles() {}

  /** Runs {@code sha256sum --check --strict} on a manifest in its directory; its exit code. */
  /**
   * Asserts that one batch, and only one, stands complete under {@code remote}: its marker, each of
   * {@code wavs} WAV files exactly once, no temporary name, a manifest {@code sha256sum} accepts
   * and a CSV of one row per WAV. Returns the batch directory.
   */
  static Path assertOneCompleteBatch(Path remote, int wavs)
      throws IOException, InterruptedException {
    List<Path> markers = markers(remote);
    assertThat(markers).hasSize(1);
    Path batch = markers.get(0).getParent();
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(remote)) {
      List<String> names =
          files
              .filter(java.nio.file.Files::isRegularFile)
              .map(p -> p.getFileName().toString())
              .toList();
      assertThat(names).noneMatch(n -> n.endsWith(".part"));
      assertThat(names.stream().filter(n -> n.endsWith(".wav")))
          .hasSize(wavs)
          .doesNotHaveDuplicates();
    }
    assertThat(sha256sumCheck(batch, batch.getFileName() + ".sha256")).isZero();
    assertThat(csv(batch.resolve(batch.getFileName() + ".csv"))).hasSize(wavs);
    return batch;
  }

  /** The completion markers under a directory tree. */
  static List<Path> markers(Path remote) throws IOException {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(remote)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".done")).toList();
    }
  }

  static int sha256sumCheck(Path dir, String manifest) throws IOException, InterruptedException {
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

  /** The rows of an RFC 4180 CSV with a header row. */
  static List<CSVRecord> csv(Path file) throws IOException {
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

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
