package io.custodian.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.CustodianApplication;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.ops.AdminCommands;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The audit chain detects an edited, a deleted and a reordered row, through the API and through
 * {@code custodian audit verify}; each test restores the rows it touched.
 */
class AuditChainTest extends AppTest {

  @Autowired private AuditTrail trail;
  private Org org;

  @BeforeEach
  void someActivity() {
    org = tenants.create();
    for (int i = 0; i < 3; i++) {
      api.postCall(org.id(), org.key(), Calls.metadata("audit-" + i), Calls.ulaw());
    }
  }

  @Test
  void anUntouchedChainVerifies() {
    JsonNode report = verification();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("verifiedEntries").asLong()).isEqualTo(lastSeq());
    assertThat(cli()).startsWith("0 audit trail intact");
  }

  @Test
  void anEditedRowIsNamed() {
    long seq = lastSeq() - 2;
    String detail =
        jdbc.sql("select detail from audit_log where seq = :s")
            .param("s", seq)
            .query(String.class)
            .single();
    try {
      jdbc.sql("update audit_log set detail = 'nothing to see' where seq = :s")
          .param("s", seq)
          .update();
      JsonNode report = verification();
      assertThat(report.path("intact").asBoolean()).isFalse();
      assertThat(report.path("firstBrokenSeq").asLong()).isEqualTo(seq);
      assertThat(report.path("reason").asString()).isEqualTo("ENTRY_HASH_MISMATCH");
      assertThat(cli())
          .startsWith("1 audit trail BROKEN at entry " + seq + ": ENTRY_HASH_MISMATCH");
    } finally {
      jdbc.sql("update audit_log set detail = :d where seq = :s")
          .param("d", detail)
          .param("s", seq)
          .update();
    }
    assertThat(verification().path("intact").asBoolean()).isTrue();
  }

  @Test
  void aDeletedRowIsNamed() {
    long seq = lastSeq() - 1;
    jdbc.sql("create temporary table saved as select * from audit_log where seq = :s")
        .param("s", seq)
        .update();
    try {
      jdbc.sql("delete from audit_log where seq = :s").param("s", seq).update();
      JsonNode report = verification();
      assertThat(report.path("firstBrokenSeq").asLong()).isEqualTo(seq + 1);
      assertThat(report.path("reason").asString()).isEqualTo("SEQUENCE_GAP");
      assertThat(cli()).startsWith("1 audit trail BROKEN at entry " + (seq + 1) + ": SEQUENCE_GAP");
    } finally {
      jdbc.sql("insert into audit_log select * from saved").update();
      jdbc.sql("drop table saved").update();
    }
    assertThat(verification().path("intact").asBoolean()).isTrue();
  }

  @Test
  void reorderedRowsAreNamed() {
    long first = lastSeq() - 3;
    long second = first + 1;
    try {
      swap(first, second);
      JsonNode report = verification();
      assertThat(report.path("intact").asBoolean()).isFalse();
      assertThat(report.path("firstBrokenSeq").asLong()).isEqualTo(first);
      assertThat(cli()).startsWith("1 audit trail BROKEN at entry " + first);
    } finally {
      swap(first, second);
    }
    assertThat(verification().path("intact").asBoolean()).isTrue();
  }

  @Test
  void everyIntakeAndReadIsAnEntry() {
    Api.Response call = api.postCall(org.id(), org.key(), Calls.metadata("seen"), Calls.ulaw());
    String id = call.json().path("id").asString();
    api.get(call.header("Location"), org.key());
    api.get(call.header("Location") + "/content", org.key());

    JsonNode entries =
        api.get("/api/v1/admin/audit/entries?org=" + org.id() + "&limit=1000", ADMIN_KEY).json();
    assertThat(
            entries
                .valueStream()
                .filter(e -> id.equals(e.path("subject").asString()))
                .map(e -> e.path("action").asString()))
        .contains("recording.intake", "recording.metadata.read", "recording.content.read");
    assertThat(entries.valueStream().map(e -> e.path("action").asString()))
        .contains(
            "vault.key.wrap", "vault.key.unwrap", "apikey.issue", "org.create", "suborg.create");
  }

  @Test
  void entriesAppendedTogetherChainAsOneByOne() {
    long before = lastSeq();
    trail.recordAll(
        List.of(
            new AuditEvent("test", "test.together", org.id(), "a", Outcome.SUCCESS, ""),
            new AuditEvent("test", "test.together", org.id(), "b\u0000", Outcome.FAILED, "x"),
            new AuditEvent("test", "test.together", null, null, Outcome.SUCCESS, "")));
    trail.record(new AuditEvent("test", "test.alone", org.id(), "c", Outcome.SUCCESS, ""));

    assertThat(
            jdbc.sql("select subject from audit_log where seq > :s and actor = 'test' order by seq")
                .param("s", before)
                .query((rs, n) -> String.valueOf(rs.getString(1)))
                .list())
        .containsExactly("a", "b\\u0000", "null", "c");
    JsonNode report = verification();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
    assertThat(report.path("verifiedEntries").asLong()).isGreaterThanOrEqualTo(before + 4);
  }

  @Test
  void entriesRecordedAtOnceFromManyThreadsAreEachCommittedOnceInOneChain() throws Exception {
    int threads = 8;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<List<Long>>> seen = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      seen.add(
          pool.submit(
              () -> {
                start.await();
                List<Long> visible = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                  String subject = thread + "/" + i;
                  trail.record(
                      new AuditEvent(
                          "test", "test.concurrent", org.id(), subject, Outcome.SUCCESS, ""));
                  // Committed before record returns: another connection sees it at once.
                  visible.add(
                      jdbc.sql("select count(*) from audit_log where subject = :s and org_id = :o")
                          .param("s", subject)
                          .param("o", org.id())
                          .query(Long.class)
                          .single());
                }
                return visible;
              }));
    }
    start.countDown();
    for (Future<List<Long>> f : seen) {
      assertThat(f.get(60, TimeUnit.SECONDS)).containsOnly(1L);
    }
    pool.shutdown();

    List<String> subjects =
        jdbc.sql(
                "select subject from audit_log where org_id = :o and action = 'test.concurrent'"
                    + " order by seq")
            .param("o", org.id())
            .query(String.class)
            .list();
    assertThat(subjects).hasSize(threads * each).doesNotHaveDuplicates();
    for (int t = 0; t < threads; t++) {
      String prefix = t + "/";
      assertThat(subjects.stream().filter(s -> s.startsWith(prefix)).toList())
          .as("each thread's entries in its order")
          .isSortedAccordingTo(Comparator.comparingInt(s -> Integer.parseInt(s.split("/")[1])));
    }
    JsonNode report = verification();
    assertThat(report.path("intact").asBoolean()).as(report.toString()).isTrue();
  }

  /** Moves row {@code x} to {@code y} and back through a free sequence number. */
  private void swap(long x, long y) {
    jdbc.sql("update audit_log set seq = -1 where seq = :x").param("x", x).update();
    jdbc.sql("update audit_log set seq = :x where seq = :y").param("x", x).param("y", y).update();
    jdbc.sql("update audit_log set seq = :y where seq = -1").param("y", y).update();
  }

  private long lastSeq() {
    return jdbc.sql("select max(seq) from audit_log").query(Long.class).single();
  }

  private JsonNode verification() {
    return api.get("/api/v1/admin/audit/verification", ADMIN_KEY).json();
  }

  /** Runs {@code custodian audit verify} in this JVM: exit status, a space, what it printed. */
  private String cli() {
    PrintStream original = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int status;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      status =
          AdminCommands.run(
              CustodianApplication.class,
              "audit",
              new String[] {
                "verify",
                "--custodian.data-dir=" + DATA_DIR,
                "--server.port=0",
                "--management.server.port=0"
              });
    } finally {
      System.setOut(original);
    }
    return status + " " + printed.toString(StandardCharsets.UTF_8).trim();
  }
}
