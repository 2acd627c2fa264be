package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.offload.sftp.MinaSftpServer;
import io.custodian.offload.smtp.Parsed;
import io.custodian.offload.smtp.ScriptedSmtpServer;
import io.custodian.offload.smtp.SmtpEndpoint;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The mail stream against a server that misbehaves: down, then up; 421, 451 and 550 replies; a
 * message deferred too often. Each ends with every message accepted exactly once as the mailbox
 * sees it, dead letters kept (never purged) until an operator retries them, and purging only after
 * the server's 250, and only once every destination of the messages has them.
 */
class MailOffloadFaultTest extends AppTest {

  @TempDir Path remote;
  @Autowired OffloadRuns runs;
  @Autowired OffloadSettings settings;
  private Org org;
  private OffloadAdmin admin;

  @BeforeEach
  void organisation() {
    org = tenants.create();
    admin = new OffloadAdmin(api, org.id(), ADMIN_KEY);
  }

  @Test
  void aServerDownThenUpGetsEveryMessageOnce() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    try (ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            (command, n) ->
                down.get() && command.startsWith("EHLO") ? ScriptedSmtpServer.DROP : null)) {
      List<String> ids = intake(3);
      configure(smtp, false);

      JsonNode failed = admin.run("mail");
      assertThat(failed.get(0).path("delivered").asBoolean()).isFalse();
      assertThat(failed.get(0).path("error").asString()).isNotEmpty();
      assertThat(states()).containsOnlyKeys("pending");
      assertThat(attempts()).as("a lost connection is not the message's fault").isZero();

      down.set(false);
      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      assertAcceptedOnce(smtp, ids, List.of());
    }
  }

  @Test
  void a421ClosingTheConnectionCountsNothingAndTheNextRunDeliversAll() throws Exception {
    AtomicBoolean refuse = new AtomicBoolean(true);
    try (ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            (command, n) ->
                command.startsWith("MAIL") && refuse.getAndSet(false)
                    ? "421 4.3.2 shutting down"
                    : null)) {
      List<String> ids = intake(2);
      configure(smtp, false);

      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isFalse();
      assertThat(attempts()).isZero();
      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      assertAcceptedOnce(smtp, ids, List.of());
    }
  }

  @Test
  void a451ForOneMessageDefersOnlyItAndTheNextRunSendsIt() throws Exception {
    try (ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            (command, n) -> command.equals(".") && n == 1 ? "451 4.3.0 try again later" : null)) {
      List<String> ids = intake(3);
      configure(smtp, false);

      JsonNode first = admin.run("mail");
      assertThat(first.get(0).path("delivered").asBoolean()).isFalse();
      assertThat(first.get(0).path("filesSent").asInt()).as("the others went").isEqualTo(2);
      assertThat(first.get(0).path("error").asString()).contains("451");
      assertThat(auditCount("offload.mail.deferred", org.id(), "FAILED")).isEqualTo(1);

      JsonNode second = admin.run("mail");
      assertThat(second.get(0).path("delivered").asBoolean()).isTrue();
      assertThat(second.get(0).path("filesSent").asInt()).isEqualTo(1);
      assertAcceptedOnce(smtp, ids, List.of(1));
    }
  }

  @Test
  void a550ForOneRecipientMakesADeadLetterThatStaysUntilAnOperatorRetriesIt() throws Exception {
    AtomicBoolean refuse = new AtomicBoolean(true);
    try (ScriptedSmtpServer smtp =
        new ScriptedSmtpServer(
            (command, n) ->
                command.startsWith("RCPT TO:<audit@") && refuse.getAndSet(false)
                    ? "550 5.1.1 mailbox unavailable"
                    : null)) {
      List<String> ids = intake(3);
      configure(smtp, true);

      JsonNode run = admin.run("mail");
      assertThat(run.get(0).path("delivered").asBoolean()).as("settled").isTrue();
      assertThat(run.get(0).path("filesSent").asInt()).isEqualTo(2);
      JsonNode dead = api.get(admin.path("mail") + "/dead-letters", ADMIN_KEY).json();
      assertThat(dead).hasSize(1);
      String deadId = dead.get(0).path("recordId").asString();
      assertThat(deadId).isEqualTo(ids.get(0));
      assertThat(dead.get(0).path("reply").asString()).contains("550");
      assertThat(auditCount("offload.mail.dead-letter", org.id(), "FAILED")).isEqualTo(1);
      runs.runDue();
      assertThat(deadLetterGauge()).isEqualTo(1);

      assertThat(content(deadId).status()).as("a dead letter is never purged").isEqualTo(200);
      assertThat(content(ids.get(1)).code()).isEqualTo("CONTENT_PURGED");
      assertThat(content(ids.get(2)).code()).isEqualTo("CONTENT_PURGED");

      Api.Response retried =
          api.postJson(admin.path("mail") + "/dead-letters/" + deadId + "/retry", ADMIN_KEY, "{}");
      assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
      assertThat(retried.json().path("state").asString()).isEqualTo("pending");
      assertThat(auditCount("offload.mail.retry", org.id(), "SUCCESS")).isEqualTo(1);
      assertThat(
              api.postJson(
                      admin.path("mail") + "/dead-letters/" + deadId + "/retry", ADMIN_KEY, "{}")
                  .status())
          .as("no longer a dead letter")
          .isEqualTo(404);

      JsonNode again = admin.run("mail");
      assertThat(again.get(0).path("delivered").asBoolean()).isTrue();
      assertThat(again.get(0).path("filesSent").asInt()).isEqualTo(1);
      assertThat(api.get(admin.path("mail") + "/dead-letters", ADMIN_KEY).json()).isEmpty();
      assertThat(content(deadId).code()).as("purged once accepted").isEqualTo("CONTENT_PURGED");
      runs.runDue();
      assertThat(deadLetterGauge()).isZero();
      assertAcceptedOnce(smtp, ids, List.of());
    }
  }

  @Test
  void aMessageDeferredTooOftenBecomesADeadLetter() throws Exception {
    try (ScriptedSmtpServer smtp =
        new ScriptedSmtpServer((command, n) -> command.equals(".") ? "452 4.2.2 full" : null)) {
      String id = intake(1).get(0);
      configure(smtp, true);

      for (int i = 1; i < settings.mailMaxDeferrals(); i++) {
        assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isFalse();
        assertThat(api.get(admin.path("mail") + "/dead-letters", ADMIN_KEY).json()).isEmpty();
      }
      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      JsonNode dead = api.get(admin.path("mail") + "/dead-letters", ADMIN_KEY).json();
      assertThat(dead).hasSize(1);
      assertThat(dead.get(0).path("attempts").asInt()).isEqualTo(settings.mailMaxDeferrals());
      assertThat(dead.get(0).path("recordId").asString()).isEqualTo(id);
      assertThat(content(id).status()).isEqualTo(200);
    }
  }

  @Test
  void aMessageIsPurgedOnlyOnceBothItsDestinationsHaveIt() throws Exception {
    Files.createDirectories(remote.resolve("messages"));
    try (MinaSftpServer sftp = new MinaSftpServer(remote);
        ScriptedSmtpServer smtp = new ScriptedSmtpServer((command, n) -> null)) {
      String id = intake(1).get(0);
      Map<String, Object> csv = OffloadAdmin.sftp(sftp.endpoint(), "/messages");
      csv.put("purgeAfterDelivery", true);
      admin.configure("messages", csv);
      configure(smtp, true);

      assertThat(admin.run("messages").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(content(id).status()).as("not yet sent by mail").isEqualTo(200);
      assertThat(auditCount("record.purge", org.id(), "REJECTED")).isEqualTo(1);

      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(content(id).code()).isEqualTo("CONTENT_PURGED");
    }
  }

  @Test
  void oneDestinationSetToKeepKeepsTheMessagesOfBoth() throws Exception {
    Files.createDirectories(remote.resolve("messages"));
    try (MinaSftpServer sftp = new MinaSftpServer(remote);
        ScriptedSmtpServer smtp = new ScriptedSmtpServer((command, n) -> null)) {
      String id = intake(1).get(0);
      admin.configure("messages", OffloadAdmin.sftp(sftp.endpoint(), "/messages"));
      configure(smtp, true);

      assertThat(admin.run("messages").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(content(id).status()).isEqualTo(200);
    }
  }

  @Test
  void messagesGoSeveralToAConnectionAndNoMoreThanConfigured() throws Exception {
    try (ScriptedSmtpServer smtp = new ScriptedSmtpServer((command, n) -> null)) {
      List<String> ids = intake(5);
      Map<String, Object> body =
          MailOffloadTest.destination(SmtpEndpoint.Tls.NONE, smtp.port(), null, null);
      body.put("messagesPerConnection", 2);
      admin.configure("mail", body);

      assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
      assertThat(smtp.commands().stream().filter(c -> c.startsWith("EHLO")).count())
          .as("connections for 5 messages, 2 each")
          .isEqualTo(3);
      assertAcceptedOnce(smtp, ids, List.of());
    }
  }

  @Test
  void rawUtf8HeadersGoOnlyToAServerThatOffersSmtpUtf8() throws Exception {
    Map<String, Object> message = Messages.sms("utf8", "body");
    message.put("from", "Zoë Ωmega");
    String id = intake(message);
    for (boolean offered : new boolean[] {false, true}) {
      try (ScriptedSmtpServer smtp =
          new ScriptedSmtpServer((command, n) -> null, "220 scripted ESMTP", offered)) {
        configure(smtp, false);
        jdbc.sql(
                "update offload_batch_items set state = 'pending' where record_id = cast(:r as uuid)")
            .param("r", id)
            .update();
        jdbc.sql(
                "update offload_batches set status = 'pending' where org_id = :org and stream = 'mail'")
            .param("org", org.id())
            .update();
        assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
        String mailFrom =
            smtp.commands().stream()
                .filter(c -> c.startsWith("MAIL FROM"))
                .findFirst()
                .orElseThrow();
        byte[] raw = smtp.data().get(0);
        Parsed parsed = new Parsed(raw, offered);
        assertThat(parsed.header("X-Custodian-From")).isEqualTo("Zoë Ωmega");
        String text = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        if (offered) {
          assertThat(mailFrom).endsWith("SMTPUTF8");
          assertThat(text).contains("X-Custodian-From: Zoë Ωmega");
        } else {
          assertThat(mailFrom).doesNotContain("SMTPUTF8");
          assertThat(text).as("7-bit throughout").matches("\\p{ASCII}*");
        }
      }
    }
  }

  /** The data the server accepted (all but the given indexes): each record once, by Message-ID. */
  private void assertAcceptedOnce(ScriptedSmtpServer smtp, List<String> ids, List<Integer> refused)
      throws Exception {
    List<String> accepted = new ArrayList<>();
    List<byte[]> data = smtp.data();
    for (int i = 0; i < data.size(); i++) {
      if (!refused.contains(i)) {
        Parsed parsed = new Parsed(data.get(i), false);
        parsed.checkLayout();
        accepted.add(parsed.header("X-Custodian-Record-Id"));
        assertThat(parsed.header("Message-ID")).startsWith("<" + accepted.get(accepted.size() - 1));
      }
    }
    assertThat(accepted).containsExactlyInAnyOrderElementsOf(ids);
  }

  private String intake(Map<String, Object> message) {
    Api.Response created =
        api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), message);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  private List<String> intake(int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Api.Response created =
          api.postJson(
              "/api/v1/orgs/" + org.id() + "/messages",
              org.key(),
              Messages.sms("f-" + i, "message " + i + " ✉"));
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      ids.add(created.json().path("id").asString());
    }
    return ids;
  }

  private void configure(ScriptedSmtpServer smtp, boolean purge) {
    Map<String, Object> body =
        MailOffloadTest.destination(SmtpEndpoint.Tls.NONE, smtp.port(), null, null);
    body.put("purgeAfterDelivery", purge);
    admin.configure("mail", body);
  }

  private Api.Response content(String id) {
    return api.get("/api/v1/orgs/" + org.id() + "/messages/" + id + "/content", org.key());
  }

  private Map<String, Long> states() {
    return jdbc
        .sql(
            "select i.state from offload_batch_items i join offload_batches b on b.id = i.batch_id"
                + " where b.org_id = :org")
        .param("org", org.id())
        .query(String.class)
        .list()
        .stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  private long attempts() {
    return jdbc.sql(
            "select coalesce(sum(i.attempts), 0) from offload_batch_items i"
                + " join offload_batches b on b.id = i.batch_id where b.org_id = :org")
        .param("org", org.id())
        .query(Long.class)
        .single();
  }

  private double deadLetterGauge() {
    String prometheus = new Api(managementPort).get("/actuator/prometheus", null).text();
    return prometheus
        .lines()
        .filter(
            l ->
                l.startsWith("custodian_offload_mail_dead_letters{")
                    && l.contains("org=\"" + org.id() + "\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("custodian_offload_mail_dead_letters not exported"));
  }
}
