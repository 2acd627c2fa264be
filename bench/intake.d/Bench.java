// The driver of bench/intake: generates the recordings, runs the plain durable-write baseline and the
// Custodian intake with the same bytes and concurrency, checks a sample back, prints the summary.
// Single-file source, JDK only: java Bench.java (settings come from the environment, see bench/intake).

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

public class Bench {

  static final int RATE = 8000;
  static final int SECONDS = 60;
  static final int DATA_BYTES = RATE * SECONDS; // u-law: one byte per sample, mono
  static final int HEADER_BYTES = 58;
  static final int FILE_BYTES = HEADER_BYTES + DATA_BYTES; // 480,058

  public static void main(String[] args) throws Exception {
    int n = intEnv("BENCH_N", 300);
    int c = intEnv("BENCH_CONCURRENCY", 4);
    int warmup = intEnv("BENCH_WARMUP", 1200);
    String base = env("BENCH_URL");
    String org = env("BENCH_ORG");
    String key = env("BENCH_ORG_KEY");
    Path plainDir = Path.of(env("BENCH_PLAIN_DIR"));
    String run = env("BENCH_RUN_ID");
    long servicePid = Long.parseLong(System.getenv().getOrDefault("BENCH_SERVICE_PID", "-1"));
    long postgresPid = Long.parseLong(System.getenv().getOrDefault("BENCH_POSTGRES_PID", "-1"));

    long t0 = System.nanoTime();
    // The measured recordings are all distinct; warm-up ones (not measured) cycle through a small pool.
    int pool = Math.min(warmup, 16);
    byte[][] wavs = new byte[n + pool][];
    IntStream.range(0, n + pool).parallel().forEach(i -> wavs[i] = Speech.wav(run.hashCode() * 1_000_003L + i));
    requireDistinct(wavs);
    byte[][] measured = Arrays.copyOf(wavs, n);
    byte[][] warm = IntStream.range(0, warmup).mapToObj(i -> wavs[n + i % pool]).toArray(byte[][]::new);
    System.out.printf(Locale.ROOT, "generated %d distinct one-minute u-law WAVs of %,d bytes (+%d for warm-up) in %.1f s%n",
        n, FILE_BYTES, pool, secs(System.nanoTime() - t0));

    // 1. The baseline: the same bytes, C writers, each file written and fsynced, then the directory fsynced.
    // It takes well under a second, so one pass is at the mercy of a neighbour's burst: the median of three.
    Files.createDirectories(plainDir);
    plainWrite(plainDir.resolve("warmup"), Arrays.copyOfRange(wavs, n, n + pool), c);
    Result[] passes = new Result[3];
    for (int i = 0; i < passes.length; i++) {
      passes[i] = plainWrite(plainDir.resolve("run" + i), measured, c);
    }
    Arrays.sort(passes, java.util.Comparator.comparingLong(Result::wallNanos));
    Result plain = passes[1];
    System.out.printf(Locale.ROOT, "plain write: 3 passes at %.0f, %.0f, %.0f MB/s; the median is reported%n",
        passes[2].mbPerSecond(), passes[1].mbPerSecond(), passes[0].mbPerSecond());

    // 2. Custodian: multipart POST /api/v1/orgs/{org}/calls, C clients.
    HttpClient http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    Intake intake = new Intake(http, base, org, key, run);
    if (warmup > 0) {
      // In batches of 200, to show the service warming up: its JIT compiles methods called once a request
      // with C2 only after some 5000 requests (see docs/benchmarks.md).
      StringBuilder rates = new StringBuilder();
      long start = System.nanoTime();
      int sent = 0;
      while (sent < warmup) {
        int batch = Math.min(200, warmup - sent);
        Result w = intake.send(Arrays.copyOfRange(warm, sent, sent + batch), "warmup" + sent + "-", c);
        sent += batch;
        rates.append(String.format(Locale.ROOT, " %.0f", w.filesPerSecond()));
      }
      System.out.printf(Locale.ROOT, "warm-up: %d recordings in %.1f s, not measured; per 200: %s /s%n",
          sent, secs(System.nanoTime() - start), rates.toString().trim());
    }
    Cpu cpu = new Cpu(servicePid, postgresPid, ProcessHandle.current().pid());
    Result custodian = intake.send(measured, "r", c);
    cpu.stop();

    // 3. A sample read back must be byte-identical.
    int[] sample = n >= 3 ? new int[] {0, n / 2, n - 1} : IntStream.range(0, n).toArray();
    for (int i : sample) {
      HttpRequest get = HttpRequest.newBuilder(URI.create(
              base + "/api/v1/orgs/" + org + "/recordings/" + intake.ids[i] + "/content"))
          .header("Authorization", "Bearer " + key)
          .timeout(Duration.ofSeconds(60))
          .GET().build();
      HttpResponse<byte[]> got = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
      if (got.statusCode() != 200 || !Arrays.equals(got.body(), wavs[i])) {
        System.err.printf("%nVERIFY FAILED: recording %s (#%d) came back with status %d and %,d bytes "
                + "that do not match the %,d bytes sent%n",
            intake.ids[i], i, got.statusCode(), got.body().length, wavs[i].length);
        System.exit(3);
      }
    }

    double mb = (double) n * FILE_BYTES / 1e6;
    double ratio = custodian.mbPerSecond() / plain.mbPerSecond();
    System.out.println();
    System.out.printf(Locale.ROOT, "Intake: %d recordings x %,d bytes (%.1f MB), %d concurrent clients/writers%n",
        n, FILE_BYTES, mb, c);
    System.out.printf(Locale.ROOT, "  %-28s %9s %9s %9s %9s %9s%n", "", "files/s", "MB/s", "p50 ms", "p99 ms", "wall s");
    print("plain write+fsync (median)", plain);
    print("Custodian POST /calls", custodian);
    System.out.printf(Locale.ROOT, "  ratio Custodian/plain: %.2f (target >= 0.50: %s)%n", ratio,
        ratio >= 0.5 ? "met" : "NOT MET");
    if (cpu.used(0) >= 0) {
      System.out.printf(Locale.ROOT, "  CPU in the Custodian phase (%.1f s wall, %d cores): service JVM %.1f s"
              + " (%.1f ms a recording), its PostgreSQL %.1f s, this client %.1f s%n",
          secs(custodian.wallNanos()), Runtime.getRuntime().availableProcessors(), cpu.used(0),
          cpu.used(0) * 1000 / n, cpu.used(1), cpu.used(2));
    }
    System.out.printf("  verified: %d recordings downloaded, byte-identical to what was sent%n", sample.length);
    System.out.printf(Locale.ROOT,
        "RESULT n=%d c=%d custodian_files_s=%.1f custodian_mb_s=%.2f custodian_p50_ms=%.1f custodian_p99_ms=%.1f"
            + " plain_files_s=%.1f plain_mb_s=%.2f plain_p50_ms=%.1f plain_p99_ms=%.1f ratio=%.3f"
        + " service_cpu_s=%.1f postgres_cpu_s=%.1f client_cpu_s=%.1f%n",
        n, c, custodian.filesPerSecond(), custodian.mbPerSecond(), custodian.p(50), custodian.p(99),
        plain.filesPerSecond(), plain.mbPerSecond(), plain.p(50), plain.p(99), ratio, cpu.used(0), cpu.used(1), cpu.used(2));
  }

  static void print(String label, Result r) {
    System.out.printf(Locale.ROOT, "  %-28s %9.1f %9.2f %9.1f %9.1f %9.2f%n",
        label, r.filesPerSecond(), r.mbPerSecond(), r.p(50), r.p(99), secs(r.wallNanos));
  }

  /** Wall time of a phase and the latency of each of its files. */
  record Result(long wallNanos, long[] latencies, long bytes) {
    double filesPerSecond() {
      return latencies.length / secs(wallNanos);
    }

    double mbPerSecond() {
      return bytes / 1e6 / secs(wallNanos);
    }

    /** Nearest-rank percentile, in milliseconds. */
    double p(int percentile) {
      long[] sorted = latencies.clone();
      Arrays.sort(sorted);
      int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
      return sorted[Math.max(0, rank - 1)] / 1e6;
    }
  }

  /**
   * CPU seconds used between construction and {@link #stop} by the service's JVM (the process alone), by its
   * embedded PostgreSQL (the postmaster and its backends) and by this client; -1 where the platform does not tell.
   */
  static final class Cpu {
    final long[] pids;
    final double[] start;
    final double[] used;

    Cpu(long... pids) {
      this.pids = pids;
      this.start = new double[pids.length];
      this.used = new double[pids.length];
      for (int i = 0; i < pids.length; i++) {
        start[i] = tree(pids[i], i == 1);
      }
    }

    void stop() {
      for (int i = 0; i < pids.length; i++) {
        double now = tree(pids[i], i == 1);
        used[i] = now < 0 || start[i] < 0 ? -1 : now - start[i];
      }
    }

    double used(int i) {
      return used[i];
    }

    /** A process, with its descendants if asked. */
    private static double tree(long pid, boolean descendants) {
      java.util.Optional<ProcessHandle> p = pid > 0 ? ProcessHandle.of(pid) : java.util.Optional.empty();
      if (p.isEmpty()) {
        return -1;
      }
      double total = cpu(p.get());
      if (total < 0) {
        return -1;
      }
      for (ProcessHandle d : descendants ? p.get().descendants().toList() : List.<ProcessHandle>of()) {
        total += Math.max(0, cpu(d));
      }
      return total;
    }

    private static double cpu(ProcessHandle p) {
      return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(-1.0);
    }
  }

  interface Task {
    void run(int index) throws Exception;
  }

  /** Runs {@code count} tasks on {@code threads} threads taking the next index; wall time and latencies. */
  static Result parallel(int count, int threads, long bytes, Task task) throws Exception {
    long[] latencies = new long[count];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
          for (int i; (i = next.getAndIncrement()) < count && failure.get() == null; ) {
            long start = System.nanoTime();
            task.run(i);
            latencies[i] = System.nanoTime() - start;
          }
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
      });
      worker.start();
      workers.add(worker);
    }
    ready.await();
    long start = System.nanoTime();
    go.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long wall = System.nanoTime() - start;
    if (failure.get() != null) {
      throw new IllegalStateException("benchmark failed: " + failure.get(), failure.get());
    }
    return new Result(wall, latencies, bytes);
  }

  static Result plainWrite(Path dir, byte[][] files, int threads) throws Exception {
    Files.createDirectories(dir);
    long bytes = Arrays.stream(files).mapToLong(f -> f.length).sum();
    Result r = parallel(files.length, threads, bytes, i -> {
      try (FileChannel ch = FileChannel.open(dir.resolve(i + ".wav"),
          StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(files[i]);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        ch.force(true);
      }
    });
    long syncStart = System.nanoTime();
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
    return new Result(r.wallNanos() + System.nanoTime() - syncStart, r.latencies(), bytes);
  }

  /** Multipart call intake; remembers the id of every recording created. */
  static final class Intake {
    final HttpClient http;
    final String url;
    final String key;
    final String run;
    String[] ids;

    Intake(HttpClient http, String base, String org, String key, String run) {
      this.http = http;
      this.url = base + "/api/v1/orgs/" + org + "/calls";
      this.key = key;
      this.run = run;
    }

    Result send(byte[][] files, String prefix, int threads) throws Exception {
      String[] created = new String[files.length];
      long bytes = Arrays.stream(files).mapToLong(f -> f.length).sum();
      Instant epoch = Instant.parse("2026-01-05T09:00:00Z");
      Result r = parallel(files.length, threads, bytes, i -> {
        String boundary = "bench" + Long.toHexString(new SplittableRandom(i * 31L + run.hashCode()).nextLong())
            + "x" + Long.toHexString(System.nanoTime());
        Instant started = epoch.plusSeconds(97L * i);
        String metadata = String.format(Locale.ROOT,
            "{\"sourceId\":\"bench-%s-%s-%d\",\"callId\":\"call-%s-%d\",\"direction\":\"%s\","
                + "\"participants\":[{\"role\":\"recorded\",\"number\":\"+44207%07d\",\"userId\":\"u%d\","
                + "\"jurisdiction\":\"GB\"},{\"role\":\"remote\",\"number\":\"+1415%07d\"}],"
                + "\"startedAt\":\"%s\",\"endedAt\":\"%s\",\"deviceId\":\"bench-device-%d\"}",
            run, prefix, i, prefix, i, i % 2 == 0 ? "inbound" : "outbound", 1000000 + i, i % 50,
            2000000 + i, started, started.plusSeconds((files[i].length - HEADER_BYTES) / RATE), i % 20);
        byte[] head = ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"metadata\"\r\n"
                + "Content-Type: application/json\r\n\r\n"
                + metadata + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"audio\"; filename=\"" + prefix + i + ".wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest post = HttpRequest.newBuilder(URI.create(url))
            .header("Authorization", "Bearer " + key)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(Duration.ofSeconds(120))
            // With its length, as curl -F and most clients send it (not chunked)
            .POST(HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofByteArrays(List.of(head, files[i], tail)),
                (long) head.length + files[i].length + tail.length))
            .build();
        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
          throw new IOException("POST " + url + " #" + i + " answered " + response.statusCode() + ": "
              + response.body());
        }
        String location = response.headers().firstValue("Location")
            .orElseThrow(() -> new IOException("201 without a Location header"));
        created[i] = location.substring(location.lastIndexOf('/') + 1);
      });
      ids = created;
      return r;
    }
  }

  /**
   * Synthetic speech-like audio: words of one to four syllables with a gliding pitch (85-260 Hz), harmonics
   * shaped by two randomly placed formants, a syllable envelope, pauses, and a low noise floor (so no stretch
   * is digital silence). Each seed gives a different minute; table-driven so 300 minutes take seconds.
   */
  static final class Speech {
    static final int TABLE = 4096;
    static final float[] SIN = new float[TABLE];
    static final byte[] ULAW = new byte[65536];
    static final double PHASE_PER_HZ = 4294967296.0 / RATE;

    static {
      for (int i = 0; i < TABLE; i++) {
        SIN[i] = (float) Math.sin(2 * Math.PI * i / TABLE);
      }
      for (int s = 0; s < 65536; s++) {
        ULAW[s] = linearToUlaw((short) s);
      }
    }

    /** ITU-T G.711 u-law of a 16-bit linear sample. */
    static byte linearToUlaw(short pcm) {
      int sample = pcm;
      int sign = (sample >> 8) & 0x80;
      if (sign != 0) {
        sample = -sample;
      }
      sample = Math.min(sample, 32635) + 0x84;
      int exponent = 7;
      for (int mask = 0x4000; (sample & mask) == 0 && exponent > 0; mask >>= 1) {
        exponent--;
      }
      int mantissa = (sample >> (exponent + 3)) & 0x0F;
      return (byte) ~(sign | (exponent << 4) | mantissa);
    }

    static byte[] wav(long seed) {
      return wav(seed, SECONDS);
    }

    /** A call of the given length (bench/offload-sftp also sends three-minute ones). */
    static byte[] wav(long seed, int seconds) {
      int dataBytes = RATE * seconds;
      byte[] file = new byte[HEADER_BYTES + dataBytes];
      ByteBuffer h = ByteBuffer.wrap(file, 0, HEADER_BYTES).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(file.length - 8)
          .put("WAVE".getBytes(StandardCharsets.US_ASCII))
          .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(18)
          .putShort((short) 7).putShort((short) 1).putInt(RATE).putInt(RATE).putShort((short) 1)
          .putShort((short) 8).putShort((short) 0)
          .put("fact".getBytes(StandardCharsets.US_ASCII)).putInt(4).putInt(dataBytes)
          .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);

      SplittableRandom r = new SplittableRandom(seed);
      int noise = (int) r.nextLong() | 1;
      double gain = 7000 + 5000 * r.nextDouble();
      double pitch = 85 + 175 * r.nextDouble(); // this speaker's mean pitch
      float[] amps = new float[16];
      int phase = 0;
      int pos = HEADER_BYTES;
      int end = file.length;
      while (pos < end) {
        int syllables = 1 + r.nextInt(4);
        for (int s = 0; s < syllables && pos < end; s++) {
          int len = Math.min(end - pos, (int) (RATE * (0.09 + 0.22 * r.nextDouble())));
          double f0a = pitch * (0.85 + 0.3 * r.nextDouble());
          double f0b = pitch * (0.85 + 0.3 * r.nextDouble());
          double f1 = 300 + 600 * r.nextDouble();
          double f2 = 900 + 1600 * r.nextDouble();
          double loud = 0.5 + 0.5 * r.nextDouble();
          int harmonics = Math.min(amps.length, (int) (3600 / Math.max(f0a, f0b)));
          double norm = 0;
          for (int k = 1; k <= harmonics; k++) {
            double f = k * (f0a + f0b) / 2;
            double a = Math.exp(-sq((f - f1) / 180)) + 0.6 * Math.exp(-sq((f - f2) / 250)) + 0.08 / k;
            amps[k - 1] = (float) a;
            norm += a;
          }
          float scale = (float) (gain * loud / norm * 1.6);
          for (int i = 0; i < len; i++, pos++) {
            // 32-bit phase accumulator: k * phase wraps to the k-th harmonic's phase, the top 12 bits index SIN
            phase += (int) ((f0a + (f0b - f0a) * i / len) * PHASE_PER_HZ);
            float v = 0;
            for (int k = 1; k <= harmonics; k++) {
              v += amps[k - 1] * SIN[(k * phase) >>> 20];
            }
            float envelope = SIN[(int) ((long) i * (TABLE / 2) / len)];
            noise ^= noise << 13;
            noise ^= noise >>> 17;
            noise ^= noise << 5;
            int sample = (int) (v * envelope * scale) + (noise >> 25);
            file[pos] = ULAW[Math.max(-32768, Math.min(32767, sample)) & 0xFFFF];
          }
        }
        int pause = Math.min(end - pos, (int) (RATE * (0.04 + 0.35 * r.nextDouble())));
        for (int i = 0; i < pause; i++, pos++) {
          noise ^= noise << 13;
          noise ^= noise >>> 17;
          noise ^= noise << 5;
          file[pos] = ULAW[(noise >> 25) & 0xFFFF];
        }
      }
      return file;
    }

    static double sq(double x) {
      return x * x;
    }
  }

  static void requireDistinct(byte[][] files) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (byte[] f : files) {
      if (!seen.add(java.util.HexFormat.of().formatHex(Arrays.copyOfRange(f, HEADER_BYTES, HEADER_BYTES + 4096)))) {
        throw new IllegalStateException("two generated recordings start alike");
      }
    }
  }

  static double secs(long nanos) {
    return nanos / 1e9;
  }

  static String env(String name) {
    String v = System.getenv(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException(name + " is not set");
    }
    return v;
  }

  static int intEnv(String name, int fallback) {
    String v = System.getenv(name);
    return v == null || v.isEmpty() ? fallback : Integer.parseInt(v);
  }
}
