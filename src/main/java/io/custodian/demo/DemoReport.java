package io.custodian.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What a demo run did, and the summary printed at its end: where the files landed, how to check
 * them, and how to reach the service that keeps running.
 *
 * @param service the service's base URL
 * @param management the management server's base URL (health, metrics)
 * @param dataDir the data directory
 * @param keysFile where the demo keeps its keys
 * @param sftp the loopback SFTP server
 * @param mail the loopback SMTP server and its mailbox directory
 * @param adminKey the admin key
 * @param result what was sent and delivered
 */
record DemoReport(
    URI service,
    URI management,
    Path dataDir,
    Path keysFile,
    LoopbackSftpServer sftp,
    LoopbackMailServer mail,
    String adminKey,
    Walkthrough.Result result) {

  private static final Map<String, String> CHANNELS =
      Map.of("sms", "SMS", "mms", "MMS", "whatsapp", "WhatsApp");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9/._+:=@-]+");

  /**
   * One batch of an offload run.
   *
   * @param stream {@code voice}, {@code messages} or {@code mail}
   * @param batch the batch name, which is also its directory's and its files' name over SFTP
   * @param items the calls or messages in it, one CSV row (or one mail) each
   * @param delivered whether it was delivered and verified
   * @param error why not, if not
   * @param directory where it landed: the batch directory under the SFTP server's root, or the
   *     directory the loopback mailbox is saved to
   */
  record Delivery(
      String stream,
      String batch,
      int items,
      boolean delivered,
      @Nullable String error,
      Path directory) {

    /** The files in the batch directory, sorted by name. */
    List<String> files() {
      if (!Files.isDirectory(directory)) {
        return List.of();
      }
      try (Stream<Path> files = Files.list(directory)) {
        return files.map(f -> f.getFileName().toString()).sorted().toList();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The summary, for a person at a terminal. */
  void print(PrintStream out) {
    out.println();
    out.println("Custodian demo");
    out.printf("  service      %s  (health and metrics: %s/actuator)%n", service, management);
    out.printf("  data         %s  (delete it to start over)%n", dataDir);
    out.printf(
        "  SFTP server  127.0.0.1:%d, user %s, serving %s%n",
        sftp.port(), LoopbackSftpServer.USER, sftp.root());
    out.printf("               host key %s, pinned by both destinations%n", sftp.hostKey());
    out.printf(
        "  SMTP server  127.0.0.1:%d (plain text, loopback only), mail for %s saved to %s%n",
        mail.port(), LoopbackMailServer.JOURNAL, mail.mailbox());
    out.println();
    printTraffic(out);
    out.println();
    printDeliveries(out);
    out.println();
    out.printf("Explore the API (the keys are kept in %s):%n", keysFile);
    out.printf("  export CUSTODIAN=%s%n", service);
    out.printf("  export ADMIN_KEY=%s%n", adminKey);
    out.printf("  export ORG_KEY=%s%n", result.orgKey());
    String admin = "$CUSTODIAN/api/v1/admin/orgs/" + Walkthrough.ORG;
    out.printf(
        "  curl -s %s/offload/voice/batches -H \"Authorization: Bearer $ADMIN_KEY\"%n", admin);
    if (!result.recordIds().isEmpty()) {
      out.printf(
          "  curl -s $CUSTODIAN/api/v1/orgs/%s/recordings/%s -H \"Authorization: Bearer $ORG_KEY\"%n",
          Walkthrough.ORG, result.recordIds().get(0));
    }
    out.printf(
        "  curl -s -X POST %s/offload/voice/runs -H \"Authorization: Bearer $ADMIN_KEY\""
            + "   # deliver what is new, now%n",
        admin);
    out.println();
    out.println(
        "The service keeps running (voice is offloaded every 30 minutes, messages daily at 02:00"
            + " UTC).");
    out.println("Press Ctrl-C to stop it.");
  }

  private void printTraffic(PrintStream out) {
    List<SyntheticTraffic.Call> calls = result.calls();
    Duration audio =
        calls.stream().map(SyntheticTraffic.Call::length).reduce(Duration.ZERO, Duration::plus);
    Map<String, Long> formats =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    SyntheticTraffic.Call::format, LinkedHashMap::new, Collectors.counting()));
    Map<String, Long> channels =
        result.messages().stream()
            .collect(
                Collectors.groupingBy(
                    m -> CHANNELS.getOrDefault(m.get("channel"), String.valueOf(m.get("channel"))),
                    LinkedHashMap::new,
                    Collectors.counting()));
    out.printf(
        "Sent to organisation %s (sub-organisation %s):%n",
        Walkthrough.ORG, SyntheticTraffic.SUB_ORG);
    out.printf(
        "  %d calls, %d min %d s of speech-like audio: %s%n",
        calls.size(),
        audio.toMinutes(),
        audio.toSecondsPart(),
        formats.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")));
    out.printf(
        "  %d messages: %s%n",
        result.messages().size(),
        channels.entrySet().stream()
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", ")));
    if (result.replayed() > 0) {
      out.printf("  (%d calls were already stored: replays change nothing)%n", result.replayed());
    }
  }

  private void printDeliveries(PrintStream out) {
    List<Delivery> deliveries = result.deliveries();
    if (deliveries.isEmpty()) {
      out.println("The offload runs found nothing to deliver.");
      return;
    }
    out.println("Offloaded voice, messages and mail at once; the files landed in:");
    for (Delivery d : deliveries) {
      out.printf("  %-9s %s%n", d.stream(), d.directory());
      if (!d.delivered()) {
        out.printf(
            "            not delivered: %s%n            the batch stays pending; the service"
                + " retries it on its schedule%n",
            d.error());
        continue;
      }
      if (d.stream().equals("mail")) {
        out.printf(
            "            %d messages, each an EML sent to %s, saved as <record id>.eml%n",
            d.items(), LoopbackMailServer.JOURNAL);
        continue;
      }
      long wavs = d.files().stream().filter(f -> f.endsWith(".wav")).count();
      out.printf(
          "            %sa CSV of %d rows, the manifest (.sha256), the completion marker (.done)%n",
          d.stream().equals("voice") ? wavs + " WAV files (G.711 u-law, 8 kHz), " : "", d.items());
    }
    if (deliveries.stream().noneMatch(Delivery::delivered)) {
      return;
    }
    out.println();
    out.println("Check them as the customer would:");
    for (Delivery d : deliveries) {
      if (d.delivered() && !d.stream().equals("mail")) {
        out.printf("  cd %s && sha256sum -c %s.sha256%n", shellQuoted(d.directory()), d.batch());
      }
    }
    deliveries.stream()
        .filter(d -> d.delivered() && d.stream().equals("mail"))
        .findFirst()
        .ifPresent(
            d ->
                out.printf(
                    "  ls %s && less %s/*.eml   (or open one in a mail client)%n",
                    shellQuoted(d.directory()), shellQuoted(d.directory())));
  }

  private static String shellQuoted(Path path) {
    String text = path.toString();
    return PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
