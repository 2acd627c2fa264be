// The driver of bench/offload-smtp: generates SMS, MMS and WhatsApp messages, feeds them to Custodian, and times
// Custodian's mail offload of them (POST .../offload/mail/runs) to a GreenMail server on loopback against a plain
// Jakarta Mail loop (ReferenceClient) sending the very EML files the server received from Custodian, round after
// round; checks what arrived and prints the summary. JDK only, compiled together with bench/intake.d/Bench.java
// (for its small helpers); settings come from the environment (see bench/offload-smtp).

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public class SmtpBench {

  static final String JOURNAL = "journal@archive.example";
  static final String WARMUP_MAILBOX = "warm-up@archive.example";
  static final String SENDER = "custodian@relay.example";

  /** One timed delivery of a round's messages. */
  record Sample(long wallNanos, int messages, long bytes, double cpu, double postgresCpu, double serverCpu,
      double runRecordSeconds, int batches) {
    double seconds() {
      return wallNanos / 1e9;
    }

    double perSecond() {
      return messages / seconds();
    }

    double mbPerSecond() {
      return bytes / 1e6 / seconds();
    }

    double cpuMsPerMessage() {
      return cpu * 1000 / messages;
    }
  }

  /** What the server's mailbox holds. */
  record Stats(int messages, int distinct, long bytes, String digest) {
    static Stats parse(String line) {
      Matcher m = Pattern.compile("messages=(\\d+) distinct=(\\d+) bytes=(\\d+) digest=(\\w+)").matcher(line);
      if (!m.find()) {
        throw new IllegalStateException("the mail server answered: " + line);
      }
      return new Stats(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
          m.group(4));
    }
  }

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  final String base = Bench.env("BENCH_URL");
  final String adminKey = Bench.env("BENCH_ADMIN_KEY");
  final String org = Bench.env("BENCH_ORG");
  final String orgKey = Bench.env("BENCH_ORG_KEY");
  final String run = Bench.env("BENCH_RUN_ID");
  final Path work = Path.of(Bench.env("BENCH_WORK"));
  final String control = Bench.env("BENCH_MAIL_CONTROL_URL");
  final int smtpPort = Bench.intEnv("BENCH_SMTP_PORT", 25);
  final long servicePid = Long.parseLong(Bench.env("BENCH_SERVICE_PID"));
  final long postgresPid = Long.parseLong(System.getenv().getOrDefault("BENCH_POSTGRES_PID", "-1"));
  final long serverPid = Long.parseLong(Bench.env("BENCH_MAIL_SERVER_PID"));
  final double ticks = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));
  final int perConnection = Bench.intEnv("BENCH_PER_CONNECTION", 100);
  final int attachmentPercent = Bench.intEnv("BENCH_ATTACHMENT_PERCENT", 10);
  final List<String> reference = List.of(Bench.env("BENCH_REFERENCE_COMMAND").trim().split("\\s+"));

  public static void main(String[] args) throws Exception {
    new SmtpBench().benchmark();
  }

  void benchmark() throws Exception {
    int n = Bench.intEnv("BENCH_MESSAGES", 10_000);
    int rounds = Bench.intEnv("BENCH_ROUNDS", 3);
    int warmup = Bench.intEnv("BENCH_WARMUP", 1000);
    int concurrency = Bench.intEnv("BENCH_CONCURRENCY", 4);
    configureDestination();

    if (warmup > 0) {
      // One batch first, so that the offload path is not measured while the JIT first meets it.
      feed(messages("warm-up", warmup), concurrency);
      control("POST", "/purge");
      Sample s = custodian(warmup);
      System.out.printf(Locale.ROOT, "warm-up: %,d messages offloaded in %.1f s (%.0f messages/s), not counted%n",
          warmup, s.seconds(), s.perSecond());
    }

    List<Sample> custodian = new ArrayList<>();
    List<Sample> plain = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      List<String> docs = messages("r" + round, n);
      long feedStart = System.nanoTime();
      feed(docs, concurrency);
      double feedSeconds = Bench.secs(System.nanoTime() - feedStart);
      System.out.printf(Locale.ROOT, "round %d: %,d messages fed to Custodian in %.1f s (%.0f messages/s, not"
          + " measured)%n", round, n, feedSeconds, n / feedSeconds);
      settle();
      control("POST", "/purge");

      Sample c = custodian(n);
      Stats fromCustodian = stats(JOURNAL);
      check("Custodian", fromCustodian, n);
      c = new Sample(c.wallNanos(), n, fromCustodian.bytes(), c.cpu(), c.postgresCpu(), c.serverCpu(),
          c.runRecordSeconds(), c.batches());
      custodian.add(c);
      print("Custodian", c);
      System.out.printf(Locale.ROOT, "    %d batch(es), run records %.2f s in all; PostgreSQL CPU %.1f s%n",
          c.batches(), c.runRecordSeconds(), c.postgresCpu());

      Path dump = work.resolve("eml-r" + round);
      control("POST", "/dump?mailbox=" + URLEncoder.encode(JOURNAL, StandardCharsets.UTF_8) + "&dir="
          + URLEncoder.encode(dump.toString(), StandardCharsets.UTF_8));
      control("POST", "/purge");
      settle();

      Sample r = referenceClient(dump, warmup);
      Stats fromReference = stats(JOURNAL);
      check("the reference client", fromReference, n);
      if (!fromReference.digest().equals(fromCustodian.digest()) || fromReference.bytes() != fromCustodian.bytes()) {
        throw new IllegalStateException("the reference client's messages are not byte for byte Custodian's");
      }
      plain.add(r);
      print("Reference: Jakarta Mail loop", r);
      control("POST", "/purge");
      clear(dump);
      Files.delete(dump);
    }
    report(n, rounds, custodian, plain);
  }

  void print(String label, Sample s) {
    System.out.printf(Locale.ROOT, "  %-30s %7.2f s %8.0f messages/s %6.2f MB/s  CPU %5.1f s (%.2f ms a message),"
        + " server CPU %4.1f s%n", label, s.seconds(), s.perSecond(), s.mbPerSecond(), s.cpu(), s.cpuMsPerMessage(),
        s.serverCpu());
  }

  static void check(String who, Stats stats, int n) {
    if (stats.messages() != n || stats.distinct() != n) {
      throw new IllegalStateException(who + ": the server holds " + stats.messages() + " messages with "
          + stats.distinct() + " distinct Message-IDs, not " + n);
    }
  }

  // ---------------------------------------------------------------- the messages

  static final String[] WORDS = ("ok thanks see you at the meeting tomorrow morning can we move call to 3pm "
      + "please send the figures before close trade confirmed for 250k at 101.25 client wants an update on the "
      + "bond position I'll be in the office from 8 running late traffic is bad lunch today? sure where the "
      + "deal is signed on Monday let me check with compliance first numbers look good for Q3 revenue margin "
      + "call the desk when you land yes no maybe later approved rejected pending review settlement date is T+2")
      .split(" ");
  static final String[] EXTRAS = {"👍", "🙂", "€", "café", "naïve", "Zürich", "東京", "Ελλάδα", "Привет", "مرحبا"};

  /**
   * Message documents as {@code POST /api/v1/orgs/{org}/messages} takes them: SMS, WhatsApp and MMS, bodies of
   * SMS length (most under 160 characters, some of several segments, a few long chats, a tenth with characters
   * beyond Latin-1), and the given share with one photo-sized attachment.
   */
  List<String> messages(String prefix, int count) {
    List<String> docs = new ArrayList<>(count);
    Instant t0 = Instant.parse("2026-11-20T08:00:00Z");
    for (int i = 0; i < count; i++) {
      SplittableRandom random = new SplittableRandom((run + prefix).hashCode() * 1_000_003L + i);
      boolean attachment = random.nextInt(100) < attachmentPercent;
      String channel = attachment ? (random.nextBoolean() ? "mms" : "whatsapp")
          : random.nextInt(10) < 6 ? "sms" : "whatsapp";
      int roll = random.nextInt(100);
      int length = roll < 60 ? 20 + random.nextInt(140) : roll < 90 ? 160 + random.nextInt(320)
          : 480 + random.nextInt(1000);
      StringBuilder body = new StringBuilder();
      boolean extra = random.nextInt(10) == 0;
      while (body.length() < length) {
        body.append(body.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        if (extra && random.nextInt(8) == 0) {
          body.append(' ').append(EXTRAS[random.nextInt(EXTRAS.length)]);
        }
      }
      StringBuilder json = new StringBuilder(length + 400);
      json.append("{\"sourceId\":\"").append(prefix).append('-').append(run).append('-').append(i)
          .append("\",\"channel\":\"").append(channel)
          .append("\",\"direction\":\"").append(random.nextBoolean() ? "inbound" : "outbound")
          .append("\",\"from\":\"+44207").append(String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000)))
          .append("\",\"to\":[\"+1212").append(String.format(Locale.ROOT, "%07d", random.nextInt(10_000_000)))
          .append("\"],\"sentAt\":\"").append(t0.plusMillis(i * 1_537L + random.nextInt(1000)))
          .append("\",\"threadId\":\"chat-").append(random.nextInt(500))
          .append("\",\"body\":").append(quote(body.toString()));
      if (attachment) {
        byte[] photo = new byte[20_000 + random.nextInt(130_000)];
        random.nextBytes(photo);
        photo[0] = (byte) 0xFF;
        photo[1] = (byte) 0xD8;
        photo[2] = (byte) 0xFF;
        json.append(",\"attachments\":[{\"mediaType\":\"image/jpeg\",\"fileName\":\"IMG_")
            .append(String.format(Locale.ROOT, "%04d", i % 10_000)).append(".jpg\",\"content\":\"")
            .append(Base64.getEncoder().encodeToString(photo)).append("\"}]");
      }
      docs.add(json.append('}').toString());
    }
    return docs;
  }

  /** Sends the documents with {@code concurrency} clients; every answer must be 201. */
  void feed(List<String> docs, int concurrency) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        int first = t;
        done.add(pool.submit(() -> {
          for (int i = first; i < docs.size(); i += concurrency) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/orgs/" + org + "/messages"))
                .header("Authorization", "Bearer " + orgKey).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(docs.get(i))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
              throw new IllegalStateException("message " + i + " answered " + response.statusCode() + ": "
                  + response.body());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- Custodian

  void configureDestination() throws Exception {
    String json = String.format(Locale.ROOT,
        "{\"host\":\"127.0.0.1\",\"port\":%d,\"tls\":\"none\",\"envelopeSender\":\"%s\",\"recipients\":[\"%s\"],"
            + "\"participantDomain\":\"sms.archive.example\",\"messagesPerConnection\":%d,\"ratePerMinute\":0,"
            + "\"schedule\":\"continuous\",\"enabled\":false}",
        smtpPort, SENDER, JOURNAL, perConnection);
    System.out.println("destination: " + admin("PUT", "", json));
  }

  static final Pattern OUTCOME = Pattern.compile(
      "\\{\"batch\":\"([^\"]+)\",\"items\":(\\d+),\"delivered\":(true|false),\"filesSent\":(\\d+)");

  /**
   * Times {@code POST .../offload/mail/runs} until the count messages are delivered: each call cuts one batch of at
   * most custodian.offload.max-batch-items (5,000) and delivers it, so 10,000 messages take two calls.
   */
  Sample custodian(int count) throws Exception {
    double cpu0 = procCpu(servicePid);
    double pg0 = postgresCpu();
    double server0 = procCpu(serverPid);
    long start = System.nanoTime();
    int delivered = 0;
    int batches = 0;
    while (delivered < count) {
      String outcome = admin("POST", "/runs", null);
      Matcher m = OUTCOME.matcher(outcome);
      int found = 0;
      while (m.find()) {
        found++;
        int items = Integer.parseInt(m.group(2));
        if (!"true".equals(m.group(3)) || Integer.parseInt(m.group(4)) != items) {
          throw new IllegalStateException("a run did not deliver every message of its batch: " + outcome);
        }
        delivered += items;
      }
      if (found == 0) {
        throw new IllegalStateException("a run found nothing to deliver after " + delivered + " of " + count
            + " messages: " + outcome);
      }
      batches += found;
    }
    long wall = System.nanoTime() - start;
    double cpu = procCpu(servicePid) - cpu0;
    double pg = postgresCpu() - pg0;
    double server = procCpu(serverPid) - server0;
    if (delivered != count) {
      throw new IllegalStateException("the runs delivered " + delivered + " messages, not " + count);
    }
    double records = 0;
    Matcher times = Pattern.compile("\"startedAt\":\"([^\"]+)\",\"completedAt\":\"([^\"]+)\"")
        .matcher(admin("GET", "/runs?limit=" + batches, null));
    while (times.find()) {
      records += Duration.between(Instant.parse(times.group(1)), Instant.parse(times.group(2))).toMillis() / 1000.0;
    }
    return new Sample(wall, count, 0, cpu, pg, server, records, batches);
  }

  String admin(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(base + "/api/v1/admin/orgs/" + org + "/offload/mail" + path))
        .header("Authorization", "Bearer " + adminKey)
        .timeout(Duration.ofMinutes(60));
    request = json == null
        ? request.method(method, HttpRequest.BodyPublishers.noBody())
        : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }

  // ---------------------------------------------------------------- the reference client and the server

  /** Runs the reference client over the dumped files; its own timing leaves out its JVM's start. */
  Sample referenceClient(Path dir, int warmup) throws Exception {
    List<String> command = new ArrayList<>(reference);
    command.addAll(List.of("127.0.0.1", Integer.toString(smtpPort), SENDER, JOURNAL, Integer.toString(perConnection),
        dir.toString()));
    if (warmup > 0) {
      command.addAll(List.of(WARMUP_MAILBOX, Integer.toString(warmup)));
    }
    Path out = work.resolve("reference.out");
    double server0 = procCpu(serverPid);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("the reference client failed:\n" + Files.readString(out));
    }
    double server = procCpu(serverPid) - server0;
    Matcher m = Pattern.compile("RESULT messages=(\\d+) bytes=(\\d+) wall_ns=(\\d+) cpu_ns=(\\d+)")
        .matcher(Files.readString(out));
    if (!m.find()) {
      throw new IllegalStateException("the reference client said:\n" + Files.readString(out));
    }
    return new Sample(Long.parseLong(m.group(3)), Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
        Long.parseLong(m.group(4)) / 1e9, -1, server, -1, 0);
  }

  Stats stats(String mailbox) throws Exception {
    return Stats.parse(control("GET", "/stats?mailbox=" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8)));
  }

  String control(String method, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(control + path)).timeout(Duration.ofMinutes(10))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("mail server " + method + " " + path + ": " + response.body());
    }
    return response.body().trim();
  }

  // ---------------------------------------------------------------- the summary

  void report(int n, int rounds, List<Sample> custodian, List<Sample> plain) {
    double[] ratio = new double[rounds];
    for (int i = 0; i < rounds; i++) {
      ratio[i] = custodian.get(i).perSecond() / plain.get(i).perSecond();
    }
    Sample first = custodian.get(0);
    System.out.println();
    System.out.printf(Locale.ROOT, "SMTP offload to GreenMail on 127.0.0.1: %,d messages (%.1f MB of EML, %d%% with"
            + " an attachment), %d a connection; median of %d round%s (min-max)%n", n, first.bytes() / 1e6,
        attachmentPercent, perConnection, rounds, rounds == 1 ? "" : "s");
    System.out.printf(Locale.ROOT, "  %-30s %8s %22s %8s %18s %7s %10s %11s%n", "", "wall s", "messages/s", "MB/s",
        "Custodian/this", "CPU s", "CPU ms/msg", "server CPU");
    row("Custodian", custodian, "");
    row("Reference: Jakarta Mail loop", plain, String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(ratio),
        Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0)));
    System.out.printf(Locale.ROOT, "  Custodian: PostgreSQL CPU %.1f s (%.2f ms a message); run records %.2f s"
            + " (median; the POSTs also cut the batches); the service CPU is its whole JVM%n",
        median(custodian, Sample::postgresCpu), median(custodian, Sample::postgresCpu) * 1000 / n,
        median(custodian, Sample::runRecordSeconds));
    for (String[] method : new String[][] {{"custodian", "c"}, {"reference", "r"}}) {
      List<Sample> list = method[1].equals("c") ? custodian : plain;
      System.out.printf(Locale.ROOT, "RESULT method=%s messages=%d wall_s=%.3f messages_s=%.1f mb_s=%.2f cpu_s=%.2f"
              + " cpu_ms_per_message=%.3f server_cpu_s=%.2f%s%n",
          method[0], n, median(list, Sample::seconds), median(list, Sample::perSecond),
          median(list, Sample::mbPerSecond), median(list, Sample::cpu), median(list, Sample::cpuMsPerMessage),
          median(list, Sample::serverCpu), method[1].equals("c")
              ? String.format(Locale.ROOT, " postgres_cpu_s=%.2f run_record_s=%.3f ratio=%.3f",
                  median(list, Sample::postgresCpu), median(list, Sample::runRecordSeconds), median(ratio))
              : "");
    }
  }

  static void row(String label, List<Sample> list, String ratio) {
    System.out.printf(Locale.ROOT, "  %-30s %8.2f %7.0f (%6.0f-%6.0f) %8.2f %18s %7.1f %10.2f %11.1f%n", label,
        median(list, Sample::seconds), median(list, Sample::perSecond), min(list, Sample::perSecond),
        max(list, Sample::perSecond), median(list, Sample::mbPerSecond), ratio, median(list, Sample::cpu),
        median(list, Sample::cpuMsPerMessage), median(list, Sample::serverCpu));
  }

  static double median(List<Sample> list, ToDoubleFunction<Sample> f) {
    return median(list.stream().mapToDouble(f).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double min(List<Sample> list, ToDoubleFunction<Sample> f) {
    return list.stream().mapToDouble(f).min().orElse(0);
  }

  static double max(List<Sample> list, ToDoubleFunction<Sample> f) {
    return list.stream().mapToDouble(f).max().orElse(0);
  }

  // ---------------------------------------------------------------- the machine

  /** CPU seconds of a process and its threads, from /proc. */
  double procCpu(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / ticks; // utime and stime: fields 14 and 15
  }

  /** The embedded PostgreSQL: the postmaster and its backends. */
  double postgresCpu() {
    if (postgresPid <= 0) {
      return -1;
    }
    return ProcessHandle.of(postgresPid).map(p -> Stream.concat(Stream.of(p), p.descendants())
        .mapToDouble(h -> h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum()).orElse(-1.0);
  }

  /** Lets the service finish what the intake left behind (its JIT, PostgreSQL's background writes). */
  static void settle() throws Exception {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
    Thread.sleep(2000);
  }

  static void clear(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> tree = Files.walk(dir)) {
        for (Path p : tree.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  /** A JSON string. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }
}
