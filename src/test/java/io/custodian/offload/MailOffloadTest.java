package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.offload.smtp.MailServer;
import io.custodian.offload.smtp.Parsed;
import io.custodian.offload.smtp.SmtpEndpoint;
import io.custodian.offload.smtp.StartTlsFront;
import io.custodian.offload.smtp.TestCertificate;
import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import jakarta.mail.BodyPart;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

/**
 * The mail stream end to end, over real HTTP and a real SMTP server (GreenMail): messages taken in
 * through the API arrive once in every journaling mailbox, and read back with Jakarta Mail's parser
 * they carry what was taken in, byte for byte.
 */
class MailOffloadTest extends AppTest {

  static final String TEN_THOUSAND = "0123456789".repeat(1_000);
  static final String HOSTILE =
      "Hi 👋 שלום עולם مرحبا 𝄞 \u202Eevil\u202C\r\nBcc: victim@example.com\r\n\r\n.\r\nNUL\u0000end";

  private MailServer server;
  private Org org;
  private OffloadAdmin admin;

  @BeforeEach
  void serverAndOrganisation() {
    server = new MailServer();
    org = tenants.create();
    admin = new OffloadAdmin(api, org.id(), ADMIN_KEY);
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(SmtpEndpoint.Tls.class)
  void eachMessageArrivesOnceInEveryMailboxAsItWasTakenIn(SmtpEndpoint.Tls tls) throws Exception {
    List<Map<String, Object>> sent = new ArrayList<>();
    sent.add(Messages.sms("m-hostile", HOSTILE));
    sent.add(Messages.sms("m-long", TEN_THOUSAND));
    sent.add(whatsappWithAttachment("m-media"));
    Map<String, String> ids = new HashMap<>();
    for (Map<String, Object> message : sent) {
      ids.put(intake(message), (String) message.get("sourceId"));
    }

    try (StartTlsFront front = new StartTlsFront(server.smtpPort())) {
      int port =
          switch (tls) {
            case NONE -> server.smtpPort();
            case IMPLICIT -> server.smtpsPort();
            case STARTTLS -> front.port();
          };
      admin.configure("mail", destination(tls, port));
      JsonNode outcome = admin.run("mail");
      assertThat(outcome.get(0).path("delivered").asBoolean()).as(outcome.toString()).isTrue();
      assertThat(outcome.get(0).path("filesSent").asInt()).isEqualTo(3);
      if (tls == SmtpEndpoint.Tls.STARTTLS) {
        assertThat(front.upgraded()).isEqualTo(1);
      }
    }

    for (String mailbox : List.of(MailServer.JOURNAL, MailServer.AUDIT)) {
      List<byte[]> received = server.mailbox(mailbox);
      assertThat(received).as(mailbox).hasSize(3);
      List<String> seen = new ArrayList<>();
      for (byte[] raw : received) {
        Parsed parsed = new Parsed(raw, false);
        String recordId = parsed.header("X-Custodian-Record-Id");
        seen.add(recordId);
        Map<String, Object> original =
            sent.stream()
                .filter(m -> m.get("sourceId").equals(ids.get(recordId)))
                .findFirst()
                .orElseThrow();
        assertThat(new String(parsed.body(), StandardCharsets.UTF_8))
            .isEqualTo(original.get("body"));
        assertThat(parsed.header("Message-ID"))
            .isEqualTo("<" + recordId + "." + org.id() + "@custodian.invalid>");
        assertThat(parsed.header("X-Custodian-Source-Id")).isEqualTo(original.get("sourceId"));
        assertThat(parsed.headers("Bcc")).isEmpty();
        if (original.containsKey("attachments")) {
          List<BodyPart> attachments = parsed.attachments();
          assertThat(attachments).hasSize(1);
          assertThat(Parsed.read(attachments.get(0).getInputStream())).isEqualTo(PNG);
          assertThat(attachments.get(0).getContentType()).startsWith("image/png");
        }
      }
      assertThat(seen).containsExactlyInAnyOrderElementsOf(ids.keySet());
    }
    assertThat(auditCount("offload.mail.delivered", org.id(), "SUCCESS")).isEqualTo(3);
    assertThat(
            jdbc.sql(
                    "select count(*) from offload_batch_items i join offload_batches b"
                        + " on b.id = i.batch_id where b.org_id = :org and i.state = 'delivered'"
                        + " and i.queue_id is null")
                .param("org", org.id())
                .query(Long.class)
                .single())
        .as("GreenMail gives no queue id; the reply is kept")
        .isEqualTo(3);

    admin.run("mail");
    assertThat(server.received()).as("a second run sends nothing again").isEqualTo(6);
  }

  @Test
  void theDestinationIsShownWithoutItsPasswordAndCanBeSentBack() {
    admin.configure("mail", destination(SmtpEndpoint.Tls.IMPLICIT, server.smtpsPort()));
    Api.Response shown = api.get(admin.path("mail"), ADMIN_KEY);
    assertThat(shown.status()).isEqualTo(200);
    JsonNode body = shown.json();
    assertThat(body.path("hasPassword").asBoolean()).isTrue();
    assertThat(body.has("password")).isFalse();
    assertThat(shown.toString()).doesNotContain(MailServer.PASSWORD);
    assertThat(body.path("schedule").asString()).isEqualTo("continuous");
    assertThat(body.path("delaySeconds").asInt()).isEqualTo(60);
    assertThat(body.path("port").asInt()).isEqualTo(server.smtpsPort());

    Map<String, Object> edited =
        tools.jackson.databind.json.JsonMapper.builder()
            .build()
            .convertValue(
                body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
    edited.put("schedule", "daily");
    edited.remove("delaySeconds");
    edited.put("dailyAt", "03:15");
    admin.configure("mail", edited);
    JsonNode again = api.get(admin.path("mail"), ADMIN_KEY).json();
    assertThat(again.path("dailyAt").asString()).isEqualTo("03:15");
    assertThat(again.path("hasPassword").asBoolean()).as("the password is kept").isTrue();

    sentMessageArrives();
  }

  private void sentMessageArrives() {
    intake(Messages.sms("m-after-edit", "still delivered with the kept password"));
    assertThat(admin.run("mail").get(0).path("delivered").asBoolean()).isTrue();
    assertThat(server.received()).isEqualTo(2);
  }

  @Test
  void badSettingsAreRefusedAndChangeNothing() {
    Map<String, Object> plainToAPublicHost = destination(SmtpEndpoint.Tls.NONE, 25);
    plainToAPublicHost.put("host", "mail.example.com");
    assertRefused(plainToAPublicHost, "plain text is only for a loopback server");
    Map<String, Object> noRecipients = destination(SmtpEndpoint.Tls.NONE, 25);
    noRecipients.put("recipients", List.of());
    assertRefused(noRecipients, "recipients");
    Map<String, Object> injected = destination(SmtpEndpoint.Tls.NONE, 25);
    injected.put("envelopeSender", "a@b.example>\r\nRCPT TO:<x@y.example");
    assertRefused(injected, "address");
    Map<String, Object> badCertificate = destination(SmtpEndpoint.Tls.IMPLICIT, 465);
    badCertificate.put("trustedCertificates", "not a certificate");
    assertRefused(badCertificate, "trustedCertificates");
    Map<String, Object> both = destination(SmtpEndpoint.Tls.NONE, 25);
    both.put("dailyAt", "02:00");
    assertRefused(both, "dailyAt");
    Map<String, Object> unknown = destination(SmtpEndpoint.Tls.NONE, 25);
    unknown.put("recipient", "typo@example.com");
    assertRefused(unknown, "Unknown field");
    assertThat(api.get(admin.path("mail"), ADMIN_KEY).status()).isEqualTo(404);
  }

  private void assertRefused(Map<String, Object> body, String detail) {
    Api.Response refused =
        api.send(
            api.request(admin.path("mail"), ADMIN_KEY)
                .header("Content-Type", "application/json")
                .PUT(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        tools.jackson.databind.json.JsonMapper.builder()
                            .build()
                            .writeValueAsString(body)))
                .build());
    assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
    assertThat(refused.code()).isEqualTo("INVALID_REQUEST");
    assertThat(refused.json().path("detail").asString()).contains(detail);
  }

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 1, 2, 3};

  static Map<String, Object> whatsappWithAttachment(String sourceId) {
    Map<String, Object> message = Messages.sms(sourceId, "a photo 📷");
    message.put("channel", "whatsapp");
    message.put(
        "attachments",
        List.of(
            Map.of(
                "mediaType",
                "image/png",
                "fileName",
                "photo\r\nX-Injected: yes.png",
                "content",
                Base64.getEncoder().encodeToString(PNG))));
    return message;
  }

  /** Takes in a message; answers its id. */
  String intake(Map<String, Object> message) {
    Api.Response created =
        api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), message);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().path("id").asString();
  }

  /** A mail destination body for the test server: AUTH, both mailboxes, its certificate. */
  static Map<String, Object> destination(SmtpEndpoint.Tls tls, int port) {
    return destination(tls, port, MailServer.USER, MailServer.PASSWORD);
  }

  static Map<String, Object> destination(
      SmtpEndpoint.Tls tls, int port, @Nullable String user, @Nullable String password) {
    Map<String, Object> body = new HashMap<>();
    body.put("host", "127.0.0.1");
    body.put("port", port);
    body.put("tls", tls.name().toLowerCase(java.util.Locale.ROOT));
    if (user != null) {
      body.put("user", user);
      body.put("password", password);
    }
    body.put("envelopeSender", MailServer.SENDER);
    body.put("recipients", List.of(MailServer.JOURNAL, MailServer.AUDIT));
    body.put("participantDomain", "sms.example.com");
    if (tls != SmtpEndpoint.Tls.NONE) {
      body.put("trustedCertificates", TestCertificate.SERVER.pem());
    }
    return body;
  }
}
