package io.custodian.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.CustodianApplication;
import io.custodian.media.AudioEncoding;
import io.custodian.media.WavFormat;
import io.custodian.media.WavValidator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code custodian demo} end to end, in this JVM, on a temporary data directory and loopback ports:
 * the batches it reports stand complete where it says, pass {@code sha256sum -c} (also as the
 * printed command), hold u-law 8 kHz WAV files and one CSV row per call or message sent; and a
 * second run on the same data directory works and delivers its own batches.
 */
class DemoTest {

  @TempDir Path dataDir;

  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void deliversCheckableBatchesAndRunsAgainOnTheSameDataDirectory() throws Exception {
    DemoReport first;
    try (RunningDemo demo = start()) {
      first = demo.report();
      assertDelivered(first);
      String summary = summary(first);
      assertThat(summary)
          .contains(dataDir.resolve("sftp-inbox").toString())
          .contains("export ADMIN_KEY=" + first.adminKey())
          .contains("export ORG_KEY=" + first.result().orgKey())
          .contains("Ctrl-C");
      List<String> checks = summary.lines().filter(l -> l.contains("sha256sum -c")).toList();
      assertThat(checks).hasSize(2);
      for (String check : checks) {
        assertThat(bash(check)).as(check).isZero();
      }
    }

    try (RunningDemo again = start()) {
      DemoReport second = again.report();
      assertDelivered(second);
      assertThat(second.adminKey()).isEqualTo(first.adminKey());
      assertThat(second.result().orgKey()).isEqualTo(first.result().orgKey());
      assertThat(second.result().deliveries())
          .extracting(DemoReport.Delivery::batch)
          .doesNotContainAnyElementsOf(
              first.result().deliveries().stream().map(DemoReport.Delivery::batch).toList());
    }
  }

  /** Every message the demo sent is in the mailbox directory, one EML each, parsed back. */
  private static void assertMailed(DemoReport report, DemoReport.Delivery delivery)
      throws Exception {
    Walkthrough.Result result = report.result();
    assertThat(delivery.directory()).isEqualTo(report.mail().mailbox());
    assertThat(delivery.items()).isEqualTo(result.messages().size());
    List<String> sourceIds = new java.util.ArrayList<>();
    List<String> bodies = new java.util.ArrayList<>();
    try (var files = Files.list(delivery.directory())) {
      for (Path eml : files.filter(f -> f.toString().endsWith(".eml")).toList()) {
        try (InputStream in = Files.newInputStream(eml)) {
          jakarta.mail.internet.MimeMessage message =
              new jakarta.mail.internet.MimeMessage(
                  jakarta.mail.Session.getInstance(new java.util.Properties()), in);
          assertThat(eml.getFileName().toString())
              .isEqualTo(message.getHeader("X-Custodian-Record-Id", null) + ".eml");
          sourceIds.add(message.getHeader("X-Custodian-Source-Id", null));
          Object content = message.getContent();
          bodies.add(
              content instanceof jakarta.mail.Multipart multipart
                  ? String.valueOf(multipart.getBodyPart(0).getContent())
                  : String.valueOf(content));
        }
      }
    }
    assertThat(sourceIds)
        .containsAll(result.messages().stream().map(m -> (String) m.get("sourceId")).toList());
    assertThat(bodies).anyMatch(b -> b.contains("📈"));
  }

  private RunningDemo start() {
    return Demo.start(
        CustodianApplication.class,
        new PrintStream(OutputStream.nullOutputStream(), true, UTF_8),
        "--custodian.data-dir=" + dataDir,
        "--server.port=0",
        "--management.server.port=0",
        "--custodian.vault.cipher-warm-up=0"); // CipherWarmUpTest covers it; spare the CPU
  }

  /** One delivered batch per stream, with everything the demo sent and nothing else. */
  private static void assertDelivered(DemoReport report) throws Exception {
    Walkthrough.Result result = report.result();
    assertThat(result.replayed()).isZero();
    assertThat(result.deliveries())
        .extracting(DemoReport.Delivery::stream)
        .containsExactly("voice", "messages", "mail");
    for (DemoReport.Delivery delivery : result.deliveries()) {
      assertThat(delivery.delivered()).as(String.valueOf(delivery.error())).isTrue();
      if (delivery.stream().equals("mail")) {
        assertMailed(report, delivery);
        continue;
      }
      Path dir = delivery.directory();
      String batch = delivery.batch();
      assertThat(dir.getParent()).isEqualTo(report.sftp().root().resolve(delivery.stream()));
      assertThat(dir.resolve(batch + ".done")).exists();
      assertThat(sha256sumCheck(dir, batch + ".sha256")).isZero();
      List<CSVRecord> rows = csv(dir.resolve(batch + ".csv"));
      if (delivery.stream().equals("voice")) {
        assertThat(rows).hasSize(result.calls().size()).hasSize(delivery.items());
        assertThat(rows)
            .extracting(r -> r.get("source_id"))
            .containsExactlyInAnyOrderElementsOf(
                result.calls().stream().map(SyntheticTraffic.Call::sourceId).toList());
        assertThat(rows)
            .extracting(r -> r.get("record_id"))
            .containsExactlyInAnyOrderElementsOf(result.recordIds());
        List<Path> wavs = wavs(dir);
        assertThat(wavs).hasSize(rows.size());
        for (Path wav : wavs) {
          WavFormat format;
          try (InputStream in = Files.newInputStream(wav)) {
            format = new WavValidator(1L << 30).copy(in, OutputStream.nullOutputStream());
          }
          assertThat(format.encoding()).as(wav.toString()).isEqualTo(AudioEncoding.ULAW);
          assertThat(format.sampleRate()).isEqualTo(8000);
          assertThat(format.duration().toSeconds()).isBetween(5L, 30L);
        }
      } else {
        assertThat(rows).hasSize(result.messages().size()).hasSize(delivery.items());
        assertThat(rows)
            .extracting(r -> r.get("source_id"))
            .containsExactlyInAnyOrderElementsOf(
                result.messages().stream().map(m -> (String) m.get("sourceId")).toList());
        assertThat(rows).extracting(r -> r.get("body")).anyMatch(b -> b.contains("📈"));
      }
    }
  }

  private static String summary(DemoReport report) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    report.print(new PrintStream(printed, true, UTF_8));
    return printed.toString(UTF_8);
  }

  private static int sha256sumCheck(Path dir, String manifest) throws Exception {
    return exitCode(new ProcessBuilder("sha256sum", "--check", "--strict", manifest), dir);
  }

  /** A printed command line, run as a user would paste it. */
  private static int bash(String commandLine) throws Exception {
    return exitCode(new ProcessBuilder("bash", "-c", commandLine.trim()), null);
  }

  private static int exitCode(ProcessBuilder command, Path dir) throws Exception {
    if (dir != null) {
      command.directory(dir.toFile());
    }
    Process process = command.redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(output).contains(": OK").doesNotContain("FAILED");
    return process.exitValue();
  }

  private static List<Path> wavs(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".wav")).toList();
    }
  }

  private static List<CSVRecord> csv(Path file) throws IOException {
    try (Reader in = Files.newBufferedReader(file, UTF_8)) {
      return CSVFormat.RFC4180
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(in)
          .getRecords();
    }
  }
}
