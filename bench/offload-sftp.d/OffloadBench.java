// The driver of bench/offload-sftp: generates the calls (with bench/intake.d/Bench.java's synthetic speech),
// writes them as plain files, feeds them to Custodian, and times Custodian's SFTP offload of each batch against
// OpenSSH's sftp -b uploading the same files to the same sshd, round after round; prints the summary.
// JDK only, compiled together with Bench.java (see bench/offload-sftp); settings come from the environment.

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

public class OffloadBench {

  /** A batch as the issue defines it: so many calls of so many seconds. */
  record Kind(String id, int calls, int seconds) {
    String label() {
      return String.format(Locale.ROOT, "%s: %,d calls x %d min", id, calls, seconds / 60);
    }
  }

  /** The ways the same files are uploaded. */
  enum Method {
    CUSTODIAN("Custodian offload (%d sessions)"),
    SFTP1("sftp -b, 1 process"),
    SFTP4("sftp -b, 4 processes"),
    SFTP1_FSYNC("sftp -b, 1 process, put -f");

    final String label;

    Method(String label) {
      this.label = label;
    }
  }

  /** One timed upload. */
  record Sample(long wallNanos, long bytes, int files, double cpu, double postgresCpu, double sshdCpu, Heap heap,
      long runRecordMillis) {
    double seconds() {
      return wallNanos / 1e9;
    }

    double mbPerSecond() {
      return bytes / 1e6 / seconds();
    }

    double filesPerSecond() {
      return files / seconds();
    }

    /**
     * MB moved per CPU second of every process that took part: the client (the service, or the sftp and ssh
     * processes), the sshd, and for Custodian its PostgreSQL. Unlike MB/s it does not depend on how busy the
     * machine is; on a machine whose cores the upload fills, the faster method is the one that needs less CPU.
     */
    double mbPerCpuSecond() {
      return bytes / 1e6 / (cpu + sshdCpu + Math.max(0, postgresCpu));
    }
  }

  /** The service's heap during a run, in MB; -1 where unknown. */
  record Heap(double polledMax, double gcPeakBefore, double gcMaxAfter, double gcMaxCommitted, int gcs) {
    static final Heap NONE = new Heap(-1, -1, -1, -1, 0);
  }

  static final Pattern GC_LINE = Pattern.compile("Pause .*?(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  final String base = Bench.env("BENCH_URL");
  final String adminKey = Bench.env("BENCH_ADMIN_KEY");
  final String org = Bench.env("BENCH_ORG");
  final String run = Bench.env("BENCH_RUN_ID");
  final Path work = Path.of(Bench.env("BENCH_WORK"));
  final Path custodianRemote = Path.of(Bench.env("BENCH_CUSTODIAN_DIR"));
  final Path sftpRemote = Path.of(Bench.env("BENCH_SFTP_DIR"));
  final Path gcLog = Path.of(Bench.env("BENCH_GC_LOG"));
  final List<String> sftp = List.of(Bench.env("BENCH_SFTP_COMMAND").trim().split("\\s+"));
  final long servicePid = Long.parseLong(Bench.env("BENCH_SERVICE_PID"));
  final long postgresPid = Long.parseLong(System.getenv().getOrDefault("BENCH_POSTGRES_PID", "-1"));
  final long sshdPid = Long.parseLong(Bench.env("BENCH_SSHD_PID"));
  final double ticks = Double.parseDouble(System.getenv().getOrDefault("BENCH_CLK_TCK", "100"));
  final int pollMillis = Bench.intEnv("BENCH_HEAP_POLL_MS", 100);
  final int parallelism = Bench.intEnv("BENCH_PARALLELISM", 4);
  final String jfrDir = System.getenv().getOrDefault("BENCH_JFR_DIR", "");
  final boolean threadCpu = "1".equals(System.getenv().getOrDefault("BENCH_THREAD_CPU", "0"));
  int profiles;
  final Bench.Intake intake;

  OffloadBench() {
    intake = new Bench.Intake(http, base, org, Bench.env("BENCH_ORG_KEY"), run);
  }

  public static void main(String[] args) throws Exception {
    new OffloadBench().benchmark();
  }

  void benchmark() throws Exception {
    int rounds = Bench.intEnv("BENCH_ROUNDS", 3);
    int warmup = Bench.intEnv("BENCH_WARMUP", 10_000);
    int concurrency = Bench.intEnv("BENCH_CONCURRENCY", 4);
    boolean withFsync = !"0".equals(System.getenv().getOrDefault("BENCH_SFTP_FSYNC", "1"));
    List<Kind> kinds = Stream.of(new Kind("A", Bench.intEnv("BENCH_CALLS", 1000), 60),
        new Kind("B", Bench.intEnv("BENCH_LONG_CALLS", 200), 180)).filter(k -> k.calls() > 0).toList();

    // The calls: distinct, generated once, written once as the plain files sftp -b uploads.
    long t0 = System.nanoTime();
    Map<Kind, byte[][]> wavs = new LinkedHashMap<>();
    Map<Kind, Set<String>> hashes = new LinkedHashMap<>();
    Map<Kind, List<String>> names = new LinkedHashMap<>();
    long seed = run.hashCode() * 1_000_003L;
    for (Kind kind : kinds) {
      long first = seed + (kind.seconds() == 60 ? 0 : 10_000_000L);
      byte[][] files = new byte[kind.calls()][];
      IntStream.range(0, files.length).parallel().forEach(i -> files[i] = Bench.Speech.wav(first + i, kind.seconds()));
      Bench.requireDistinct(files);
      Path dir = work.resolve("plain").resolve(kind.id());
      Files.createDirectories(dir);
      List<String> fileNames = new ArrayList<>();
      Set<String> sums = new HashSet<>();
      for (int i = 0; i < files.length; i++) {
        String name = String.format(Locale.ROOT, "call-%s-%05d.wav", kind.id(), i);
        Files.write(dir.resolve(name), files[i]);
        fileNames.add(name);
        sums.add(sha256(files[i]));
      }
      wavs.put(kind, files);
      hashes.put(kind, sums);
      names.put(kind, fileNames);
    }
    sync();
    System.out.printf(Locale.ROOT, "generated %s and wrote them as plain files in %.1f s%n",
        String.join(", ", kinds.stream().map(Kind::label).toList()), Bench.secs(System.nanoTime() - t0));

    configureDestination();

    // Warm-up batches first, so that the offload path is not measured while the JIT first meets it: at most batch
    // A's size each (its audio, under new source ids), as many as --warmup asks for; the first is also the smallest
    // batch of the heap comparison. With batch B in the run, each is followed by one of B's calls, so that the JIT
    // settles on a profile of both (a service sees calls of every length), not on one-minute calls alone, which
    // B's first round would then undo.
    for (int done = 0, batch = 1; done < warmup; batch++) {
      for (Kind kind : kinds) {
        int calls = kind == kinds.get(0) ? Math.min(warmup - done, kind.calls()) : kind.calls();
        Kind small = new Kind("warm-up", calls, kind.seconds());
        byte[][] files = Arrays.copyOf(wavs.get(kind), calls);
        feed(files, "warmup-" + batch + kind.id() + "-", concurrency);
        Sample s = custodian(small, files.length, Arrays.stream(files).mapToLong(f -> f.length).sum(),
            Arrays.stream(files).map(OffloadBench::sha256).collect(java.util.stream.Collectors.toSet()), false);
        System.out.printf(Locale.ROOT, "warm-up %d%s: %,d calls of %d min offloaded in %.1f s (%.1f MB/s), not"
            + " counted; heap %s%n", batch, kinds.size() > 1 ? kind.id() : "", files.length, small.seconds() / 60,
            s.seconds(), s.mbPerSecond(), heap(s.heap()));
        if (kind == kinds.get(0)) {
          done += files.length;
        }
      }
    }

    Map<Kind, Map<Method, List<Sample>>> samples = new LinkedHashMap<>();
    List<Method> methods = new ArrayList<>(List.of(Method.CUSTODIAN, Method.SFTP1, Method.SFTP4));
    if (withFsync) {
      methods.add(Method.SFTP1_FSYNC);
    }
    for (int round = 1; round <= rounds; round++) {
      for (Kind kind : kinds) {
        byte[][] files = wavs.get(kind);
        long bytes = Arrays.stream(files).mapToLong(f -> f.length).sum();
        long feedStart = System.nanoTime();
        feed(files, "r" + round + kind.id() + "-", concurrency);
        long settleStart = System.nanoTime();
        settle();
        System.out.printf(Locale.ROOT, "round %d, %s: fed to Custodian in %.1f s, settled in %.1f s (not measured)%n",
            round, kind.label(), Bench.secs(settleStart - feedStart), Bench.secs(System.nanoTime() - settleStart));
        // The order turns each round, so that no method always runs first or last.
        List<Method> order = new ArrayList<>(methods);
        java.util.Collections.rotate(order, -(round - 1));
        for (Method method : order) {
          Sample s = switch (method) {
            case CUSTODIAN -> custodian(kind, files.length, bytes, hashes.get(kind), round == 1);
            case SFTP1 -> sftp(kind, names.get(kind), bytes, 1, false);
            case SFTP4 -> sftp(kind, names.get(kind), bytes, 4, false);
            case SFTP1_FSYNC -> sftp(kind, names.get(kind), bytes, 1, true);
          };
          samples.computeIfAbsent(kind, k -> new LinkedHashMap<>()).computeIfAbsent(method, m -> new ArrayList<>())
              .add(s);
          System.out.printf(Locale.ROOT, "  %-36s %7.2f s %8.1f MB/s %8.1f files/s  CPU %5.1f s, sshd %5.1f s%s%n",
              label(method), s.seconds(), s.mbPerSecond(), s.filesPerSecond(), s.cpu(), s.sshdCpu(),
              method == Method.CUSTODIAN ? ", PostgreSQL " + String.format(Locale.ROOT, "%.1f", s.postgresCpu()) + " s; heap " + heap(s.heap()) : "");
        }
      }
    }
    report(kinds, methods, samples, rounds);
  }

  String label(Method method) {
    return method == Method.CUSTODIAN ? String.format(Locale.ROOT, method.label, parallelism) : method.label;
  }

  // ---------------------------------------------------------------- Custodian

  void configureDestination() throws Exception {
    String json = String.format(Locale.ROOT,
        "{\"host\":\"127.0.0.1\",\"port\":%s,\"user\":%s,\"hostKey\":%s,\"privateKey\":%s,\"directory\":%s,"
            + "\"parallelism\":%d,\"verifyContent\":%s,\"enabled\":false}",
        Bench.env("BENCH_SSHD_PORT"), quote(Bench.env("BENCH_SSH_USER")),
        quote(Files.readString(Path.of(Bench.env("BENCH_HOST_KEY"))).trim()),
        quote(Files.readString(Path.of(Bench.env("BENCH_CLIENT_KEY")))), quote(custodianRemote.toString()),
        parallelism, System.getenv().getOrDefault("BENCH_VERIFY_CONTENT", "false"));
    String answer = admin("PUT", "", json);
    System.out.println("destination: " + answer.replaceAll("\"hostKey\":\"[^\"]*\",", ""));
  }

  Sample custodian(Kind kind, int files, long bytes, Set<String> expected, boolean hashEveryFile) throws Exception {
    clear(custodianRemote);
    sync();
    if (pollMillis > 0) {
      heapSpaces(); // attached before the timing starts
    }
    HeapPoller poller = new HeapPoller();
    String profile = jfrDir.isEmpty() ? null : String.format(Locale.ROOT, "offload-%02d-%s", ++profiles, kind.id());
    if (profile != null) {
      List<String> start = new ArrayList<>(List.of("JFR.start", "name=" + profile, "settings=profile",
          "filename=" + Path.of(jfrDir).resolve(profile + ".jfr").toAbsolutePath()));
      String more = System.getenv().getOrDefault("BENCH_JFR_OPTIONS", "").trim();
      if (!more.isEmpty()) {
        start.addAll(List.of(more.split("\\s+")));
      }
      jcmd(start.toArray(String[]::new));
    }
    long gcFrom = Files.size(gcLog);
    double cpu0 = procCpu(servicePid, false);
    double pg0 = postgresCpu();
    double sshd0 = procCpu(sshdPid, true);
    poller.start();
    long start = System.nanoTime();
    String outcome = admin("POST", "/runs", null);
    long wall = System.nanoTime() - start;
    poller.finish();
    double cpu = procCpu(servicePid, false) - cpu0;
    double pg = postgresCpu() - pg0;
    if (profile != null) {
      jcmd("JFR.stop", "name=" + profile);
    }
    Heap gc = gcHeap(gcFrom);
    Thread.sleep(300); // sshd reaps its session processes
    double sshd = procCpu(sshdPid, true) - sshd0;

    // Exactly one batch, delivered, with every call, the CSV, the manifest and the marker.
    Matcher batch = Pattern.compile("\"batch\":\"([^\"]+)\".*\"delivered\":(true|false).*\"filesSent\":(\\d+)")
        .matcher(outcome);
    if (!batch.find() || !"true".equals(batch.group(2)) || Integer.parseInt(batch.group(3)) != files + 3
        || outcome.indexOf("\"batch\"", batch.end()) >= 0) {
      throw new IllegalStateException(kind.label() + ": the run did not deliver one batch of " + files
          + " calls: " + outcome);
    }
    String name = batch.group(1);
    String runs = admin("GET", "/runs?limit=1", null);
    long record = -1;
    Matcher times = Pattern.compile("\"startedAt\":\"([^\"]+)\",\"completedAt\":\"([^\"]+)\"").matcher(runs);
    if (times.find()) {
      record = Duration.between(Instant.parse(times.group(1)), Instant.parse(times.group(2))).toMillis();
    }
    verifyDelivery(kind, custodianRemote.resolve(name), name, files, expected, hashEveryFile);
    if (poller.threads != null) {
      System.out.println("    service CPU by thread, " + poller.threads.summary());
    }
    Heap heap = new Heap(poller.max.get() / 1e6, gc.gcPeakBefore(), gc.gcMaxAfter(), gc.gcMaxCommitted(), gc.gcs());
    return new Sample(wall, bytes, files, cpu, pg, sshd, heap, record);
  }

  /** The manifest lists exactly the WAVs that were fed, by SHA-256; with hashEveryFile, the files hash so too. */
  static void verifyDelivery(Kind kind, Path dir, String name, int files, Set<String> expected, boolean hashEveryFile)
      throws IOException {
    if (!Files.exists(dir.resolve(name + ".done"))) {
      throw new IllegalStateException(dir + " has no completion marker");
    }
    Set<String> listed = new HashSet<>();
    int wavs = 0;
    for (String line : Files.readAllLines(dir.resolve(name + ".sha256"))) {
      String[] parts = line.split(" [ *]", 2);
      if (parts.length == 2 && parts[1].endsWith(".wav")) {
        wavs++;
        listed.add(parts[0]);
        if (hashEveryFile && !sha256(Files.readAllBytes(dir.resolve(parts[1]))).equals(parts[0])) {
          throw new IllegalStateException(dir.resolve(parts[1]) + " does not hash as its manifest says");
        }
      }
    }
    if (wavs != files || !listed.equals(expected)) {
      throw new IllegalStateException(kind.label() + ": the " + wavs + " WAVs delivered are not byte for byte the "
          + files + " that were fed");
    }
  }

  void feed(byte[][] files, String prefix, int concurrency) throws Exception {
    intake.send(files, prefix, concurrency);
  }

  String admin(String method, String path, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create(base + "/api/v1/admin/orgs/" + org + "/offload/voice" + path))
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

  /** Starts or stops a flight recording of the service, with the JDK's jcmd (only with --jfr). */
  void jcmd(String... command) throws Exception {
    List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(servicePid)));
    args.addAll(List.of(command));
    Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", args) + " failed: " + out);
    }
  }

  /**
   * Samples the service's heap in use (every space of every generation) from the JVM's performance counters, the
   * memory-mapped hsperfdata file that jstat reads: sampling costs the service nothing, where polling its metrics
   * endpoint made it answer an HTTP request and compile the web stack while it was being timed.
   */
  final class HeapPoller extends Thread {
    final AtomicLong max = new AtomicLong(-1);
    final Threads threads = threadCpu ? new Threads(servicePid) : null;
    volatile boolean running = true;

    HeapPoller() {
      super("heap-poller");
      setDaemon(true);
    }

    @Override
    public void run() {
      if (pollMillis <= 0 && threads == null) {
        return;
      }
      while (running) {
        if (threads != null) {
          threads.sample();
        }
        if (pollMillis > 0) {
          long used = heapSpaces().stream().mapToLong(m -> (Long) m.getValue()).sum();
          max.accumulateAndGet(used, Math::max);
        }
        try {
          Thread.sleep(pollMillis > 0 ? pollMillis : 100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void finish() throws InterruptedException {
      running = false;
      interrupt();
      join();
      if (threads != null) {
        threads.sample();
      }
    }
  }

  /**
   * CPU of the service's threads by kind (names without their numbers), from /proc/PID/task, sampled while a run
   * goes: a thread that ends between two samples loses at most one interval.
   */
  final class Threads {
    final long pid;
    final Map<String, String> names = new java.util.HashMap<>();
    final Map<String, Long> first = new java.util.HashMap<>();
    final Map<String, Long> last = new java.util.HashMap<>();
    boolean started;

    Threads(long pid) {
      this.pid = pid;
    }

    synchronized void sample() {
      try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
        for (Path task : tasks.toList()) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            String tid = task.getFileName().toString();
            names.computeIfAbsent(tid, t -> stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
            if (!started) {
              first.put(tid, ticks);
            }
            last.put(tid, ticks);
          } catch (IOException | RuntimeException e) {
            // the thread ended meanwhile
          }
        }
      } catch (IOException e) {
        // the service is gone; the run fails elsewhere
      }
      started = true;
    }

    /** CPU seconds so far of the threads whose names {@code kind} accepts, as of the last sample. */
    synchronized double cpu(java.util.function.Predicate<String> kind) {
      return last.entrySet().stream().filter(t -> kind.test(names.get(t.getKey())))
          .mapToDouble(t -> t.getValue() / ticks).sum();
    }

    synchronized String summary() {
      Map<String, Double> byKind = new java.util.TreeMap<>();
      double total = 0;
      for (Map.Entry<String, Long> t : last.entrySet()) {
        double used = (t.getValue() - first.getOrDefault(t.getKey(), 0L)) / ticks;
        String kind = names.get(t.getKey()).replaceAll("\\[[0-9a-f]*\\]?|[0-9]+", "#");
        byKind.merge(kind, used, Double::sum);
        total += used;
      }
      StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%.1f s in threads:", total));
      byKind.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
          .filter(e -> e.getValue() >= 0.05)
          .forEach(e -> out.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue())));
      return out.toString();
    }
  }

  /** The G1 pauses logged since {@code from}: the heap before and after each, and the heap's size. */
  Heap gcHeap(long from) throws IOException {
    byte[] log = Files.readAllBytes(gcLog);
    String text = new String(log, (int) Math.min(from, log.length), (int) Math.max(0, log.length - from),
        StandardCharsets.UTF_8);
    double before = -1;
    double after = -1;
    double committed = -1;
    int gcs = 0;
    Matcher m = GC_LINE.matcher(text);
    while (m.find()) {
      gcs++;
      before = Math.max(before, mb(m.group(1), m.group(2)));
      after = Math.max(after, mb(m.group(3), m.group(4)));
      committed = Math.max(committed, mb(m.group(5), m.group(6)));
    }
    return new Heap(-1, before, after, committed, gcs);
  }

  static double mb(String number, String unit) {
    double v = Double.parseDouble(number);
    return switch (unit) {
      case "K" -> v / 1024;
      case "G" -> v * 1024;
      default -> v;
    };
  }

  // ---------------------------------------------------------------- OpenSSH sftp -b

  Sample sftp(Kind kind, List<String> files, long bytes, int processes, boolean fsync) throws Exception {
    clear(sftpRemote);
    Path local = work.resolve("plain").resolve(kind.id());
    List<Path> batches = new ArrayList<>();
    int per = (files.size() + processes - 1) / processes;
    for (int p = 0; p < processes; p++) {
      StringBuilder batch = new StringBuilder();
      batch.append("cd ").append(sftpRemote).append('\n').append("lcd ").append(local).append('\n');
      for (String file : files.subList(Math.min(files.size(), p * per), Math.min(files.size(), (p + 1) * per))) {
        batch.append(fsync ? "put -f " : "put ").append(file).append('\n');
      }
      Path batchFile = work.resolve("sftp-batch-" + p);
      Files.writeString(batchFile, batch);
      batches.add(batchFile);
    }
    sync();
    double self0 = procChildrenCpu();
    double sshd0 = procCpu(sshdPid, true);
    long start = System.nanoTime();
    List<Process> running = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      List<String> command = new ArrayList<>(sftp);
      command.add(command.size() - 1, "-b");
      command.add(command.size() - 1, batches.get(p).toString());
      running.add(new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(work.resolve("sftp-out-" + p).toFile()).start());
    }
    for (int p = 0; p < processes; p++) {
      Process process = running.get(p);
      if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("sftp -b " + batches.get(p) + " failed:\n"
            + Files.readString(work.resolve("sftp-out-" + p)));
      }
    }
    long wall = System.nanoTime() - start;
    double cpu = procChildrenCpu() - self0;
    Thread.sleep(300);
    double sshd = procCpu(sshdPid, true) - sshd0;
    long landed;
    try (Stream<Path> list = Files.list(sftpRemote)) {
      landed = list.mapToLong(p -> p.toFile().length()).sum();
    }
    if (landed != bytes) {
      throw new IllegalStateException("sftp -b left " + landed + " bytes in " + sftpRemote + ", not " + bytes);
    }
    return new Sample(wall, bytes, files.size(), cpu, -1, sshd, Heap.NONE, -1);
  }

  // ---------------------------------------------------------------- the summary

  void report(List<Kind> kinds, List<Method> methods, Map<Kind, Map<Method, List<Sample>>> samples, int rounds) {
    System.out.println();
    System.out.printf(Locale.ROOT, "SFTP offload to OpenSSH sshd on 127.0.0.1, median of %d round%s (min-max),"
        + " MB = 10^6 bytes of WAV%n", rounds, rounds == 1 ? "" : "s");
    for (Kind kind : kinds) {
      Map<Method, List<Sample>> byMethod = samples.get(kind);
      long bytes = byMethod.get(Method.CUSTODIAN).get(0).bytes();
      System.out.printf(Locale.ROOT, "%n%s (%,.1f MB)%n", kind.label(), bytes / 1e6);
      System.out.printf(Locale.ROOT, "  %-36s %8s %20s %9s %16s %9s %9s %9s %16s%n", "", "wall s", "MB/s", "files/s",
          "Custodian/this", "CPU s", "sshd CPU", "MB/CPU s", "Custodian/this");
      List<Sample> custodian = byMethod.get(Method.CUSTODIAN);
      for (Method method : methods) {
        List<Sample> list = byMethod.get(method);
        // Ratio taken round by round, where both ran within the same minute.
        double[] ratio = IntStream.range(0, list.size())
            .mapToDouble(i -> custodian.get(i).mbPerSecond() / list.get(i).mbPerSecond()).toArray();
        double[] cpuRatio = IntStream.range(0, list.size())
            .mapToDouble(i -> custodian.get(i).mbPerCpuSecond() / list.get(i).mbPerCpuSecond()).toArray();
        System.out.printf(Locale.ROOT, "  %-36s %8.2f %7.1f (%5.1f-%5.1f) %9.1f %16s %9.1f %9.1f %9.1f %16s%n",
            label(method), median(list, Sample::seconds), median(list, Sample::mbPerSecond),
            min(list, Sample::mbPerSecond), max(list, Sample::mbPerSecond), median(list, Sample::filesPerSecond),
            method == Method.CUSTODIAN ? "" : range(ratio), median(list, Sample::cpu), median(list, Sample::sshdCpu),
            median(list, Sample::mbPerCpuSecond), method == Method.CUSTODIAN ? "" : range(cpuRatio));
      }
      System.out.printf(Locale.ROOT, "  Custodian: run record %.2f s (median; the POST also cuts the batch),"
              + " PostgreSQL CPU %.1f s; heap: polled max %s MB, before GC max %s MB, after GC max %s MB,"
              + " committed max %s MB, %s GC pauses%n",
          median(custodian, s -> s.runRecordMillis() / 1000.0), median(custodian, Sample::postgresCpu),
          fmt(median(custodian, s -> s.heap().polledMax())), fmt(median(custodian, s -> s.heap().gcPeakBefore())),
          fmt(median(custodian, s -> s.heap().gcMaxAfter())), fmt(median(custodian, s -> s.heap().gcMaxCommitted())),
          fmt(median(custodian, s -> s.heap().gcs())));
    }
    System.out.printf("%n  Targets (issue): Custodian >= single sftp -b; aim: four sftp -b processes%n");
    for (Kind kind : kinds) {
      Map<Method, List<Sample>> byMethod = samples.get(kind);
      double c = median(byMethod.get(Method.CUSTODIAN), Sample::mbPerSecond);
      double one = median(byMethod.get(Method.SFTP1), Sample::mbPerSecond);
      double four = median(byMethod.get(Method.SFTP4), Sample::mbPerSecond);
      System.out.printf(Locale.ROOT, "  %s: Custodian %.1f MB/s; >= 1 sftp (%.1f): %s; >= 4 sftp (%.1f): %s%n",
          kind.id(), c, one, c >= one ? "met" : "NOT MET", four, c >= four ? "met" : "NOT MET");
      for (Method method : methods) {
        List<Sample> list = byMethod.get(method);
        System.out.printf(Locale.ROOT, "RESULT batch=%s calls=%d seconds=%d method=%s wall_s=%.3f mb_s=%.2f"
                + " files_s=%.1f cpu_s=%.2f sshd_cpu_s=%.2f mb_per_cpu_s=%.1f%s%n",
            kind.id(), kind.calls(), kind.seconds(), method.name().toLowerCase(Locale.ROOT),
            median(list, Sample::seconds), median(list, Sample::mbPerSecond), median(list, Sample::filesPerSecond),
            median(list, Sample::cpu), median(list, Sample::sshdCpu), median(list, Sample::mbPerCpuSecond),
            method != Method.CUSTODIAN ? "" : String.format(Locale.ROOT,
                " postgres_cpu_s=%.2f run_record_s=%.3f heap_polled_mb=%.0f heap_before_gc_mb=%.0f"
                    + " heap_after_gc_mb=%.0f heap_committed_mb=%.0f",
                median(list, Sample::postgresCpu), median(list, s -> s.runRecordMillis() / 1000.0),
                median(list, s -> s.heap().polledMax()), median(list, s -> s.heap().gcPeakBefore()),
                median(list, s -> s.heap().gcMaxAfter()), median(list, s -> s.heap().gcMaxCommitted())));
      }
    }
  }

  /** The median of ratios taken round by round, with their range. */
  static String range(double[] ratio) {
    return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", median(ratio), Arrays.stream(ratio).min().orElse(0),
        Arrays.stream(ratio).max().orElse(0));
  }

  static String heap(Heap h) {
    return String.format(Locale.ROOT, "polled max %s MB, before GC max %s MB, after GC max %s MB (%d GCs, committed %s MB)",
        fmt(h.polledMax()), fmt(h.gcPeakBefore()), fmt(h.gcMaxAfter()), h.gcs(), fmt(h.gcMaxCommitted()));
  }

  static String fmt(double v) {
    return v < 0 ? "?" : String.format(Locale.ROOT, "%.0f", v);
  }

  static double median(List<Sample> list, java.util.function.ToDoubleFunction<Sample> f) {
    return median(list.stream().mapToDouble(f).toArray());
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double min(List<Sample> list, java.util.function.ToDoubleFunction<Sample> f) {
    return list.stream().mapToDouble(f).min().orElse(0);
  }

  static double max(List<Sample> list, java.util.function.ToDoubleFunction<Sample> f) {
    return list.stream().mapToDouble(f).max().orElse(0);
  }

  // ---------------------------------------------------------------- the machine

  /** Attached once and kept: the counters read a mapping of the service's hsperfdata file that lives with it. */
  sun.jvmstat.monitor.MonitoredVm serviceCounters;
  List<sun.jvmstat.monitor.Monitor> heapSpaces;

  /** The service's performance counters (hsperfdata, as jstat reads them), attached to once. */
  synchronized sun.jvmstat.monitor.MonitoredVm serviceCounters() {
    if (serviceCounters == null) {
      try {
        serviceCounters = sun.jvmstat.monitor.MonitoredHost.getMonitoredHost("localhost")
            .getMonitoredVm(new sun.jvmstat.monitor.VmIdentifier("//" + servicePid + "?mode=r"), 0);
      } catch (sun.jvmstat.monitor.MonitorException | java.net.URISyntaxException e) {
        throw new IllegalStateException("cannot read the service's performance counters (hsperfdata)", e);
      }
    }
    return serviceCounters;
  }

  /** The service's counters of heap space in use: every space of every generation. */
  synchronized List<sun.jvmstat.monitor.Monitor> heapSpaces() {
    if (heapSpaces == null) {
      try {
        heapSpaces = List.copyOf(
            serviceCounters().findByPattern("sun\\.gc\\.generation\\.[0-9]+\\.space\\.[0-9]+\\.used"));
      } catch (sun.jvmstat.monitor.MonitorException e) {
        throw new IllegalStateException("cannot read the service's performance counters (hsperfdata)", e);
      }
      if (heapSpaces.isEmpty()) {
        throw new IllegalStateException("the service's performance counters have no heap spaces");
      }
    }
    return heapSpaces;
  }

  /** CPU seconds of a process from /proc: its own, and with {@code reaped} those of children it waited for. */
  double procCpu(long pid, boolean reaped) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    if (reaped) {
      t += Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }
    return t / ticks;
  }

  /** CPU seconds of this JVM's finished children (the sftp processes). */
  double procChildrenCpu() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / ticks;
  }

  /** The embedded PostgreSQL: the postmaster and its backends. */
  double postgresCpu() {
    if (postgresPid <= 0) {
      return -1;
    }
    return ProcessHandle.of(postgresPid).map(p -> Stream.concat(Stream.of(p), p.descendants())
        .mapToDouble(h -> h.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0)).sum()).orElse(-1.0);
  }

  /**
   * Lets the service finish what the intake left behind, as a service whose calls arrive over half an hour has by
   * the time its batch is cut: its JIT's compilations (the feed makes the intake's methods hot all at once) and
   * PostgreSQL's background writes. At least two seconds; then until a whole second passes in which the service's
   * compiler threads used no CPU and finished no compilation and PostgreSQL used less than 50 ms; at most a minute.
   */
  void settle() throws Exception {
    sync();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Thread.sleep(2000);
    while (System.nanoTime() < deadline) {
      long compiles = compilations();
      double jit = compilerCpu();
      double pg = postgresCpu();
      Thread.sleep(1000);
      if (compilations() == compiles && compilerCpu() == jit && postgresCpu() - pg < 0.05) {
        return;
      }
    }
  }

  /** Compilations the service's JIT has finished, from its performance counters. */
  long compilations() {
    try {
      return ((Number) serviceCounters().findByName("sun.ci.totalCompiles").getValue()).longValue();
    } catch (sun.jvmstat.monitor.MonitorException e) {
      throw new IllegalStateException(e);
    }
  }

  /** CPU seconds of the service's JIT compiler threads, from /proc. */
  double compilerCpu() {
    Threads now = new Threads(servicePid);
    now.sample();
    return now.cpu(name -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
  }


  static void sync() throws Exception {
    new ProcessBuilder("sync").inheritIO().start().waitFor();
  }

  /**
   * Empties a remote directory by moving it into a trash directory that the script removes on exit. Deleting the
   * files here would make every run pay for the run before it: for a minute or more after a file is deleted, ext4
   * skips its inode when it allocates one (fs/ext4/ialloc.c, recently_deleted), so each file created after a
   * thousand deletions looks at a thousand inodes first. That took about a tenth of the machine's CPU in sshd's
   * file creations, for whichever method ran next; a customer's server does not delete a batch's worth of files
   * just before the next batch arrives.
   */
  static void clear(Path dir) throws IOException {
    if (Files.exists(dir)) {
      Path trash = dir.resolveSibling("trash");
      Files.createDirectories(trash);
      Files.move(dir, trash.resolve(dir.getFileName() + "-" + System.nanoTime()));
    }
    Files.createDirectories(dir);
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
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
