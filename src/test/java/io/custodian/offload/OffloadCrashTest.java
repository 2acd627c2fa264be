package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Calls;
import io.custodian.support.ServiceProcess;
import io.custodian.support.Tenants;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service is killed with SIGKILL in the middle of a batch and started again: the server ends up
 * with every file exactly once, the right SHA-256s, a CSV listing each once, and no temporary
 * names.
 */
class OffloadCrashTest {

  private static final int CALLS = 16;

  @TempDir static Path work;

  @AfterAll
  static void noPostgresLeftBehind() throws Exception {
    ServiceProcess.stopOrphanedDatabase(work.resolve("data"));
  }

  @Test
  void aBatchInterruptedBySigkillCompletesExactlyOnceAfterRestart() throws Exception {
    Path remote = Files.createDirectories(work.resolve("remote/voice")).getParent();
    String admin = AppTest.newKey();
    String[] settings = {
      "--custodian.identity.bootstrap-admin-key=" + admin,
      "--custodian.offload.tick=1h",
      "--custodian.offload.lease=5s"
    };
    AtomicInteger renamed = new AtomicInteger();
    try (MinaSftpServer server = new MinaSftpServer(remote)) {
      server.addListener(
          new SftpEventListener() {
            @Override
            public void moved(
                ServerSession session,
                Path from,
                Path to,
                Collection<CopyOption> options,
                Throwable thrown) {
              renamed.incrementAndGet();
            }
          });
      ServiceProcess first =
          new ServiceProcess(work.resolve("data"), work.resolve("service.log"), settings).start();
      Api api = first.api();
      Tenants.Org org = new Tenants(api, admin).create("crash");
      java.util.List<String> calls = new java.util.ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16000, Duration.ofSeconds(20));
        Api.Response created = api.postCall(org.id(), org.key(), Calls.metadata("k-" + i), wav);
        assertThat(created.status()).isEqualTo(201);
        calls.add(created.header("Location"));
      }
      Map<String, Object> destination = OffloadAdmin.sftp(server.endpoint(), "/voice");
      destination.put("parallelism", 2);
      destination.put("purgeAfterDelivery", true);
      new OffloadAdmin(api, org.id(), admin).configure("voice", destination);
      Thread run =
          new Thread(
              () -> {
                try {
                  api.postJson("/api/v1/admin/orgs/crash/offload/voice/runs", admin, "{}");
                } catch (RuntimeException e) {
                  // the service dies under this request
                }
              });
      run.start();
      await().atMost(Duration.ofMinutes(2)).until(() -> renamed.get() >= 4);
      first.kill();
      run.join(Duration.ofSeconds(70).toMillis());
      assertThat(BatchFiles.markers(remote)).as("killed before the batch completed").isEmpty();

      try (ServiceProcess second =
          new ServiceProcess(work.resolve("data"), work.resolve("service.log"), settings).start()) {
        Api restarted = second.api();
        for (String call : calls) {
          assertThat(restarted.get(call + "/content", org.key()).status())
              .as("nothing is purged before the batch is verified")
              .isEqualTo(200);
        }
        // the killed process's lease on the destination runs out, then the batch resumes
        var outcomes =
            new java.util.concurrent.atomic.AtomicReference<tools.jackson.databind.JsonNode>();
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  outcomes.set(
                      restarted
                          .postJson("/api/v1/admin/orgs/crash/offload/voice/runs", admin, "{}")
                          .json());
                  return !outcomes.get().isEmpty();
                });
        assertThat(outcomes.get().get(0).path("delivered").asBoolean())
            .as(outcomes.get().toString())
            .isTrue();
        assertThat(outcomes.get().get(0).path("filesSkipped").asInt()).isPositive();
        for (String call : calls) {
          assertThat(restarted.get(call + "/content", org.key()).code())
              .as("purged once delivered and verified")
              .isEqualTo("CONTENT_PURGED");
        }
      }
    }

    BatchFiles.assertOneCompleteBatch(remote, CALLS);
  }
}
