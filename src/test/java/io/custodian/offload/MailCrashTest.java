package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.custodian.offload.smtp.Parsed;
import io.custodian.offload.smtp.ScriptedSmtpServer;
import io.custodian.offload.smtp.SmtpEndpoint;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Messages;
import io.custodian.support.ServiceProcess;
import io.custodian.support.Tenants;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The service is killed with SIGKILL while the server holds its reply to a message's data, and
 * started again: only that message, the one in flight, reaches the mailbox twice, with the same
 * {@code Message-ID}; every other message arrives once.
 */
class MailCrashTest {

  private static final int MESSAGES = 6;
  private static final int IN_FLIGHT = 3;

  @TempDir static Path work;

  @AfterAll
  static void noPostgresLeftBehind() throws Exception {
    ServiceProcess.stopOrphanedDatabase(work.resolve("data"));
  }

  @Test
  void aKillMidRunResendsAtMostTheMessageInFlightWithTheSameMessageId() throws Exception {
    String admin = AppTest.newKey();
    String[] settings = {
      "--custodian.identity.bootstrap-admin-key=" + admin,
      "--custodian.offload.tick=1h",
      "--custodian.offload.lease=5s"
    };
    AtomicBoolean hold = new AtomicBoolean(true);
    AtomicBoolean holding = new AtomicBoolean();
    CountDownLatch release = new CountDownLatch(1);
    try (ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            (command, n) -> {
              if (command.equals(".") && n == IN_FLIGHT && hold.getAndSet(false)) {
                holding.set(true);
                try {
                  release.await(2, TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
              return null;
            })) {
      ServiceProcess first =
          new ServiceProcess(work.resolve("data"), work.resolve("service.log"), settings).start();
      Api api = first.api();
      Tenants.Org org = new Tenants(api, admin).create("mailcrash");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        Api.Response created =
            api.postJson(
                "/api/v1/orgs/mailcrash/messages", org.key(), Messages.sms("c-" + i, "crash " + i));
        assertThat(created.status()).isEqualTo(201);
        ids.add(created.json().path("id").asString());
      }
      Map<String, Object> destination =
          MailOffloadTest.destination(SmtpEndpoint.Tls.NONE, smtp.port(), null, null);
      destination.put("purgeAfterDelivery", true);
      new OffloadAdmin(api, org.id(), admin).configure("mail", destination);
      Thread run =
          new Thread(
              () -> {
                try {
                  api.postJson("/api/v1/admin/orgs/mailcrash/offload/mail/runs", admin, "{}");
                } catch (RuntimeException e) {
                  // the service dies under this request
                }
              });
      run.start();
      await().atMost(Duration.ofMinutes(2)).untilTrue(holding);
      first.kill();
      release.countDown();
      run.join(Duration.ofSeconds(70).toMillis());

      try (ServiceProcess second =
          new ServiceProcess(work.resolve("data"), work.resolve("service.log"), settings).start()) {
        Api restarted = second.api();
        for (String id : ids.subList(IN_FLIGHT, MESSAGES)) {
          assertThat(restarted.get("/api/v1/orgs/mailcrash/messages/" + id + "/content", org.key()))
              .as("nothing unconfirmed is purged")
              .extracting(Api.Response::status)
              .isEqualTo(200);
        }
        var outcome = new java.util.concurrent.atomic.AtomicReference<JsonNode>();
        await()
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofSeconds(1))
            .until(
                () -> {
                  outcome.set(
                      restarted
                          .postJson("/api/v1/admin/orgs/mailcrash/offload/mail/runs", admin, "{}")
                          .json());
                  return !outcome.get().isEmpty();
                });
        assertThat(outcome.get().get(0).path("delivered").asBoolean())
            .as(outcome.get().toString())
            .isTrue();
        assertThat(outcome.get().get(0).path("filesSent").asInt())
            .as("the message in flight and those after it")
            .isEqualTo(MESSAGES - IN_FLIGHT);
        for (String id : ids) {
          assertThat(
                  restarted
                      .get("/api/v1/orgs/mailcrash/messages/" + id + "/content", org.key())
                      .code())
              .isEqualTo("CONTENT_PURGED");
        }
      }

      Map<String, List<String>> messageIds = new java.util.HashMap<>();
      for (byte[] data : smtp.data()) {
        Parsed parsed = new Parsed(data, false);
        messageIds
            .computeIfAbsent(parsed.header("X-Custodian-Record-Id"), k -> new ArrayList<>())
            .add(parsed.header("Message-ID"));
      }
      assertThat(messageIds).containsOnlyKeys(ids);
      Map<String, Integer> copies =
          messageIds.entrySet().stream()
              .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size()));
      for (int i = 0; i < MESSAGES; i++) {
        assertThat(copies.get(ids.get(i)))
            .as("copies of message " + i)
            .isEqualTo(i == IN_FLIGHT ? 2 : 1);
      }
      assertThat(messageIds.get(ids.get(IN_FLIGHT)).stream().distinct())
          .as("the resent copy has the same Message-ID")
          .hasSize(1);
    }
  }
}
