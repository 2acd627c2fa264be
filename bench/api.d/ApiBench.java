// The driver of bench/api: takes a few hundred real recordings in through the API, loads N synthetic recordings'
// metadata straight into the service's embedded PostgreSQL (JDBC, generate_series), then measures the list
// endpoint's latency (first and deep pages, with and without filters, sequential and with concurrent clients)
// and content downloads (stored WAV and u-law rendition, against a plain JDK HTTP server of the same files).
// Every answer is checked; a wrong one ends the run with a non-zero status. Compiled together with
// bench/intake.d/Bench.java (for its audio, intake and CPU helpers); the PostgreSQL JDBC driver is on the class
// path; settings come from the environment (see bench/api).

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

public class ApiBench {

  /** Sub-organisations of the synthetic records, by share: 5% belong to the main organisation itself. */
  static final String[] DESKS = {"rates", "fx", "equities", "credit", "commodities", "sales", "research", "treasury"};
  static final int USERS_PER_DESK = 250;
  static final int EXTERNAL_NUMBERS = 300_000;
  static final int LIMIT = 100;
  static final Pattern SEQ = Pattern.compile("\"intakeSeq\":(\\d+)");
  static final Pattern NEXT = Pattern.compile("\"next\":(null|\"([A-Za-z0-9_-]+)\")");

  static String base;
  static String org;
  static String key;
  static HttpClient http;

  public static void main(String[] args) throws Exception {
    int n = Bench.intEnv("BENCH_RECORDS", 1_000_000);
    int real = Bench.intEnv("BENCH_RECORDINGS", 200);
    int requests = Bench.intEnv("BENCH_REQUESTS", 300);
    int caseSeconds = Bench.intEnv("BENCH_CASE_SECONDS", 20);
    int clients = Bench.intEnv("BENCH_CLIENTS", 4);
    int downloads = Bench.intEnv("BENCH_DOWNLOADS", 400);
    int[] downloadClients = Arrays.stream(Bench.env("BENCH_DOWNLOAD_CLIENTS").split(","))
        .mapToInt(Integer::parseInt).toArray();
    base = Bench.env("BENCH_URL");
    org = Bench.env("BENCH_ORG");
    key = Bench.env("BENCH_ORG_KEY");
    String peer = Bench.env("BENCH_PEER_URL");
    Path dataDir = Path.of(Bench.env("BENCH_DATA_DIR"));
    Path plainDir = Path.of(Bench.env("BENCH_PLAIN_DIR"));
    String run = Bench.env("BENCH_RUN_ID");
    long servicePid = Long.parseLong(System.getenv().getOrDefault("BENCH_SERVICE_PID", "-1"));
    long postgresPid = Long.parseLong(System.getenv().getOrDefault("BENCH_POSTGRES_PID", "-1"));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    // 1. Real recordings through the API, for the downloads; written as plain files for the peer too.
    long t0 = System.nanoTime();
    byte[][] wavs = new byte[real][];
    IntStream.range(0, real).parallel().forEach(i -> wavs[i] = Bench.Speech.wav(run.hashCode() * 1_000_003L + i));
    Bench.requireDistinct(wavs);
    Files.createDirectories(plainDir);
    for (int i = 0; i < real; i++) {
      Files.write(plainDir.resolve(i + ".wav"), wavs[i]);
    }
    Bench.Intake intake = new Bench.Intake(http, base, org, key, run);
    Bench.Result in = intake.send(wavs, "r", 4);
    String[] ids = intake.ids;
    System.out.printf(Locale.ROOT, "took in %d one-minute u-law recordings through the API in %.1f s (%.0f/s)%n",
        real, Bench.secs(System.nanoTime() - t0), in.filesPerSecond());

    // 2. N synthetic recordings straight into PostgreSQL, after them in intake order.
    String port = Files.readAllLines(dataDir.resolve("postgres/postmaster.pid")).get(3).trim();
    String password = Files.readString(dataDir.resolve("keys/database-password")).trim();
    try (Connection db = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/custodian", "postgres", password)) {
      Dataset data = load(db, n, real);

      // 3. Latency of the list endpoint.
      List<Case> cases = cases(data, n, real);
      System.out.printf("checking the first pages of %d cases against plain SQL ...%n", cases.size());
      for (Case c : cases) {
        c.check(db);
      }
      warmUp(cases, 600);
      List<Stats> sequential = new ArrayList<>();
      for (Case c : cases) {
        sequential.add(c.measure(requests, 1, caseSeconds));
      }
      List<Stats> concurrent = new ArrayList<>();
      if (clients > 1) {
        for (Case c : cases) {
          concurrent.add(c.measure(requests, clients, caseSeconds));
        }
      }
      String version = single(db, "select version()");
      printLatency(n, real, sequential, concurrent, clients, version);
      explain(db, data, n, real);
    }

    // 4. Downloads: the stored WAV, the u-law rendition, and the same bytes from the plain peer.
    verifyDownloads(ids, wavs, peer);
    // Not measured: 200 of each kind by 4 clients, so that the first line does not pay for the service's JIT.
    long warm = System.nanoTime();
    for (String suffix : new String[] {"/content", "/content?format=ulaw"}) {
      download(i -> base + "/api/v1/orgs/" + org + "/recordings/" + ids[i % real] + suffix, 200, 4, wavs[0].length);
    }
    download(i -> peer + "/files/" + (i % real) + ".wav", 200, 4, wavs[0].length);
    System.out.printf(Locale.ROOT, "download warm-up: 200 of each kind in %.1f s, not measured%n",
        Bench.secs(System.nanoTime() - warm));
    System.out.println();
    System.out.printf(Locale.ROOT, "Downloads: %d whole one-minute recordings (%,d bytes) per line, round robin over %d%n",
        downloads, wavs[0].length, real);
    System.out.printf(Locale.ROOT, "  %-34s %7s %9s %9s %8s %8s %8s %12s %10s%n", "", "clients", "MB/s", "files/s",
        "p50 ms", "p99 ms", "max ms", "service CPU", "PG CPU");
    List<String> results = new ArrayList<>();
    for (int c : downloadClients) {
      String[] urls = {"/content", "/content?format=ulaw", null};
      String[] labels = {"Custodian /content", "Custodian ?format=ulaw", "plain peer (JDK HttpServer)"};
      for (int k = 0; k < urls.length; k++) {
        String suffix = urls[k];
        IntFunction<String> url = suffix == null
            ? i -> peer + "/files/" + (i % real) + ".wav"
            : i -> base + "/api/v1/orgs/" + org + "/recordings/" + ids[i % real] + suffix;
        Bench.Cpu cpu = new Bench.Cpu(servicePid, postgresPid, ProcessHandle.current().pid());
        Bench.Result r = download(url, downloads, c, wavs[0].length);
        cpu.stop();
        boolean peerLine = suffix == null;
        System.out.printf(Locale.ROOT, "  %-34s %7d %9.1f %9.1f %8.1f %8.1f %8.1f %12s %10s%n", labels[k], c,
            r.mbPerSecond(), r.filesPerSecond(), r.p(50), r.p(99), r.p(100),
            peerLine ? "" : String.format(Locale.ROOT, "%.1f s", cpu.used(0)),
            peerLine ? "" : String.format(Locale.ROOT, "%.1f s", cpu.used(1)));
        results.add(String.format(Locale.ROOT, "download_%s_c%d_mb_s=%.1f",
            k == 0 ? "content" : k == 1 ? "ulaw" : "peer", c, r.mbPerSecond()));
      }
    }
    System.out.println("RESULT records=" + n + " " + String.join(" ", results));
  }

  // ---------------------------------------------------------------------------------------------------------
  // The synthetic records

  /** What the loaded records look like, for choosing the queries. */
  record Dataset(Instant from, Instant to, String heavyUser, String frequentNumber, String rareNumber) {}

  /**
   * Loads n recordings of the organisation with intake numbers after the real ones, 100,000 a transaction, each
   * with its vault object and its participants' rows, as the intake writes them; then VACUUM ANALYZE and a
   * CHECKPOINT, so that neither lands in the measurements.
   */
  static Dataset load(Connection db, int n, int real) throws Exception {
    Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant from = to.minus(182, ChronoUnit.DAYS);
    double step = (double) Duration.between(from, to).toSeconds() / n;
    String wrappedKeyOf = "(select wrapped_key from vault_objects where org_id = '" + org + "' limit 1)";
    String kekOf = "(select kek_id from vault_objects where org_id = '" + org + "' limit 1)";
    long start = System.nanoTime();
    db.setAutoCommit(false);
    try (Statement s = db.createStatement()) {
      s.execute("set synchronous_commit = off");
      s.execute("set maintenance_work_mem = '256MB'");
      s.execute("select setseed(0.42)");
      db.commit();
    }
    int chunk = 100_000;
    for (int done = 0; done < n; ) {
      int size = Math.min(chunk, n - done);
      try (Statement s = db.createStatement()) {
        long last;
        try (ResultSet rs = s.executeQuery("update organisations set intake_seq = intake_seq + " + size
            + " where id = '" + org + "' returning intake_seq")) {
          rs.next();
          last = rs.getLong(1);
        }
        long first = last - size + 1;
        if (first != real + done + 1) {
          throw new IllegalStateException("the organisation's intake sequence was " + (first - 1) + ", not "
              + (real + done) + ": something else took records in during the load");
        }
        // One row of random draws a record; a desk, a direction, the desk's trader on the call, the other party
        // (a colleague for an internal call, else an external number, a few of them very frequent), a switchboard
        // number on a tenth of inbound calls. Calls arrive in intake order; each started 2 to 32 s plus its
        // duration (15 s to 20 min) before it was received. All but the last 1% have been delivered by SFTP, all but
        // the last 10% acknowledged over the API.
        s.execute("drop table if exists syn");
        s.execute(String.format(Locale.ROOT, """
            create temp table syn on commit drop as
            with g as materialized (
              select i, random() as a, random() as b, floor(random() * %2$d)::int as u, random() as c,
                     floor(random() * %2$d)::int as u2, random() as d, random() as e, random() as f, random() as h
                from generate_series(%3$d, %4$d) i)
            select %1$d + i - %3$d as seq, i as k,
                   gen_random_uuid() as obj,
                   width_bucket(a, array[0.05, 0.35, 0.55, 0.70, 0.80, 0.88, 0.94, 0.98]::float8[]) as desk,
                   case when b < 0.45 then 'inbound' when b < 0.90 then 'outbound' else 'internal' end as direction,
                   width_bucket(a, array[0.05, 0.35, 0.55, 0.70, 0.80, 0.88, 0.94, 0.98]::float8[]) * %2$d + u as usr,
                   width_bucket(a, array[0.05, 0.35, 0.55, 0.70, 0.80, 0.88, 0.94, 0.98]::float8[]) * %2$d + u2 as colleague,
                   '+1212' || lpad(floor(c ^ 3 * %5$d)::text, 7, '0') as remote,
                   b < 0.45 and d < 0.1 as switchboard,
                   timestamptz '%6$s' + make_interval(secs => (i + e * 0.5) * %7$s) as received,
                   15 + floor(f ^ 2 * 1185)::int as secs,
                   2 + floor(h * 30)::int as delay
              from g
            """, first, USERS_PER_DESK, done, done + size - 1, EXTERNAL_NUMBERS, from, step));
        s.execute("""
            insert into vault_objects (id, org_id, sha256, size_bytes, wrapped_key, kek_id, created_at)
            select obj, '%s', sha256(convert_to('content-' || seq, 'UTF8')), secs * 8000 + 58, %s, %s, received
              from syn
            """.formatted(org, wrappedKeyOf, kekOf));
        // The participants as the service writes them (Jackson, the record's components in order, nulls kept).
        s.execute("""
            insert into recordings
              (id, org_id, sub_org_id, intake_seq, source_id, request_digest, call_id, direction,
               participants, started_at, ended_at, device_id, location, object_id, audio_encoding,
               channels, sample_rate, duration_ms, received_at, audio_data_bytes, started_day, received_day,
               sftp_delivered_at, acknowledged_at)
            select gen_random_uuid(), '%1$s', (array[%2$s])[desk], seq, 'syn-' || seq,
                   sha256(convert_to('syn-' || seq, 'UTF8')), 'call-' || seq || '@pbx.bench.example', direction,
                   '[' || case direction
                     when 'inbound' then ext('caller', remote) || ',' || usr('callee', usr)
                     when 'outbound' then usr('caller', usr) || ',' || ext('callee', remote)
                     else usr('caller', usr) || ',' || usr('callee', colleague) end
                   || case when switchboard then ',{"role":"switchboard","number":"+442070000000","userId":null,'
                        || '"displayName":"Switchboard","jurisdiction":"GB"}' else '' end || ']',
                   received - make_interval(secs => secs + delay), received - make_interval(secs => delay),
                   'turret-' || usr, null, obj, 'ulaw', 1, 8000, secs * 1000, received, secs * 8000,
                   floor(extract(epoch from received - make_interval(secs => secs + delay)) / 86400),
                   floor(extract(epoch from received) / 86400),
                   case when k < N_DELIVERED then received + interval '30 minutes' end,
                   case when k < N_ACKNOWLEDGED then received + interval '1 hour' end
              from syn
            """.formatted(org, Arrays.stream(DESKS).map(d -> "'" + d + "'").collect(Collectors.joining(",")))
            .replace("ext('caller', remote)", ext("caller")).replace("ext('callee', remote)", ext("callee"))
            .replace("usr('caller', usr)", usr("caller", "usr")).replace("usr('callee', usr)", usr("callee", "usr"))
            .replace("usr('callee', colleague)", usr("callee", "colleague"))
            .replace("N_DELIVERED", Integer.toString(n - n / 100))
            .replace("N_ACKNOWLEDGED", Integer.toString(n - n / 10)));
        s.execute("""
            insert into record_parties (org_id, kind, party, intake_seq, record_time, received_at)
            select distinct '%s', 'recording', p, seq, received - make_interval(secs => secs + delay), received
              from syn cross join lateral (values
                     ('+4420755' || lpad(usr::text, 5, '0')), ('u' || lpad(usr::text, 4, '0')),
                     (case when direction = 'internal' then '+4420755' || lpad(colleague::text, 5, '0') else remote end),
                     (case when direction = 'internal' then 'u' || lpad(colleague::text, 4, '0') end),
                     (case when switchboard then '+442070000000' end)) v(p)
             where p is not null
            """.formatted(org));
        db.commit();
        done += size;
        System.out.printf(Locale.ROOT, "loaded %,d of %,d synthetic recordings (%.0f s)%n", done, n,
            Bench.secs(System.nanoTime() - start));
      }
    }
    db.setAutoCommit(true);
    long vacuum = System.nanoTime();
    try (Statement s = db.createStatement()) {
      // The state of a table that has been there a while: autovacuum has set the visibility map (which the
      // time index's index-only scans need) and the statistics are current.
      s.execute("vacuum (analyze) recordings");
      s.execute("vacuum (analyze) vault_objects");
      s.execute("vacuum (analyze) record_parties");
      s.execute("checkpoint");
    }
    System.out.printf(Locale.ROOT, "VACUUM ANALYZE and CHECKPOINT in %.0f s; recordings table %s, its indexes %s;"
            + " record_parties %s%n", Bench.secs(System.nanoTime() - vacuum),
        single(db, "select pg_size_pretty(pg_table_size('recordings'))"),
        single(db, "select pg_size_pretty(pg_indexes_size('recordings'))"),
        single(db, "select pg_size_pretty(pg_total_relation_size('record_parties'))"));
    // A number seen on few calls: the first external number after +12120250000 (its calls are rare).
    String rare = single(db, "select party from record_parties where org_id = '" + org + "' and kind = 'recording'"
        + " and party >= '+12120250000' and party < '+1213' order by party limit 1");
    return new Dataset(from, to, "u" + String.format(Locale.ROOT, "%04d", USERS_PER_DESK + 7), "+12120000000", rare);
  }

  static String ext(String role) {
    return "'{\"role\":\"" + role + "\",\"number\":\"' || remote || '\",\"userId\":null,\"displayName\":null,"
        + "\"jurisdiction\":\"US-NY\"}'";
  }

  static String usr(String role, String column) {
    return "'{\"role\":\"" + role + "\",\"number\":\"+4420755' || lpad(" + column + "::text, 5, '0') || '\",\"userId\":\"u'"
        + " || lpad(" + column + "::text, 4, '0') || '\",\"displayName\":\"Trader ' || " + column
        + " || '\",\"jurisdiction\":\"GB\"}'";
  }

  static String single(Connection db, String sql) throws Exception {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The list cases

  /** A query's filters: name to value, in the order sent. */
  static Map<String, String> filters(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static String cursor(long afterSeq) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("i1." + afterSeq).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * One kind of list request. {@code cursorAt} chooses the position of each request (0: the first page) from a
   * seeded random source, so that the requests of a deep case spread over a band of pages.
   */
  static final class Case {
    final String name;
    final Map<String, String> filters;
    final java.util.function.ToLongFunction<SplittableRandom> cursorAt;

    Case(String name, Map<String, String> filters, java.util.function.ToLongFunction<SplittableRandom> cursorAt) {
      this.name = name;
      this.filters = filters;
      this.cursorAt = cursorAt;
    }

    String url(long after) {
      StringBuilder q = new StringBuilder(base + "/api/v1/orgs/" + org + "/recordings?limit=" + LIMIT);
      filters.forEach((k, v) -> q.append('&').append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
      if (after > 0) {
        q.append("&cursor=").append(cursor(after));
      }
      return q.toString();
    }

    /** A page: its intake numbers, checked to be in order and after the cursor; and whether it has a next. */
    static Page get(String url, long after) throws IOException, InterruptedException {
      HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
          .timeout(Duration.ofSeconds(60)).GET().build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
      }
      List<Long> seqs = new ArrayList<>();
      Matcher m = SEQ.matcher(response.body());
      while (m.find()) {
        seqs.add(Long.parseLong(m.group(1)));
      }
      Matcher next = NEXT.matcher(response.body());
      if (!next.find()) {
        throw new IOException("GET " + url + ": no next member in " + response.body());
      }
      long previous = after;
      for (long seq : seqs) {
        if (seq <= previous) {
          throw new IOException("GET " + url + ": intakeSeq " + seq + " after " + previous);
        }
        previous = seq;
      }
      if (seqs.size() > LIMIT || (next.group(2) != null && seqs.size() != LIMIT)
          || (next.group(2) != null && !next.group(2).equals(cursor(seqs.get(seqs.size() - 1))))) {
        throw new IOException("GET " + url + ": " + seqs.size() + " items and next " + next.group(1));
      }
      return new Page(seqs, next.group(2) != null);
    }

    /**
     * Compares a few pages of the case with what a plain SQL query of the same filters finds (the participant
     * matched in the stored participants' JSON, not through record_parties), and follows next for three pages.
     */
    void check(Connection db) throws Exception {
      SplittableRandom random = new SplittableRandom(name.hashCode());
      for (int k = 0; k < 3; k++) {
        long after = cursorAt.applyAsLong(random);
        List<Long> expected = expected(db, after);
        Page page = get(url(after), after);
        boolean more = expected.size() > LIMIT;
        List<Long> first = expected.subList(0, Math.min(LIMIT, expected.size()));
        if (!page.seqs().equals(first) || page.more() != more) {
          throw new IllegalStateException(name + ", after " + after + ": the API listed " + page.seqs().size()
              + " records (" + summary(page.seqs()) + "), SQL finds " + summary(first));
        }
        if (first.isEmpty() && k == 0) {
          throw new IllegalStateException(name + ": nothing matches; the case measures nothing");
        }
      }
      long after = cursorAt.applyAsLong(new SplittableRandom(1));
      for (int p = 0; p < 3; p++) {
        Page page = get(url(after), after);
        List<Long> expected = expected(db, after);
        if (!page.seqs().equals(expected.subList(0, Math.min(LIMIT, expected.size())))) {
          throw new IllegalStateException(name + ": page " + (p + 1) + " by next differs from SQL");
        }
        if (!page.more()) {
          break;
        }
        after = page.seqs().get(page.seqs().size() - 1);
      }
    }

    List<Long> expected(Connection db, long after) throws Exception {
      StringBuilder sql = new StringBuilder("select intake_seq from recordings where org_id = ? and intake_seq > ?");
      List<Object> params = new ArrayList<>(List.of(org, after));
      for (Map.Entry<String, String> f : filters.entrySet()) {
        switch (f.getKey()) {
          case "subOrg" -> sql.append(" and sub_org_id = ?");
          case "direction" -> sql.append(" and direction = ?");
          case "startedFrom" -> sql.append(" and started_at >= ?");
          case "startedBefore" -> sql.append(" and started_at < ?");
          case "participant" -> sql.append(" and (strpos(participants, ?) > 0 or strpos(participants, ?) > 0)");
          case "sftp" -> sql.append(" and (sftp_delivered_at is not null) = (? = 'delivered')");
          case "acknowledged" -> sql.append(" and (acknowledged_at is not null) = (? = 'true')");
          default -> throw new IllegalArgumentException(f.getKey());
        }
        switch (f.getKey()) {
          case "startedFrom", "startedBefore" -> params.add(Timestamp.from(Instant.parse(f.getValue())));
          case "participant" -> {
            params.add("\"number\":\"" + f.getValue() + "\"");
            params.add("\"userId\":\"" + f.getValue() + "\"");
          }
          default -> params.add(f.getValue());
        }
      }
      sql.append(" order by intake_seq limit ").append(LIMIT + 1);
      try (PreparedStatement ps = db.prepareStatement(sql.toString())) {
        for (int i = 0; i < params.size(); i++) {
          ps.setObject(i + 1, params.get(i));
        }
        List<Long> seqs = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            seqs.add(rs.getLong(1));
          }
        }
        return seqs;
      }
    }

    /**
     * Requests of this case, one client or several, each request checked; stops after {@code requests} or once
     * {@code seconds} have passed (slow cases), whichever comes first. The first tenth, at least 10, not counted.
     */
    Stats measure(int requests, int clients, int seconds) throws Exception {
      SplittableRandom seeds = new SplittableRandom(name.hashCode() * 31L + clients);
      long[] cursors = IntStream.range(0, requests + Math.max(10, requests / 10))
          .mapToLong(i -> cursorAt.applyAsLong(seeds)).toArray();
      int warm = Math.max(10, requests / 10);
      for (int i = 0; i < warm; i++) {
        get(url(cursors[requests + i]), cursors[requests + i]);
      }
      long deadline = System.nanoTime() + seconds * 1_000_000_000L;
      long[] latencies = new long[requests];
      java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
      Bench.Result r = Bench.parallel(requests, clients, 0, i -> {
        if (System.nanoTime() > deadline) {
          return;
        }
        long start = System.nanoTime();
        get(url(cursors[i]), cursors[i]);
        latencies[i] = System.nanoTime() - start;
        done.incrementAndGet();
      });
      long[] measured = Arrays.stream(latencies).filter(l -> l > 0).toArray();
      return new Stats(this, clients, measured, r.wallNanos(), measured.length < requests);
    }
  }

  record Page(List<Long> seqs, boolean more) {}

  record Stats(Case c, int clients, long[] latencies, long wallNanos, boolean cut) {
    double p(int percentile) {
      return new Bench.Result(wallNanos, latencies, 0).p(percentile);
    }

    double perSecond() {
      return latencies.length / Bench.secs(wallNanos);
    }
  }

  static String summary(List<Long> seqs) {
    return seqs.isEmpty() ? "none" : seqs.size() + " from " + seqs.get(0) + " to " + seqs.get(seqs.size() - 1);
  }

  static List<Case> cases(Dataset d, int n, int real) {
    long top = real + n;
    IntFunction<java.util.function.ToLongFunction<SplittableRandom>> page =
        p -> r -> Math.max(0, real + (long) (p - 1) * LIMIT + r.nextInt(-n / 1000, n / 1000 + 1));
    java.util.function.ToLongFunction<SplittableRandom> first = r -> 0;
    java.util.function.ToLongFunction<SplittableRandom> deep = r -> real + (long) (n * 0.9) + r.nextInt(-n / 200, n / 200 + 1);
    Instant day = d.from().plus(91, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    Instant week = d.from().plus(119, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS);
    String dayFrom = day.toString();
    String dayBefore = day.plus(1, ChronoUnit.DAYS).toString();
    String weekFrom = week.toString();
    String weekBefore = week.plus(7, ChronoUnit.DAYS).toString();
    String monthFrom = d.to().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString();
    String quarterFrom = d.to().minus(91, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString();
    // Where the day's records are in intake order (received 2 s to 20 min after they started): by the time grid.
    double perSecond = (double) n / Duration.between(d.from(), d.to()).toSeconds();
    long dayStart = real + (long) (Duration.between(d.from(), day).toSeconds() * perSecond);
    int dayRecords = (int) (perSecond * 86400);
    java.util.function.ToLongFunction<SplittableRandom> insideDay = r -> dayStart + r.nextInt(Math.max(1, dayRecords / 2));
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("no filter, first page", filters(), first));
    // Pages 1,000 and 5,000 of 1,000,000 records: a tenth and half way in.
    cases.add(new Case(String.format(Locale.ROOT, "no filter, page ~%,d", n / 1000), filters(), page.apply(n / 1000)));
    cases.add(new Case(String.format(Locale.ROOT, "no filter, page ~%,d", n / 200), filters(), page.apply(n / 200)));
    cases.add(new Case("no filter, last pages", filters(), r -> Math.max(0, top - 100 - r.nextInt(0, n / 200))));
    cases.add(new Case("direction=outbound, first page", filters("direction", "outbound"), first));
    cases.add(new Case("direction=outbound, at 90%", filters("direction", "outbound"), deep));
    cases.add(new Case("subOrg=credit (10%), first page", filters("subOrg", "credit"), first));
    cases.add(new Case("subOrg=credit, at 90%", filters("subOrg", "credit"), deep));
    cases.add(new Case("participant=trader " + d.heavyUser() + ", first", filters("participant", d.heavyUser()), first));
    cases.add(new Case("participant=trader, at 90%", filters("participant", d.heavyUser()), deep));
    cases.add(new Case("participant=frequent number, at 90%", filters("participant", d.frequentNumber()), deep));
    cases.add(new Case("participant=rare number", filters("participant", d.rareNumber()), first));
    cases.add(new Case("subOrg=credit & direction=internal, first",
        filters("subOrg", "credit", "direction", "internal"), first));
    cases.add(new Case("subOrg=credit & direction=internal, at 90%",
        filters("subOrg", "credit", "direction", "internal"), deep));
    cases.add(new Case("participant=trader & direction=inbound, at 90%",
        filters("participant", d.heavyUser(), "direction", "inbound"), deep));
    cases.add(new Case("one day, first page", filters("startedFrom", dayFrom, "startedBefore", dayBefore), first));
    cases.add(new Case("one day, paging inside it", filters("startedFrom", dayFrom, "startedBefore", dayBefore), insideDay));
    cases.add(new Case("one week, first page", filters("startedFrom", weekFrom, "startedBefore", weekBefore), first));
    cases.add(new Case("last 30 days (open end), first page", filters("startedFrom", monthFrom), first));
    cases.add(new Case("last 91 days (open end), first page", filters("startedFrom", quarterFrom), first));
    cases.add(new Case("one week & subOrg=credit & direction=inbound",
        filters("subOrg", "credit", "direction", "inbound", "startedFrom", weekFrom, "startedBefore", weekBefore), first));
    cases.add(new Case("one week & participant=trader",
        filters("participant", d.heavyUser(), "startedFrom", weekFrom, "startedBefore", weekBefore), first));
    cases.add(new Case("last 30 days & participant=frequent number",
        filters("participant", d.frequentNumber(), "startedFrom", monthFrom), first));
    cases.add(new Case("sftp=undelivered (the last 1%), first page", filters("sftp", "undelivered"), first));
    cases.add(new Case("acknowledged=false (the last 10%), first page", filters("acknowledged", "false"), first));
    cases.add(new Case("sftp=delivered & acknowledged=false, first page",
        filters("sftp", "delivered", "acknowledged", "false"), first));
    cases.add(new Case("sftp=delivered, at 90%", filters("sftp", "delivered"), deep));
    return cases;
  }

  /** Mixed requests of every case before any is measured, so that the service's JIT has compiled the path. */
  static void warmUp(List<Case> cases, int count) throws Exception {
    long start = System.nanoTime();
    SplittableRandom random = new SplittableRandom(7);
    int sent = 0;
    while (sent < count && System.nanoTime() - start < 120_000_000_000L) {
      Case c = cases.get(sent % cases.size());
      long after = c.cursorAt.applyAsLong(random);
      Case.get(c.url(after), after);
      sent++;
    }
    System.out.printf(Locale.ROOT, "warm-up: %d list requests in %.1f s, not measured%n", sent,
        Bench.secs(System.nanoTime() - start));
  }

  static void printLatency(int n, int real, List<Stats> sequential, List<Stats> concurrent, int clients,
      String version) {
    System.out.println();
    System.out.printf(Locale.ROOT, "List latency: GET /recordings?limit=%d over %,d recordings of one organisation"
        + " (%,d synthetic + %d taken in), %s%n", LIMIT, n + real, n, real, version.replaceAll(" on .*", ""));
    System.out.printf(Locale.ROOT, "  %-48s %5s %8s %8s %8s %8s", "", "N", "p50 ms", "p99 ms", "max ms", "p99<50");
    if (!concurrent.isEmpty()) {
      System.out.printf(Locale.ROOT, " | %5s %8s %8s %8s %8s", "N", "p50 ms", "p99 ms", "max ms", "req/s");
    }
    System.out.println();
    if (!concurrent.isEmpty()) {
      System.out.printf(Locale.ROOT, "  %-48s %41s | %s%n", "", "1 client", clients + " concurrent clients");
    }
    StringBuilder result = new StringBuilder("RESULT records=" + n);
    int missed = 0;
    for (int i = 0; i < sequential.size(); i++) {
      Stats s = sequential.get(i);
      boolean met = s.p(99) < 50;
      missed += met ? 0 : 1;
      System.out.printf(Locale.ROOT, "  %-48s %5d %8.1f %8.1f %8.1f %8s", s.c().name, s.latencies().length,
          s.p(50), s.p(99), s.p(100), met ? "met" : "NOT MET");
      if (!concurrent.isEmpty()) {
        Stats c = concurrent.get(i);
        System.out.printf(Locale.ROOT, " | %5d %8.1f %8.1f %8.1f %8.1f", c.latencies().length, c.p(50), c.p(99),
            c.p(100), c.perSecond());
      }
      System.out.println();
      result.append(String.format(Locale.ROOT, " case%d_p50=%.1f case%d_p99=%.1f", i + 1, s.p(50), i + 1, s.p(99)));
    }
    System.out.printf(Locale.ROOT, "  target: p99 under 50 ms (one client): %d of %d cases met%s%n",
        sequential.size() - missed, sequential.size(), missed == 0 ? "" : ", NOT MET for " + missed);
    System.out.println("  (N: requests measured; fewer than asked where a case ran out of its time budget)");
    System.out.println(result);
  }

  /**
   * The plans and times of the service's own queries (as records/RecordListing builds them) for a few cases, with
   * what they cost inside PostgreSQL alone: the first page, a deep combined filter, and a long time range.
   */
  static void explain(Connection db, Dataset d, int n, int real) throws Exception {
    String page = "select t.*, o.sha256, o.size_bytes from recordings t join vault_objects o on o.id = t.object_id"
        + " where t.org_id = '" + org + "' and t.intake_seq > %d%s order by t.intake_seq limit 101";
    String quarterFrom = d.to().minus(91, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toString();
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("no filter, first page", String.format(Locale.ROOT, page, 0, ""));
    queries.put("subOrg=credit & direction=internal, at 90%", String.format(Locale.ROOT, page, real + (long) (n * 0.9),
        " and t.sub_org_id = 'credit' and t.direction = 'internal'"));
    int quarterDay = (int) Math.floorDiv(Instant.parse(quarterFrom).getEpochSecond(), 86_400);
    queries.put("last 91 days, first page: the intake numbers, each day of the range walked from the cursor",
        "select s.intake_seq from generate_series(greatest(" + quarterDay + ", (select min(x.started_day) from"
            + " recordings x where x.org_id = '" + org + "')), (select max(x.started_day) from recordings x where"
            + " x.org_id = '" + org + "')) as d(day) cross join lateral (select s.intake_seq from recordings s"
            + " where s.org_id = '" + org + "' and s.started_day = d.day and s.intake_seq > 0 and s.started_at >= '"
            + quarterFrom + "' order by s.intake_seq limit 101) s order by s.intake_seq limit 101");
    System.out.println();
    System.out.println("The service's list queries, EXPLAIN (ANALYZE, BUFFERS):");
    for (Map.Entry<String, String> q : queries.entrySet()) {
      System.out.println("  " + q.getKey() + ":");
      System.out.println("    " + q.getValue());
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery("explain (analyze, buffers) " + q.getValue())) {
        while (rs.next()) {
          System.out.println("      " + rs.getString(1));
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // Downloads

  static void verifyDownloads(String[] ids, byte[][] wavs, String peer) throws Exception {
    int[] sample = {0, ids.length / 2, ids.length - 1};
    for (int i : sample) {
      byte[] stored = fetch(base + "/api/v1/orgs/" + org + "/recordings/" + ids[i] + "/content");
      byte[] ulaw = fetch(base + "/api/v1/orgs/" + org + "/recordings/" + ids[i] + "/content?format=ulaw");
      byte[] plain = fetch(peer + "/files/" + i + ".wav");
      // The stored files are canonical mono u-law WAVs already, so the rendition is the same bytes.
      if (!Arrays.equals(stored, wavs[i]) || !Arrays.equals(ulaw, wavs[i]) || !Arrays.equals(plain, wavs[i])) {
        throw new IllegalStateException("recording " + ids[i] + " came back different: stored "
            + Arrays.equals(stored, wavs[i]) + ", u-law " + Arrays.equals(ulaw, wavs[i]) + ", peer "
            + Arrays.equals(plain, wavs[i]));
      }
    }
    System.out.printf("verified: %d recordings downloaded as stored, as u-law and from the peer, byte-identical%n",
        sample.length);
  }

  static byte[] fetch(String url) throws Exception {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + url + " answered " + r.statusCode());
    }
    return r.body();
  }

  /** {@code count} whole downloads by {@code clients} threads, each body read to its end and its length checked. */
  static Bench.Result download(IntFunction<String> url, int count, int clients, int size) throws Exception {
    return Bench.parallel(count, clients, (long) count * size, i -> {
      HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url.apply(i)))
          .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
      long got = 0;
      try (InputStream body = r.body()) {
        byte[] buffer = new byte[65536];
        for (int k; (k = body.read(buffer)) >= 0; ) {
          got += k;
        }
      }
      if (r.statusCode() != 200 || got != size) {
        throw new IOException("GET " + url.apply(i) + " answered " + r.statusCode() + " with " + got + " bytes");
      }
    });
  }
}
