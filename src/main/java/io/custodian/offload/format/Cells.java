package io.custodian.offload.format;

import io.custodian.records.Participant;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The text of typed cell values: RFC 3339 instants, plain decimals, and list cells. In a list cell
 * {@code |} separates items and, in the participants cell, {@code :} separates a party's fields;
 * every {@code \}, {@code |} and {@code :} inside a value is preceded by a backslash, so any value
 * survives joining and splits back exactly.
 */
final class Cells {

  static final char ITEM = '|';
  static final char FIELD = ':';
  static final char ESCAPE = '\\';

  private Cells() {}

  /** RFC 3339 in UTC with {@code Z}; fractional seconds only when not zero, in groups of three. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  static String number(long value) {
    return Long.toString(value);
  }

  /** A plain decimal, never in exponent notation; empty when absent or not finite. */
  static @Nullable String decimal(@Nullable Double value) {
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Items joined by {@code |}, each escaped; a {@code null} item is empty. */
  static String list(List<? extends @Nullable String> items) {
    return items.stream().map(Cells::escaped).collect(Collectors.joining(String.valueOf(ITEM)));
  }

  /** Parties as {@code role:number:userId:name:jurisdiction}, joined by {@code |}. */
  static String participants(List<Participant> parties) {
    return parties.stream()
        .map(
            p ->
                String.join(
                    String.valueOf(FIELD),
                    escaped(p.role()),
                    escaped(p.number()),
                    escaped(p.userId()),
                    escaped(p.displayName()),
                    escaped(p.jurisdiction())))
        .collect(Collectors.joining(String.valueOf(ITEM)));
  }

  private static String escaped(@Nullable String value) {
    if (value == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ESCAPE || c == ITEM || c == FIELD) {
        out.append(ESCAPE);
      }
      out.append(c);
    }
    return out.toString();
  }
}
