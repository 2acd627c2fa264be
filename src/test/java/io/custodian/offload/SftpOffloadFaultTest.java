package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.media.WavValidator;
import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.Tenants.Org;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Faults at the customer's server: connections dropped after K files or in the middle of one,
 * permission denied, disk full, and another node holding the destination. Each ends with every file
 * on the server exactly once, no temporary names, and the batch delivered only when whole.
 */
class SftpOffloadFaultTest extends AppTest {

  private static final int CALLS = 6;

  @TempDir Path remote;
  private MinaSftpServer server;
  private Org org;
  @Autowired OffloadRuns runs;

  @BeforeEach
  void serverOrganisationAndCalls() throws Exception {
    Files.createDirectories(remote.resolve("voice"));
    server = new MinaSftpServer(remote);
    org = tenants.create();
    for (int i = 0; i < CALLS; i++) {
      byte[] wav =
          TestAudio.tone(AudioEncoding.PCM_S16LE, 1, 8000, Duration.ofMillis(800 + 100 * i));
      assertThat(api.postCall(org.id(), org.key(), Calls.metadata("f-" + i), wav).status())
          .isEqualTo(201);
    }
    configure();
  }

  @AfterEach
  void stopServer() throws IOException {
    server.close();
  }

  @ParameterizedTest(name = "dropped after {0} files")
  @ValueSource(ints = {1, 3, 6})
  void aConnectionDroppedAfterKFilesResumesWithoutDuplicates(int k) throws Exception {
    AtomicInteger renames = new AtomicInteger();
    server.addListener(
        new SftpEventListener() {
          @Override
          public void moved(
              ServerSession session,
              Path from,
              Path to,
              Collection<CopyOption> options,
              Throwable thrown)
              throws IOException {
            if (renames.incrementAndGet() == k) {
              session.close(true);
            }
          }
        });

    JsonNode first = run();
    assertThat(first.get(0).path("delivered").asBoolean()).isFalse();
    assertThat(markers()).isEmpty();

    long deliveredBefore;
    try (Stream<Path> files = Files.walk(remote)) {
      deliveredBefore = files.filter(p -> p.getFileName().toString().endsWith(".wav")).count();
    }
    assertThat(deliveredBefore).isGreaterThanOrEqualTo(k == CALLS ? CALLS : 1);

    JsonNode second = run();
    assertThat(second.get(0).path("delivered").asBoolean()).as(second.toString()).isTrue();
    assertThat(second.get(0).path("filesSkipped").asLong())
        .as("files already delivered are not sent again")
        .isEqualTo(deliveredBefore);
    assertDeliveredExactlyOnce();
  }

  @Test
  void aConnectionCutInTheMiddleOfAFileLeavesNoPartialFinalName() throws Exception {
    AtomicInteger writes = new AtomicInteger();
    server.beforeEachWrite(
        session -> {
          if (writes.incrementAndGet() == 3) {
            session.close(true);
          }
        });

    assertThat(run().get(0).path("delivered").asBoolean()).isFalse();
    Map<Path, byte[]> finals = new HashMap<>();
    List<Path> partials;
    try (Stream<Path> files = Files.walk(remote)) {
      partials = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
    }
    try (Stream<Path> files = Files.walk(remote)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        if (!file.getFileName().toString().endsWith(".part")) {
          finals.put(file, Files.readAllBytes(file));
        }
      }
    }
    assertThat(partials).as("the cut files stayed under their temporary names").isNotEmpty();

    assertThat(run().get(0).path("delivered").asBoolean()).isTrue();
    assertDeliveredExactlyOnce();
    for (Map.Entry<Path, byte[]> file : finals.entrySet()) {
      assertThat(Files.readAllBytes(file.getKey()))
          .as("delivered before the cut, kept")
          .isEqualTo(file.getValue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"permission denied", "disk full"})
  void aServerThatRefusesWritesFailsVisiblyAndIsRetried(String fault) throws Exception {
    AtomicInteger refusals = new AtomicInteger();
    server.addListener(
        new SftpEventListener() {
          @Override
          public void opening(ServerSession session, String remoteHandle, Handle localHandle)
              throws IOException {
            if (localHandle instanceof FileHandle && refusals.get() >= 0) {
              refusals.incrementAndGet();
              throw fault.equals("disk full")
                  ? new IOException("No space left on device")
                  : new AccessDeniedException(localHandle.getFile().toString());
            }
          }
        });

    JsonNode failed = run();
    assertThat(failed.get(0).path("delivered").asBoolean()).isFalse();
    assertThat(failed.get(0).path("error").asString()).isNotBlank();
    JsonNode batch = batches().get(0);
    assertThat(batch.path("status").asString()).isEqualTo("pending");
    assertThat(batch.path("lastError").asString()).isNotBlank();
    try (Stream<Path> files = Files.walk(remote.resolve("voice"))) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    }

    refusals.set(-1_000_000);
    assertThat(run().get(0).path("delivered").asBoolean()).isTrue();
    assertDeliveredExactlyOnce();
  }

  @Test
  void aBatchThatOverrunsTheNextTickMakesTheNextBatchWaitItsTurn() throws Exception {
    CountDownLatch slowServer = new CountDownLatch(1);
    AtomicInteger writesSeen = new AtomicInteger();
    server.beforeEachWrite(
        session -> {
          writesSeen.incrementAndGet();
          try {
            slowServer.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    CompletableFuture<JsonNode> first = CompletableFuture.supplyAsync(this::run);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> writesSeen.get() > 0);

      assertThat(api.postCall(org.id(), org.key(), Calls.metadata("next"), Calls.ulaw()).status())
          .isEqualTo(201);
      runs.runDue(); // the schedule's tick, while the first batch is still going
      JsonNode second = run(); // an operator's run: cuts the next batch, which must wait
      assertThat(second).as("nothing delivered beside the running batch").isEmpty();
      assertThat(batches()).hasSize(2);
      assertThat(attempts()).as("one delivery attempt in flight, no second").isEqualTo(1);
    } finally {
      slowServer.countDown();
    }

    JsonNode outcomes = first.get(2, TimeUnit.MINUTES);
    assertThat(outcomes).as(outcomes.toString()).hasSize(2);
    assertThat(outcomes.findValues("delivered")).allMatch(JsonNode::asBoolean);
    assertThat(outcomes.get(0).path("batch").asString())
        .as("in order")
        .isLessThan(outcomes.get(1).path("batch").asString());
    assertThat(attempts()).isEqualTo(2);
    List<Path> done = markers();
    assertThat(done).hasSize(2);
    for (Path marker : done) {
      String name = marker.getFileName().toString().replace(".done", "");
      assertThat(BatchFiles.sha256sumCheck(marker.getParent(), name + ".sha256")).isZero();
    }
    try (Stream<Path> files = Files.walk(remote)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".part"))).isEmpty();
    }
  }

  private long attempts() {
    return jdbc.sql(
            "select count(*) from offload_runs r join offload_batches b on b.id = r.batch_id"
                + " where b.org_id = :org")
        .param("org", org.id())
        .query(Long.class)
        .single();
  }

  @Test
  void aDestinationHeldByAnotherNodeIsLeftAloneUntilItsLeaseEnds() throws Exception {
    jdbc.sql(
            "update offload_destinations set lease_owner = 'another-node',"
                + " lease_until = now() + interval '1 hour' where org_id = :org")
        .param("org", org.id())
        .update();

    assertThat(run()).isEmpty();
    assertThat(markers()).isEmpty();

    jdbc.sql(
            "update offload_destinations set lease_until = now() - interval '1 second' where org_id = :org")
        .param("org", org.id())
        .update();
    JsonNode second = run();
    assertThat(second.get(0).path("delivered").asBoolean()).isTrue();
    assertDeliveredExactlyOnce();
  }

  @Test
  void anUnreachableServerBuildsABacklogThatDrainsInOrderOnRecovery() throws Exception {
    server.close();
    assertThat(run().get(0).path("delivered").asBoolean()).isFalse();
    assertThat(api.postCall(org.id(), org.key(), Calls.metadata("later"), Calls.ulaw()).status())
        .isEqualTo(201);
    assertThat(run().get(0).path("delivered").asBoolean()).isFalse();
    runs.runDue();

    assertThat(batches()).hasSize(2);
    String prometheus = new Api(managementPort).get("/actuator/prometheus", null).text();
    assertThat(gauge(prometheus, "custodian_offload_backlog_batches")).isEqualTo(2);
    assertThat(gauge(prometheus, "custodian_offload_backlog_bytes")).isPositive();
    assertThat(gauge(prometheus, "custodian_offload_backlog_alert")).isZero();

    server = new MinaSftpServer(remote);
    configure();
    JsonNode drained = run();
    assertThat(drained).hasSize(2);
    assertThat(drained.get(0).path("batch").asString())
        .isLessThan(drained.get(1).path("batch").asString());
    assertThat(drained.findValues("delivered")).allMatch(JsonNode::asBoolean);
    runs.runDue();
    String after = new Api(managementPort).get("/actuator/prometheus", null).text();
    assertThat(gauge(after, "custodian_offload_backlog_batches")).isZero();
    JsonNode attempts =
        api.get("/api/v1/admin/orgs/" + org.id() + "/offload/voice/runs", ADMIN_KEY).json();
    assertThat(attempts.findValuesAsString("outcome"))
        .containsExactly("delivered", "delivered", "failed", "failed");
  }

  @Test
  void aBatchKeepsTheChannelModeItWasCutWith() throws Exception {
    byte[] stereo = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 8000, Duration.ofMillis(900));
    assertThat(api.postCall(org.id(), org.key(), Calls.metadata("stereo"), stereo).status())
        .isEqualTo(201);
    server.close();
    assertThat(run().get(0).path("delivered").asBoolean()).isFalse();
    assertThat(batches().get(0).path("channelMode").asString()).isEqualTo("keep");

    server = new MinaSftpServer(remote);
    Map<String, Object> mix = OffloadAdmin.sftp(server.endpoint(), "/voice");
    mix.put("channelMode", "mix");
    new OffloadAdmin(api, org.id(), ADMIN_KEY).configure("voice", mix);
    assertThat(run().get(0).path("delivered").asBoolean()).isTrue();

    List<Integer> channels = new java.util.ArrayList<>();
    try (Stream<Path> files = Files.walk(remote)) {
      for (Path wav : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
        channels.add(
            new WavValidator(1L << 30)
                .copy(Files.newInputStream(wav), java.io.OutputStream.nullOutputStream())
                .channels());
      }
    }
    assertThat(channels).as("the stereo call stays stereo, as cut").contains(2).hasSize(CALLS + 1);
  }

  private double gauge(String prometheus, String name) {
    return prometheus
        .lines()
        .filter(l -> l.startsWith(name + "{") && l.contains("org=\"" + org.id() + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not exported"));
  }

  private void assertDeliveredExactlyOnce() throws IOException {
    try {
      BatchFiles.assertOneCompleteBatch(remote, CALLS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    assertThat(batches().get(0).path("status").asString()).isEqualTo("delivered");
    assertThat(auditCount("offload.delivered", org.id(), "SUCCESS")).isEqualTo(CALLS);
  }

  private List<Path> markers() throws IOException {
    return BatchFiles.markers(remote);
  }

  private void configure() {
    new OffloadAdmin(api, org.id(), ADMIN_KEY)
        .configure("voice", OffloadAdmin.sftp(server.endpoint(), "/voice"));
  }

  private JsonNode run() {
    return new OffloadAdmin(api, org.id(), ADMIN_KEY).run("voice");
  }

  private JsonNode batches() {
    return new OffloadAdmin(api, org.id(), ADMIN_KEY).batches("voice");
  }
}
