package io.custodian.records.web;

import io.custodian.records.DeliveredTo;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The query parameters of a list request, read strictly: an unknown, repeated or malformed
 * parameter is refused (400 {@code INVALID_REQUEST}), so a misspelt filter never silently lists
 * everything.
 *
 * @param values the parameters as given, in the order of {@link Kind#names}
 */
record ListParameters(Kind kind, Map<String, String> values) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound", "internal");
  private static final Set<String> CHANNELS = Set.of("sms", "mms", "whatsapp");
  private static final Set<String> DELIVERY_STATES = Set.of("delivered", "undelivered");
  private static final Set<String> BOOLEANS = Set.of("true", "false");

  /** What is listed, with the name of its own-time filters. */
  enum Kind {
    RECORDINGS("recordings", "started"),
    MESSAGES("messages", "sent");

    private final String path;
    private final String time;

    Kind(String path, String time) {
      this.path = path;
      this.time = time;
    }

    String path() {
      return path;
    }

    /** Every parameter this kind accepts, in the order links repeat them. */
    List<String> names() {
      return this == RECORDINGS
          ? List.of(
              "subOrg",
              "direction",
              "participant",
              time + "From",
              time + "Before",
              "receivedFrom",
              "receivedBefore",
              "sftp",
              "acknowledged",
              "limit",
              "cursor")
          : List.of(
              "subOrg",
              "channel",
              "direction",
              "participant",
              time + "From",
              time + "Before",
              "receivedFrom",
              "receivedBefore",
              "sftp",
              "mail",
              "acknowledged",
              "limit",
              "cursor");
    }
  }

  /** Reads and checks the parameters of a request. */
  static ListParameters of(Kind kind, Map<String, String[]> given) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String name : given.keySet()) {
      if (!kind.names().contains(name)) {
        throw invalid(
            "unknown parameter '"
                + Problems.printable(name, 64)
                + "'; known: "
                + String.join(", ", kind.names()));
      }
      if (given.get(name).length != 1) {
        throw invalid(name + ": given more than once");
      }
    }
    for (String name : kind.names()) {
      if (given.containsKey(name)) {
        values.put(name, given.get(name)[0]);
      }
    }
    ListParameters parameters = new ListParameters(kind, values);
    parameters.check();
    return parameters;
  }

  private void check() {
    String sub = values.get("subOrg");
    if (sub != null && !SLUG.matcher(sub).matches()) {
      throw invalid("subOrg: not a sub-organisation id");
    }
    oneOf("direction", DIRECTIONS);
    oneOf("channel", CHANNELS);
    String participant = values.get("participant");
    if (participant != null) {
      if (participant.isEmpty()
          || participant.length() > 256
          || participant.chars().anyMatch(Character::isISOControl)) {
        throw invalid("participant: 1 to 256 characters, no control characters");
      }
      if (participant.matches(" [0-9]+")) {
        throw invalid("participant: a '+' in a query string must be sent as %2B");
      }
    }
    oneOf("sftp", DELIVERY_STATES);
    oneOf("mail", DELIVERY_STATES);
    oneOf("acknowledged", BOOLEANS);
    range(kind.time + "From", kind.time + "Before");
    range("receivedFrom", "receivedBefore");
    limit();
    afterSeq();
  }

  @Nullable String subOrg() {
    return values.get("subOrg");
  }

  @Nullable String channel() {
    return values.get("channel");
  }

  @Nullable String direction() {
    return values.get("direction");
  }

  @Nullable String participant() {
    return values.get("participant");
  }

  @Nullable Instant timeFrom() {
    return instant(kind.time + "From");
  }

  @Nullable Instant timeBefore() {
    return instant(kind.time + "Before");
  }

  @Nullable Instant receivedFrom() {
    return instant("receivedFrom");
  }

  @Nullable Instant receivedBefore() {
    return instant("receivedBefore");
  }

  /** The delivery filters: delivered (true) or not (false), by destination. */
  Map<DeliveredTo, Boolean> delivered() {
    Map<DeliveredTo, Boolean> delivered = new EnumMap<>(DeliveredTo.class);
    if (values.containsKey("sftp")) {
      delivered.put(DeliveredTo.SFTP, values.get("sftp").equals("delivered"));
    }
    if (values.containsKey("mail")) {
      delivered.put(DeliveredTo.MAIL, values.get("mail").equals("delivered"));
    }
    if (values.containsKey("acknowledged")) {
      delivered.put(DeliveredTo.API, values.get("acknowledged").equals("true"));
    }
    return delivered;
  }

  int limit() {
    String limit = values.get("limit");
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    if (!limit.matches("[0-9]{1,4}")
        || Integer.parseInt(limit) < 1
        || Integer.parseInt(limit) > MAX_LIMIT) {
      throw invalid("limit: a whole number from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(limit);
  }

  /** The intake sequence number the list continues after: the cursor's, or 0. */
  long afterSeq() {
    String cursor = values.get("cursor");
    return cursor == null ? 0 : Cursor.parse(cursor);
  }

  /** The query string of these parameters with another cursor (none when null), for links. */
  String query(@Nullable String cursor) {
    Map<String, String> shown = new LinkedHashMap<>(values);
    shown.remove("cursor");
    if (cursor != null) {
      shown.put("cursor", cursor);
    }
    return shown.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private void oneOf(String name, Set<String> allowed) {
    String value = values.get(name);
    if (value != null && !allowed.contains(value)) {
      throw invalid(name + ": one of " + String.join(", ", allowed.stream().sorted().toList()));
    }
  }

  private void range(String from, String before) {
    Instant start = instant(from);
    Instant end = instant(before);
    if (start != null && end != null && !start.isBefore(end)) {
      throw invalid(from + " must be before " + before);
    }
  }

  private @Nullable Instant instant(String name) {
    String value = values.get(name);
    if (value == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(
          name
              + ": an RFC 3339 timestamp with an offset, such as 2026-11-21T09:00:00Z"
              + " (a '+' offset must be sent as %2B)");
    }
  }

  private static CustodianException invalid(String detail) {
    return new CustodianException(ErrorCode.INVALID_REQUEST, detail);
  }
}
