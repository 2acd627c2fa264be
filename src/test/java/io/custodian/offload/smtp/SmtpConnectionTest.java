package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMTP primitive against a real server (GreenMail on loopback): plain text, STARTTLS and
 * implicit TLS, each with AUTH; each message arrives once in each mailbox, and what arrives is the
 * EML byte for byte.
 */
class SmtpConnectionTest {

  private final SmtpConnector connector = new SmtpConnector();
  private final EmlWriter writer =
      new EmlWriter(new ParticipantAddresses("sms.example.com"), "archive.example.com");
  private MailServer server;

  @BeforeEach
  void start() {
    server = new MailServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void plainTextWithAuthDeliversSeveralMessagesOnOneConnectionEachOnce() throws Exception {
    List<Eml> sent =
        sendAll(server.endpoint(SmtpEndpoint.Tls.NONE, server.smtpPort()), hostileMessages());
    assertEachArrivedOnce(sent);
  }

  @Test
  void implicitTlsWithAuthDeliversEachMessageOnce() throws Exception {
    SmtpEndpoint endpoint = server.endpoint(SmtpEndpoint.Tls.IMPLICIT, server.smtpsPort());
    try (SmtpConnection connection = connector.open(endpoint)) {
      assertThat(connection.isTls()).isTrue();
    }
    assertEachArrivedOnce(sendAll(endpoint, hostileMessages().subList(0, 3)));
  }

  @Test
  void startTlsWithAuthDeliversEachMessageOnce() throws Exception {
    try (StartTlsFront front = new StartTlsFront(server.smtpPort())) {
      SmtpEndpoint endpoint = server.endpoint(SmtpEndpoint.Tls.STARTTLS, front.port());
      List<Eml> sent = sendAll(endpoint, hostileMessages().subList(0, 3));
      assertThat(front.upgraded()).isEqualTo(1);
      assertEachArrivedOnce(sent);
    }
  }

  @Test
  void startTlsModeRefusesAServerThatDoesNotOfferIt() {
    SmtpEndpoint endpoint = server.endpoint(SmtpEndpoint.Tls.STARTTLS, server.smtpPort());
    assertThatThrownBy(() -> connector.open(endpoint))
        .isInstanceOf(SmtpConnectException.class)
        .hasMessageContaining("STARTTLS");
    assertThat(server.received()).isZero();
  }

  @Test
  void aServerWhoseCertificateIsNotTheTrustedOneIsRefused() {
    SmtpEndpoint endpoint =
        MailServer.endpoint(
            SmtpEndpoint.Tls.IMPLICIT,
            server.smtpsPort(),
            MailServer.USER,
            MailServer.PASSWORD,
            TestCertificate.OTHER.pem());
    assertThatThrownBy(() -> connector.open(endpoint))
        .isInstanceOf(SmtpConnectException.class)
        .satisfies(e -> assertThat(((SmtpConnectException) e).permanent()).isFalse());
    SmtpEndpoint defaultTrust =
        MailServer.endpoint(
            SmtpEndpoint.Tls.IMPLICIT,
            server.smtpsPort(),
            MailServer.USER,
            MailServer.PASSWORD,
            null);
    assertThatThrownBy(() -> connector.open(defaultTrust)).isInstanceOf(SmtpConnectException.class);
  }

  @Test
  void wrongCredentialsAreAPermanentRefusal() {
    SmtpEndpoint endpoint =
        MailServer.endpoint(
            SmtpEndpoint.Tls.IMPLICIT,
            server.smtpsPort(),
            MailServer.USER,
            "wrong",
            TestCertificate.SERVER.pem());
    assertThatThrownBy(() -> connector.open(endpoint))
        .isInstanceOfSatisfying(
            SmtpConnectException.class,
            e -> {
              assertThat(e.replyCode()).isEqualTo(535);
              assertThat(e.permanent()).isTrue();
            });
  }

  @Test
  void sendingAgainGivesTheSameMessageIdAndBytes() throws Exception {
    Messages.Sample sample = Messages.sms("once, and once again");
    Eml eml = writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047);
    SmtpEndpoint endpoint = server.endpoint(SmtpEndpoint.Tls.NONE, server.smtpPort());
    sendAll(endpoint, List.of(eml));
    sendAll(endpoint, List.of(eml));
    List<byte[]> journal = awaitMailbox(MailServer.JOURNAL, 2);
    assertThat(strip(journal.get(0)))
        .isEqualTo(strip(journal.get(1)))
        .isEqualTo(Messages.bytes(eml));
  }

  @Test
  void smtpUtf8MessagesGoWhereTheServerOffersIt() throws Exception {
    Messages.Sample sample =
        Messages.sample(
            "acme",
            "שלום",
            "s",
            "sms",
            "inbound",
            "Zoë 😀",
            List.of("+1\r\nBcc: x@y"),
            null,
            "hi",
            List.of());
    SmtpEndpoint endpoint = server.endpoint(SmtpEndpoint.Tls.NONE, server.smtpPort());
    try (SmtpConnection connection = connector.open(endpoint)) {
      assertThat(connection.smtpUtf8()).isTrue();
      Eml eml = writer.eml(sample.record(), sample.content(), HeaderMode.SMTPUTF8);
      assertThat(connection.send(eml)).isInstanceOf(SmtpOutcome.Delivered.class);
      byte[] received = strip(awaitMailbox(MailServer.JOURNAL, 1).get(0));
      assertThat(received).isEqualTo(Messages.bytes(eml));
      Parsed parsed = new Parsed(received, true);
      assertThat(parsed.fromName()).isEqualTo("Zoë 😀");
      assertThat(parsed.header("X-Custodian-Sub-Org")).isEqualTo("שלום");
      assertThat(parsed.headers("X-Custodian-To")).containsExactly("+1\r\nBcc: x@y");
    }
  }

  @Test
  void aStoppedServerDefersTheMessageAndCannotBeReached() throws Exception {
    SmtpEndpoint endpoint = server.endpoint(SmtpEndpoint.Tls.NONE, server.smtpPort());
    Messages.Sample sample = Messages.sms("before and after");
    Eml eml = writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047);
    try (SmtpConnection connection = connector.open(endpoint)) {
      assertThat(connection.send(eml)).isInstanceOf(SmtpOutcome.Delivered.class);
      server.stop();
      SmtpOutcome outcome = connection.send(eml);
      assertThat(outcome)
          .isInstanceOfSatisfying(SmtpOutcome.Deferred.class, d -> assertThat(d.code()).isZero());
      assertThat(connection.isOpen()).isFalse();
      assertThat(connection.send(eml)).isInstanceOf(SmtpOutcome.Deferred.class);
    }
    assertThatThrownBy(() -> connector.open(endpoint))
        .isInstanceOfSatisfying(
            SmtpConnectException.class, e -> assertThat(e.permanent()).isFalse());
  }

  /** Messages with every hostile value in every field, each with an attachment. */
  private List<Eml> hostileMessages() {
    List<Eml> emls = new ArrayList<>();
    int i = 0;
    for (String value : Messages.HOSTILE) {
      Messages.Sample sample =
          Messages.sample(
              new UUID(42, i++),
              "acme",
              value,
              value,
              "whatsapp",
              "inbound",
              value,
              List.of(value, "+15557654321"),
              value,
              value,
              List.of(new Messages.Attachment("image/png", value, Messages.binary(20_000, i))));
      emls.add(writer.eml(sample.record(), sample.content(), HeaderMode.RFC2047));
    }
    return emls;
  }

  private List<Eml> sendAll(SmtpEndpoint endpoint, List<Eml> emls) throws Exception {
    try (SmtpConnection connection = connector.open(endpoint)) {
      for (Eml eml : emls) {
        SmtpOutcome outcome = connection.send(eml);
        assertThat(outcome).as(eml.messageId()).isInstanceOf(SmtpOutcome.Delivered.class);
        assertThat(outcome.reply()).startsWith("250");
      }
    }
    return emls;
  }

  private void assertEachArrivedOnce(List<Eml> sent) throws Exception {
    for (String mailbox : List.of(MailServer.JOURNAL, MailServer.AUDIT)) {
      List<byte[]> received = awaitMailbox(mailbox, sent.size());
      List<String> ids = new ArrayList<>();
      for (byte[] raw : received) {
        ids.add(new Parsed(raw, false).message.getMessageID());
      }
      assertThat(ids)
          .containsExactlyInAnyOrderElementsOf(sent.stream().map(Eml::messageId).toList());
      for (Eml eml : sent) {
        byte[] raw = received.get(ids.indexOf(eml.messageId()));
        byte[] expected = Messages.bytes(eml);
        assertThat(strip(raw)).as(eml.messageId()).isEqualTo(expected);
        Parsed parsed = new Parsed(strip(raw), false);
        parsed.checkLayout();
        assertThat(parsed.header("X-Custodian-From")).isEqualTo(eml.record().from());
        assertThat(parsed.body()).isEqualTo(new Parsed(expected, false).body());
      }
    }
  }

  private List<byte[]> awaitMailbox(String mailbox, int count) throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(() -> server.mailbox(mailbox).size() >= count);
    List<byte[]> received = server.mailbox(mailbox);
    assertThat(received).hasSize(count);
    return received;
  }

  /**
   * The message as Custodian sent it: what the server stored, less the {@code Return-Path} and
   * {@code Received} lines it put in front, and with the CRLF that ends the last line, which
   * GreenMail stores without (it is the first half of the {@code CRLF.CRLF} that ends the data).
   */
  static byte[] strip(byte[] stored) {
    int start = 0;
    while (startsWithHeader(stored, start, "Return-Path:")
        || startsWithHeader(stored, start, "Received:")) {
      start = nextHeader(stored, start);
    }
    byte[] sent = Arrays.copyOfRange(stored, start, stored.length + 2);
    if (stored[stored.length - 2] == '\r' && stored[stored.length - 1] == '\n') {
      return Arrays.copyOf(sent, sent.length - 2);
    }
    sent[sent.length - 2] = '\r';
    sent[sent.length - 1] = '\n';
    return sent;
  }

  private static boolean startsWithHeader(byte[] bytes, int at, String name) {
    if (bytes.length - at < name.length()) {
      return false;
    }
    return new String(bytes, at, name.length(), java.nio.charset.StandardCharsets.US_ASCII)
        .equalsIgnoreCase(name);
  }

  private static int nextHeader(byte[] bytes, int at) {
    int i = at;
    while (true) {
      while (bytes[i] != '\n') {
        i++;
      }
      i++;
      if (bytes[i] != ' ' && bytes[i] != '\t') {
        return i;
      }
    }
  }
}
