package io.custodian.demo;

import io.custodian.media.AudioEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/**
 * A morning of a small trading desk, made up: calls in the three accepted audio formats and SMS and
 * WhatsApp messages in several scripts. Source ids carry the run's time, so each run sends new
 * records; the same run time and seed give the same requests, so a replay stores nothing twice.
 */
final class SyntheticTraffic {

  static final String SUB_ORG = "trading";

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /**
   * The desk's people: name, user id, number, device. The numbers are from ranges set aside for
   * fiction.
   */
  private static final String[][] TRADERS = {
    {"Amelia Hart", "ahart", "+442079460101", "iphone-3f9a"},
    {"Tomasz Nowak", "tnowak", "+442079460102", "pixel-77c1"},
    {"Priya Raman", "praman", "+442079460103", "iphone-b20e"}
  };

  /** Their clients: number, jurisdiction. */
  private static final String[][] CLIENTS = {
    {"+12125550147", "US-NY"}, {"+33199001234", "FR"}, {"+61491570156", "AU"}
  };

  private static final String[] DIRECTIONS = {
    "outbound", "inbound", "outbound", "inbound", "internal"
  };

  private final Instant at;
  private final String stamp;
  private final long seed;

  /**
   * @param at when the traffic is sent; record times lie in the hour and a half before it
   * @param seed what the audio and the choice of parties are made from
   */
  SyntheticTraffic(Instant at, long seed) {
    this.at = at.truncatedTo(ChronoUnit.SECONDS);
    this.stamp = STAMP.format(this.at);
    this.seed = seed;
  }

  /** One call to send: its metadata and how to make its audio. */
  record Call(
      String sourceId,
      AudioEncoding encoding,
      int channels,
      int sampleRate,
      Duration length,
      long seed,
      Map<String, Object> metadata) {

    byte[] wav() {
      return SyntheticSpeech.wav(encoding, channels, sampleRate, length, seed);
    }

    /** As people say it: {@code u-law 8 kHz mono}. */
    String format() {
      String codec =
          switch (encoding) {
            case ULAW -> "u-law";
            case ALAW -> "A-law";
            case PCM_S16LE -> "PCM";
          };
      return codec + " " + sampleRate / 1000 + " kHz " + (channels == 2 ? "stereo" : "mono");
    }
  }

  /** {@code count} calls, cycling through u-law 8 kHz mono, PCM 16 kHz stereo, A-law 8 kHz mono. */
  List<Call> calls(int count) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Duration length = Duration.ofMillis(5_000 + random.nextInt(25_001));
      Instant started = at.minus(Duration.ofMinutes(95 - 7L * (i % 12))).plusSeconds(i / 12);
      String direction = DIRECTIONS[random.nextInt(DIRECTIONS.length)];
      String[] trader = TRADERS[random.nextInt(TRADERS.length)];
      List<Map<String, Object>> parties = new ArrayList<>();
      Map<String, Object> desk = trader(trader);
      Map<String, Object> other;
      if (direction.equals("internal")) {
        other = trader(TRADERS[(List.of(TRADERS).indexOf(trader) + 1) % TRADERS.length]);
      } else {
        String[] client = CLIENTS[random.nextInt(CLIENTS.length)];
        other = new LinkedHashMap<>();
        other.put("number", client[0]);
        other.put("jurisdiction", client[1]);
      }
      boolean deskCalls = !direction.equals("inbound");
      parties.add(party("caller", deskCalls ? desk : other));
      parties.add(party("callee", deskCalls ? other : desk));
      Map<String, Object> metadata = new LinkedHashMap<>();
      String sourceId = String.format("demo-%s-call-%02d", stamp, i + 1);
      metadata.put("sourceId", sourceId);
      if (i % 2 == 1) {
        metadata.put("subOrg", SUB_ORG);
      }
      metadata.put("callId", String.format("%s-%02d@pbx.demo.example", stamp, i + 1));
      metadata.put("direction", direction);
      metadata.put("participants", parties);
      metadata.put("startedAt", started.toString());
      metadata.put("endedAt", started.plus(length).toString());
      metadata.put("deviceId", trader[3]);
      if (i % 4 == 0) {
        metadata.put(
            "location",
            fields(
                "latitude",
                51.5138,
                "longitude",
                -0.0984,
                "accuracyMeters",
                25,
                "description",
                "London office"));
      }
      AudioEncoding encoding =
          switch (i % 3) {
            case 0 -> AudioEncoding.ULAW;
            case 1 -> AudioEncoding.PCM_S16LE;
            default -> AudioEncoding.ALAW;
          };
      int channels = i % 3 == 1 ? 2 : 1;
      int sampleRate = i % 3 == 1 ? 16_000 : 8_000;
      calls.add(
          new Call(
              sourceId,
              encoding,
              channels,
              sampleRate,
              length,
              seed * 31 + i,
              Collections.unmodifiableMap(metadata)));
    }
    return calls;
  }

  /** SMS and WhatsApp messages with emoji and non-Latin text, one with an attachment. */
  List<Map<String, Object>> messages() {
    List<Map<String, Object>> messages = new ArrayList<>();
    String amelia = TRADERS[0][2];
    String tomasz = TRADERS[1][2];
    String priya = TRADERS[2][2];
    String newYork = CLIENTS[0][0];
    String paris = CLIENTS[1][0];
    String sydney = CLIENTS[2][0];
    add(
        messages,
        "sms",
        "inbound",
        newYork,
        amelia,
        null,
        "Morning! Can you confirm the EUR/GBP fill at 0.8571? 👍");
    Map<String, Object> ticket =
        add(
            messages,
            "whatsapp",
            "outbound",
            amelia,
            newYork,
            "chat-ny-7",
            "Confirmed ✅ 5m EUR/GBP at 0.8571, ticket attached");
    ticket.put(
        "attachments",
        List.of(
            fields(
                "mediaType", "text/csv",
                "fileName", "ticket-T1042.csv",
                "content",
                    Base64.getEncoder()
                        .encodeToString(
                            "trade_id,pair,side,notional,price\nT1042,EURGBP,buy,5000000,0.8571\n"
                                .getBytes(StandardCharsets.UTF_8)))));
    add(
        messages,
        "whatsapp",
        "inbound",
        paris,
        tomasz,
        "chat-paris-2",
        "Bonjour Tomasz, pouvez-vous décaler notre appel à 15h ? ☕");
    add(
        messages,
        "whatsapp",
        "inbound",
        sydney,
        priya,
        "chat-syd-4",
        "مرحبا، هل يمكننا تأجيل الاجتماع إلى الغد؟");
    add(messages, "sms", "outbound", priya, sydney, null, "承知しました。明日10時にお電話します。🙏");
    add(messages, "sms", "inbound", paris, tomasz, null, "Καλημέρα! Η αναφορά είναι έτοιμη 📊");
    add(
            messages,
            "whatsapp",
            "internal",
            amelia,
            tomasz,
            "chat-desk-1",
            "Lunch after the close? 🍣")
        .put("subOrg", SUB_ORG);
    add(messages, "sms", "inbound", newYork, amelia, null, "Привет! Котировки обновлены 📈");
    add(
            messages,
            "sms",
            "outbound",
            tomasz,
            paris,
            null,
            "=HYPERLINK(\"http://example.com\") stays text in the CSV")
        .put("subOrg", SUB_ORG);
    return messages;
  }

  private Map<String, Object> add(
      List<Map<String, Object>> messages,
      String channel,
      String direction,
      String from,
      String to,
      @Nullable String threadId,
      String body) {
    int n = messages.size() + 1;
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("sourceId", String.format("demo-%s-msg-%02d", stamp, n));
    message.put("channel", channel);
    message.put("direction", direction);
    message.put("from", from);
    message.put("to", List.of(to));
    message.put("sentAt", at.minus(Duration.ofMinutes(80 - 8L * n)).toString());
    if (threadId != null) {
      message.put("threadId", threadId);
    }
    message.put("body", body);
    messages.add(message);
    return message;
  }

  /** An ordered map, so that the JSON sent keeps the order written here. */
  private static Map<String, Object> fields(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> trader(String[] trader) {
    Map<String, Object> party = new LinkedHashMap<>();
    party.put("number", trader[2]);
    party.put("userId", trader[1]);
    party.put("displayName", trader[0]);
    party.put("jurisdiction", "GB");
    return party;
  }

  private static Map<String, Object> party(String role, Map<String, Object> who) {
    Map<String, Object> party = new LinkedHashMap<>();
    party.put("role", role);
    party.putAll(who);
    return party;
  }
}
