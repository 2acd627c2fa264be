package io.custodian.ingest;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The field rules of intake. Identifiers (ids, numbers, addresses) are 1 to 256 characters with no
 * control or line-separator characters; free text (names, bodies) may hold any well-formed Unicode,
 * NUL and line breaks included, up to a length.
 */
final class Fields {

  static final int IDENTIFIER_MAX = 256;
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern JURISDICTION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}");

  private Fields() {}

  static String required(String field, @Nullable String value) {
    if (value == null) {
      throw new InvalidMetadataException(field, "is required");
    }
    return identifier(field, value);
  }

  static @Nullable String optional(String field, @Nullable String value) {
    return value == null ? null : identifier(field, value);
  }

  static String identifier(String field, String value) {
    if (value.isEmpty() || value.length() > IDENTIFIER_MAX) {
      throw new InvalidMetadataException(field, "must be 1 to " + IDENTIFIER_MAX + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        throw new InvalidMetadataException(field, "must not contain control characters");
      }
    }
    requireWellFormed(field, value);
    return value;
  }

  static @Nullable String text(String field, @Nullable String value, int max) {
    if (value == null) {
      return null;
    }
    if (value.length() > max) {
      throw new InvalidMetadataException(field, "must be at most " + max + " characters");
    }
    requireWellFormed(field, value);
    return value;
  }

  static @Nullable String e164(String field, @Nullable String value) {
    if (value != null && !E164.matcher(value).matches()) {
      throw new InvalidMetadataException(field, "must be an E.164 number such as +442071234567");
    }
    return value;
  }

  static @Nullable String jurisdiction(String field, @Nullable String value) {
    if (value != null && !JURISDICTION.matcher(value).matches()) {
      throw new InvalidMetadataException(field, "must be ISO 3166 such as GB or US-CA");
    }
    return value;
  }

  static String mediaType(String field, @Nullable String value) {
    if (value == null || !MEDIA_TYPE.matcher(value).matches()) {
      throw new InvalidMetadataException(field, "must be a media type such as image/jpeg");
    }
    return value;
  }

  static String oneOf(String field, @Nullable String value, String... allowed) {
    for (String a : allowed) {
      if (a.equals(value)) {
        return a;
      }
    }
    throw new InvalidMetadataException(field, "must be one of " + String.join(", ", allowed));
  }

  /** Rejects lone surrogates, which cannot be stored as UTF-8 byte for byte. */
  private static void requireWellFormed(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new InvalidMetadataException(field, "must be well-formed Unicode");
      }
    }
  }
}
