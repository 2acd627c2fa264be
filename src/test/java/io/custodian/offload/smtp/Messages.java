package io.custodian.offload.smtp;

import io.custodian.records.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Message records with their content, and the hostile values every field is tried with. */
final class Messages {

  static final Instant SENT = Instant.parse("2026-11-21T23:30:00.250Z");
  static final Instant RECEIVED = Instant.parse("2026-11-21T23:31:05.123456Z");

  /** Values that have broken mail headers and parsers, each meant to come back exactly. */
  static final List<String> HOSTILE =
      List.of(
          "line\r\nBcc: victim@example.com",
          "x\r\nBcc: victim@example.com\r\n\r\nbody",
          "\r\nSubject: injected",
          "lone\rCR",
          "lone\nLF",
          "nul\0byte",
          "\0",
          "tab\there",
          " leading and trailing spaces ",
          "two  spaces",
          "=?UTF-8?B?SGVsbG8=?=",
          "a =?ISO-8859-1?Q?caf=E9?= b",
          "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇬🇧",
          "😀",
          "עברית שלום \u202Eoverride\u202C العربية",
          "line\u2028separator\u2029paragraph",
          "\"quoted\" <angle@brackets> (comment) ;:,\\",
          "x".repeat(10_000),
          "😀".repeat(2_000),
          "é😀\r\n\0".repeat(500),
          "--=_custodian_boundary",
          ".",
          "From the start");

  private Messages() {}

  /** A message and its content. */
  record Sample(Message record, MessageContent content, List<byte[]> attachmentBytes) {}

  static Sample sms(String body) {
    return sample(
        "acme",
        "acme-uk",
        "src-1",
        "sms",
        "inbound",
        "+15551234567",
        List.of("+15557654321"),
        "thread-9",
        body,
        List.of());
  }

  static Sample sample(
      String org,
      @Nullable String subOrg,
      String sourceId,
      String channel,
      String direction,
      String from,
      List<String> to,
      @Nullable String threadId,
      String body,
      List<Attachment> attachments) {
    return sample(
        UUID.fromString("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
        org,
        subOrg,
        sourceId,
        channel,
        direction,
        from,
        to,
        threadId,
        body,
        attachments);
  }

  static Sample sample(
      UUID id,
      String org,
      @Nullable String subOrg,
      String sourceId,
      String channel,
      String direction,
      String from,
      List<String> to,
      @Nullable String threadId,
      String body,
      List<Attachment> attachments) {
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    List<Message.Attachment> stored = new ArrayList<>();
    List<MessageContent.Source> sources = new ArrayList<>();
    List<byte[]> bytes = new ArrayList<>();
    for (int i = 0; i < attachments.size(); i++) {
      Attachment a = attachments.get(i);
      stored.add(new Message.Attachment(i, a.mediaType(), a.fileName(), content(a.bytes())));
      sources.add(() -> new ByteArrayInputStream(a.bytes()));
      bytes.add(a.bytes());
    }
    Message record =
        new Message(
            id,
            org,
            subOrg,
            7,
            sourceId,
            channel,
            direction,
            from,
            to,
            SENT,
            threadId,
            content(utf8),
            stored,
            RECEIVED,
            Message.Delivery.NONE,
            new byte[32]);
    return new Sample(record, new MessageContent(body, sources), bytes);
  }

  /** An attachment as sent. */
  record Attachment(String mediaType, @Nullable String fileName, byte[] bytes) {}

  static Message.Content content(byte[] bytes) {
    return new Message.Content(UUID.nameUUIDFromBytes(bytes), bytes.length, sha256(bytes));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] bytes(Eml eml) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    eml.writeTo(out);
    return out.toByteArray();
  }

  static byte[] binary(int size, int seed) {
    byte[] bytes = new byte[size];
    new java.util.Random(seed).nextBytes(bytes);
    return bytes;
  }
}
