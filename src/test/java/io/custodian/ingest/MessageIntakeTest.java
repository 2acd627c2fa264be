package io.custodian.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.support.Api;
import io.custodian.support.AppTest;
import io.custodian.support.Messages;
import io.custodian.support.Tenants.Org;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Message intake over real HTTP: hostile text round-trips byte for byte. */
class MessageIntakeTest extends AppTest {

  private static final String EMOJI = "Deal 👍🏽 done 🇬🇧 — 𝄞 surrogate pairs";
  private static final String RTL = "مرحبا بالعالم — שלום עולם";
  private static final String CONTROL =
      "line1\r\nline2\u0000nul\u2028sep\u2029para\t\"quoted\",=1+2";

  private Org org;

  @BeforeEach
  void organisation() {
    org = tenants.create();
  }

  @ParameterizedTest
  @ValueSource(strings = {EMOJI, RTL, CONTROL, ""})
  void bodiesRoundTripByteForByte(String body) {
    Api.Response created = post(message("m-" + body.hashCode(), body));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Api.Response read = api.get(created.header("Location") + "/content", org.key());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(read.header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
  }

  @Test
  void aTenThousandCharacterBodyRoundTrips() {
    StringBuilder body = new StringBuilder();
    Random random = new Random(42);
    String alphabet = "abc xyz 👍 مرحبا שלום \r\n\u0000€";
    while (body.length() < 10_000) {
      body.appendCodePoint(
          alphabet.codePointAt(
              alphabet.offsetByCodePoints(
                  0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
    }
    Api.Response created = post(message("long", body.toString()));

    assertThat(created.status()).isEqualTo(201);
    assertThat(api.get(created.header("Location") + "/content", org.key()).body())
        .isEqualTo(body.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void metadataAndAttachmentsRoundTrip() {
    byte[] image = new byte[3000];
    new Random(7).nextBytes(image);
    Map<String, Object> message = message("with-media", EMOJI);
    message.put("channel", "whatsapp");
    message.put("from", "+447700900123");
    message.put("to", List.of("+447700900456", "group:desk-" + RTL));
    message.put("threadId", "thread-" + EMOJI);
    message.put(
        "attachments",
        List.of(
            Map.of(
                "mediaType",
                "image/jpeg",
                "fileName",
                "../../etc/passwd\u0000" + RTL + ".jpg",
                "content",
                Base64.getEncoder().encodeToString(image))));

    Api.Response created = post(message);

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode record = api.get(created.header("Location"), org.key()).json();
    assertThat(record).as("the 201's record is the stored one").isEqualTo(created.json());
    assertThat(record.path("channel").asString()).isEqualTo("whatsapp");
    assertThat(record.path("to").get(1).asString()).isEqualTo("group:desk-" + RTL);
    assertThat(record.path("threadId").asString()).isEqualTo("thread-" + EMOJI);
    JsonNode attachment = record.path("attachments").get(0);
    assertThat(attachment.path("fileName").asString())
        .isEqualTo("../../etc/passwd\u0000" + RTL + ".jpg");
    assertThat(attachment.path("content").path("size").asLong()).isEqualTo(3000);
    Api.Response bytes = api.get(created.header("Location") + "/attachments/0", org.key());
    assertThat(bytes.status()).isEqualTo(200);
    assertThat(bytes.body()).isEqualTo(image);
    assertThat(bytes.header("Content-Type")).isEqualTo("image/jpeg");
    assertThat(api.get(created.header("Location") + "/attachments/1", org.key()).status())
        .isEqualTo(404);
  }

  @Test
  void replaysAreIdempotentAndConflictsAre409() {
    Api.Response first = post(message("r-1", "hello"));
    Api.Response again = post(message("r-1", "hello"));
    Api.Response different = post(message("r-1", "hello!"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().path("id")).isEqualTo(first.json().path("id"));
    assertThat(different.status()).isEqualTo(409);
    assertThat(different.code()).isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(messageCount()).isEqualTo(1);
  }

  @Test
  void invalidMessagesAre400AndStoreNothing() {
    List<Map<String, Object>> invalid = new ArrayList<>();
    Map<String, Object> noSource = message("x", "b");
    noSource.remove("sourceId");
    invalid.add(noSource);
    Map<String, Object> badChannel = message("x", "b");
    badChannel.put("channel", "pigeon");
    invalid.add(badChannel);
    Map<String, Object> crlfSender = message("x", "b");
    crlfSender.put("from", "+1555\r\nBcc: evil@example.com");
    invalid.add(crlfSender);
    Map<String, Object> badBase64 = message("x", "b");
    badBase64.put("attachments", List.of(Map.of("mediaType", "image/png", "content", "***")));
    invalid.add(badBase64);

    for (Map<String, Object> message : invalid) {
      Api.Response answer = post(message);
      assertThat(answer.status()).as(message + " → " + answer).isEqualTo(400);
      assertThat(answer.code()).isEqualTo("INVALID_METADATA");
    }
    Api.Response loneSurrogate =
        api.postJson(
            "/api/v1/orgs/" + org.id() + "/messages",
            org.key(),
            "{\"sourceId\":\"x\",\"channel\":\"sms\",\"direction\":\"inbound\",\"from\":\"a\","
                + "\"to\":[\"b\"],\"sentAt\":\"2026-11-21T09:30:00Z\",\"body\":\"b\\uD800\"}");
    assertThat(loneSurrogate.status()).as(loneSurrogate.toString()).isEqualTo(400);
    assertThat(loneSurrogate.code()).isEqualTo("INVALID_METADATA");
    assertThat(messageCount()).isZero();
  }

  private Api.Response post(Map<String, Object> message) {
    return api.postJson("/api/v1/orgs/" + org.id() + "/messages", org.key(), message);
  }

  private static Map<String, Object> message(String sourceId, String body) {
    Map<String, Object> message = Messages.sms(sourceId, body);
    message.put("direction", "outbound");
    message.put("sentAt", "2026-11-21T09:30:00.123456Z");
    return message;
  }

  private long messageCount() {
    return jdbc.sql("select count(*) from messages where org_id = :o")
        .param("o", org.id())
        .query(Long.class)
        .single();
  }
}
