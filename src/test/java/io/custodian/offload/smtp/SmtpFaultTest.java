package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The replies a real server gives when something is wrong, from a scripted responder: 4xx and lost
 * connections defer, 5xx rejects (per recipient where the server says so), and nothing counts as
 * delivered without the 250 after the data.
 */
class SmtpFaultTest {

  private final SmtpConnector connector = new SmtpConnector();
  private final EmlWriter writer =
      new EmlWriter(new ParticipantAddresses("sms.example.com"), "archive.example.com");
  private final Eml eml = eml("first");
  private final Eml next = eml("second");

  @Test
  void theQueueIdOfThe250AfterDataIsKept() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer((command, message) -> null);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml))
          .isEqualTo(new SmtpOutcome.Delivered("250 2.0.0 Ok: queued as Q1", "Q1"));
      assertThat(connection.send(next))
          .isEqualTo(new SmtpOutcome.Delivered("250 2.0.0 Ok: queued as Q2", "Q2"));
      assertThat(server.data()).hasSize(2);
      assertThat(server.data().get(0)).isEqualTo(Messages.bytes(eml));
      assertThat(server.commands())
          .filteredOn(c -> c.startsWith("MAIL"))
          .containsExactly(
              "MAIL FROM:<" + MailServer.SENDER + ">", "MAIL FROM:<" + MailServer.SENDER + ">");
      assertThat(server.commands())
          .filteredOn(c -> c.startsWith("RCPT"))
          .containsExactly(
              "RCPT TO:<" + MailServer.JOURNAL + ">",
              "RCPT TO:<" + MailServer.AUDIT + ">",
              "RCPT TO:<" + MailServer.JOURNAL + ">",
              "RCPT TO:<" + MailServer.AUDIT + ">");
    }
  }

  @Test
  void oneRecipientRefusedWith550RejectsTheMessageForAllAndTheConnectionGoesOn() throws Exception {
    AtomicBoolean refused = new AtomicBoolean();
    ScriptedSmtpServer.Script script =
        (command, message) ->
            command.equals("RCPT TO:<" + MailServer.AUDIT + ">") && !refused.getAndSet(true)
                ? "550 5.1.1 <audit@archive.example>: Recipient address rejected"
                : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      SmtpOutcome outcome = connection.send(eml);
      assertThat(outcome)
          .isInstanceOfSatisfying(
              SmtpOutcome.Rejected.class,
              rejected -> {
                assertThat(rejected.code()).isEqualTo(550);
                assertThat(rejected.recipients())
                    .containsExactly(
                        new SmtpOutcome.RecipientRefusal(
                            MailServer.AUDIT,
                            550,
                            "550 5.1.1 <audit@archive.example>: Recipient address rejected"));
              });
      assertThat(server.commands()).doesNotContain("DATA");
      assertThat(connection.isOpen()).isTrue();
      assertThat(connection.send(next)).isInstanceOf(SmtpOutcome.Delivered.class);
      assertThat(server.data()).hasSize(1);
    }
  }

  @Test
  void aRecipientDeferredWith451DefersTheMessage() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) ->
            command.startsWith("RCPT TO:<" + MailServer.JOURNAL)
                ? "451 4.3.0 mailbox temporarily unavailable"
                : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml))
          .isEqualTo(new SmtpOutcome.Deferred(451, "451 4.3.0 mailbox temporarily unavailable"));
      assertThat(server.data()).isEmpty();
      assertThat(connection.isOpen()).isTrue();
    }
  }

  @Test
  void a451AfterTheDataDefersAndTheNextMessageStillGoes() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) ->
            command.equals(".") && message == 0 ? "451 4.7.1 try again later" : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml))
          .isEqualTo(new SmtpOutcome.Deferred(451, "451 4.7.1 try again later"));
      assertThat(connection.send(next)).isInstanceOf(SmtpOutcome.Delivered.class);
    }
  }

  @Test
  void a554AfterTheDataRejects() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) -> command.equals(".") ? "554 5.6.0 message content rejected" : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml))
          .isEqualTo(
              new SmtpOutcome.Rejected(554, "554 5.6.0 message content rejected", List.of()));
      assertThat(connection.isOpen()).isTrue();
    }
  }

  @Test
  void a552ToMailFromRejects() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) ->
            command.startsWith("MAIL") ? "552 5.3.4 message size exceeds fixed limit" : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml))
          .isInstanceOfSatisfying(
              SmtpOutcome.Rejected.class, r -> assertThat(r.code()).isEqualTo(552));
    }
  }

  @Test
  void a421DefersAndClosesTheConnection() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) -> command.startsWith("MAIL") ? "421 4.3.2 service shutting down" : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml))
          .isEqualTo(new SmtpOutcome.Deferred(421, "421 4.3.2 service shutting down"));
      assertThat(connection.isOpen()).isFalse();
      assertThat(connection.send(next)).isInstanceOf(SmtpOutcome.Deferred.class);
    }
  }

  @Test
  void aConnectionDroppedBeforeTheReplyToTheDataDefers() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) -> command.equals(".") ? ScriptedSmtpServer.DROP : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      SmtpOutcome outcome = connection.send(eml);
      assertThat(outcome)
          .isInstanceOfSatisfying(SmtpOutcome.Deferred.class, d -> assertThat(d.code()).isZero());
      assertThat(connection.isOpen()).isFalse();
      assertThat(server.data()).hasSize(1);
    }
  }

  @Test
  void aConnectionDroppedBeforeTheDataDefers() throws Exception {
    ScriptedSmtpServer.Script script =
        (command, message) -> command.startsWith("RCPT") ? ScriptedSmtpServer.DROP : null;
    try (ScriptedSmtpServer server = new ScriptedSmtpServer(script);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.send(eml)).isInstanceOf(SmtpOutcome.Deferred.class);
      assertThat(connection.isOpen()).isFalse();
    }
  }

  @Test
  void aGreetingOf554IsAPermanentRefusalAnd421ATransientOne() throws Exception {
    try (ScriptedSmtpServer server =
        new ScriptedSmtpServer((c, m) -> null, "554 5.3.2 no service for you", false)) {
      assertThatThrownBy(() -> connector.open(server.endpoint()))
          .isInstanceOfSatisfying(
              SmtpConnectException.class,
              e -> {
                assertThat(e.replyCode()).isEqualTo(554);
                assertThat(e.permanent()).isTrue();
              });
    }
    try (ScriptedSmtpServer server =
        new ScriptedSmtpServer((c, m) -> null, "421 4.3.2 busy", false)) {
      assertThatThrownBy(() -> connector.open(server.endpoint()))
          .isInstanceOfSatisfying(
              SmtpConnectException.class, e -> assertThat(e.permanent()).isFalse());
    }
  }

  @Test
  void credentialsAreNeverLeftUnusedOnAServerWithoutAuth() throws Exception {
    try (ScriptedSmtpServer server = new ScriptedSmtpServer((c, m) -> null)) {
      SmtpEndpoint endpoint =
          MailServer.endpoint(SmtpEndpoint.Tls.NONE, server.port(), "user", "password", null);
      assertThatThrownBy(() -> connector.open(endpoint))
          .isInstanceOf(SmtpConnectException.class)
          .hasMessageContaining("AUTH");
      assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }
  }

  @Test
  void smtpUtf8IsAskedForOnlyWhenTheMessageNeedsItAndTheServerOffersIt() throws Exception {
    Messages.Sample sample = Messages.sms("hi");
    Eml utf8 = writer.eml(sample.record(), sample.content(), HeaderMode.SMTPUTF8);
    try (ScriptedSmtpServer server = new ScriptedSmtpServer((c, m) -> null, "220 hi", true);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.smtpUtf8()).isTrue();
      assertThat(connection.send(utf8)).isInstanceOf(SmtpOutcome.Delivered.class);
      assertThat(connection.send(eml)).isInstanceOf(SmtpOutcome.Delivered.class);
      assertThat(server.commands())
          .filteredOn(c -> c.startsWith("MAIL"))
          .containsExactly(
              "MAIL FROM:<" + MailServer.SENDER + "> SMTPUTF8",
              "MAIL FROM:<" + MailServer.SENDER + ">");
    }
    try (ScriptedSmtpServer server = new ScriptedSmtpServer((c, m) -> null);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThat(connection.smtpUtf8()).isFalse();
      assertThatThrownBy(() -> connection.send(utf8)).isInstanceOf(IllegalArgumentException.class);
      assertThat(server.commands()).noneMatch(c -> c.startsWith("MAIL"));
    }
  }

  @Test
  void contentThatIsNotTheRecordsEndsTheDataWithoutItsEnd() throws Exception {
    Messages.Sample sample = EmlWriterTest.whatsapp();
    Eml wrong =
        writer.eml(
            sample.record(),
            new MessageContent(
                sample.content().body(),
                List.of(
                    () -> new ByteArrayInputStream(new byte[70_000]),
                    sample.content().attachments().get(1))),
            HeaderMode.RFC2047);
    try (ScriptedSmtpServer server = new ScriptedSmtpServer((c, m) -> null);
        SmtpConnection connection = connector.open(server.endpoint())) {
      assertThatThrownBy(() -> connection.send(wrong)).isInstanceOf(EmlContentException.class);
      assertThat(connection.isOpen()).isFalse();
      assertThat(server.commands()).doesNotContain(".");
      assertThat(server.data()).isEmpty();
    }
  }

  private Eml eml(String body) {
    Messages.Sample sample = Messages.sms(body);
    return writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047);
  }
}
