package io.custodian.offload.format;

import java.util.regex.Pattern;

/**
 * How one CSV column guards against spreadsheet formula injection: a spreadsheet opening the CSV
 * must show every cell as the value Custodian holds, never run it. Free-form values get a leading
 * {@code '} when a spreadsheet could read them as a formula; values Custodian writes itself are
 * checked against their format instead.
 */
public enum CellPolicy {
  /** Free text from a sender (names, bodies, lists): guarded. */
  TEXT,
  /** An id to be matched exactly; sender-chosen ids can begin with anything, so guarded. */
  IDENTIFIER,
  /** A number or address: one E.164 number is written as is, anything else as {@link #TEXT}. */
  PHONE,
  /** A decimal number written by Custodian from a typed value; checked, never guarded. */
  NUMBER,
  /** An RFC 3339 UTC instant written by Custodian from a typed value; checked, never guarded. */
  TIMESTAMP;

  /** The prefix that makes a spreadsheet show a cell as text. */
  static final char GUARD = '\'';

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
  private static final Pattern RFC3339_UTC =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?Z");

  /**
   * The cell to write for {@code value}; an empty value stays empty.
   *
   * @throws IllegalArgumentException if a {@link #NUMBER} or {@link #TIMESTAMP} value is not in its
   *     format, which is a bug in the code that produced it
   */
  String apply(String value) {
    if (value.isEmpty()) {
      return value;
    }
    return switch (this) {
      case TEXT, IDENTIFIER -> guarded(value);
      case PHONE -> E164.matcher(value).matches() ? value : guarded(value);
      case NUMBER -> checked(value, DECIMAL);
      case TIMESTAMP -> checked(value, RFC3339_UTC);
    };
  }

  /**
   * Whether a spreadsheet could take {@code value} as a formula: it begins with one of OWASP's
   * CSV-injection characters {@code = + - @}, TAB or CR; or with the guard itself, so that removing
   * one leading {@code '} always restores the value.
   */
  static boolean needsGuard(String value) {
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.charAt(0)) {
      case '=', '+', '-', '@', '\t', '\r', GUARD -> true;
      default -> false;
    };
  }

  private static String guarded(String value) {
    return needsGuard(value) ? GUARD + value : value;
  }

  private String checked(String value, Pattern format) {
    if (!format.matcher(value).matches()) {
      throw new IllegalArgumentException("not a " + this + " cell: " + value);
    }
    return value;
  }
}
