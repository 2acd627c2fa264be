package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.MutableClock;
import io.custodian.support.StandaloneApp;
import io.custodian.support.Tenants;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Batches are cut by intake sequence, not by wall-clock windows: with the clock set back an hour
 * and then forward across a 30-minute boundary, no record is skipped or delivered twice, and batch
 * names still sort in the order the batches were cut.
 */
class ClockJumpTest {

  @TempDir Path dataDir;
  @TempDir Path remote;

  @Test
  void clockJumpsNeitherSkipNorRepeatARecord() throws Exception {
    String admin = AppTest.newKey();
    Files.createDirectories(remote.resolve("voice"));
    try (MinaSftpServer server = new MinaSftpServer(remote);
        ConfigurableApplicationContext app =
            StandaloneApp.start(
                dataDir,
                new Class<?>[] {MutableClock.Pinned.class},
                "--custodian.identity.bootstrap-admin-key=" + admin)) {
      MutableClock clock = app.getBean(MutableClock.class);
      Api api = StandaloneApp.api(app);
      Tenants.Org org = new Tenants(api, admin).create("jump");
      Map<String, Object> destination = OffloadAdmin.sftp(server.endpoint(), "/voice");
      destination.put("everyMinutes", 30);
      new OffloadAdmin(api, org.id(), admin).configure("voice", destination);
      List<String> sent = new ArrayList<>();

      sent.addAll(calls(api, org, "a", 2));
      api.postJson("/api/v1/admin/orgs/jump/offload/voice/runs", admin, "{}");
      clock.set(Instant.parse("2026-11-21T09:10:00Z")); // back an hour
      sent.addAll(calls(api, org, "b", 2));
      api.postJson("/api/v1/admin/orgs/jump/offload/voice/runs", admin, "{}");
      clock.set(Instant.parse("2026-11-21T11:40:00Z")); // forward, past two boundaries
      sent.addAll(calls(api, org, "c", 1));
      app.getBean(OffloadRuns.class).runDue();

      JsonNode batches = api.get("/api/v1/admin/orgs/jump/offload/voice/batches", admin).json();
      assertThat(batches).hasSize(3);
      List<String> names = new ArrayList<>();
      for (JsonNode batch : batches) {
        assertThat(batch.path("status").asString()).isEqualTo("delivered");
        names.add(0, batch.path("name").asString());
      }
      assertThat(names).isSortedAccordingTo(String::compareTo);
      assertThat(batches.get(2).path("afterIntakeSeq").asLong()).isZero();
      assertThat(batches.get(1).path("afterIntakeSeq").asLong())
          .isEqualTo(batches.get(2).path("toIntakeSeq").asLong());
      assertThat(batches.get(0).path("afterIntakeSeq").asLong())
          .isEqualTo(batches.get(1).path("toIntakeSeq").asLong());

      Set<String> delivered = new HashSet<>();
      try (Stream<Path> files = Files.walk(remote)) {
        for (Path wav : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
          assertThat(delivered.add(wav.getFileName().toString())).as("once: " + wav).isTrue();
        }
      }
      assertThat(delivered).hasSize(5);
      assertThat(sent.stream().map(id -> id + ".wav"))
          .containsExactlyInAnyOrderElementsOf(delivered);
    }
  }

  private static List<String> calls(Api api, Tenants.Org org, String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Api.Response created =
          api.postCall(
              org.id(),
              org.key(),
              Calls.metadata(prefix + i),
              TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofMillis(500)));
      assertThat(created.status()).isEqualTo(201);
      ids.add(created.json().path("id").asString());
    }
    return ids;
  }
}
