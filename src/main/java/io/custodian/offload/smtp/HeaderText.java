package io.custodian.offload.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Header values that no input can break. A value is written as it is only when it is <i>plain</i>:
 * printable characters (ASCII, or also non-ASCII in {@link HeaderMode#SMTPUTF8}) in words separated
 * by single spaces, no word longer than {@value #LONGEST_WORD} characters, no {@code =?}; it is
 * then folded at its spaces, which unfolding restores exactly. Any other value, whatever it holds
 * (CR, LF, NUL, other controls, leading or repeated spaces, a long run), is written whole as RFC
 * 2047 encoded words, {@code =?UTF-8?B?…?=}, each at most 75 characters and holding whole
 * characters, so decoding gives back every character. {@code MimeUtility.encodeText} is not used
 * for this because it counts CR and LF as ASCII and leaves a value of ASCII and line breaks as it
 * is.
 */
final class HeaderText {

  /** Longest line this writes where it can choose, as RFC 5322 recommends (78 with CRLF). */
  static final int LINE = 76;

  /** Longest word of a plain value: longer runs are encoded so that every line can be folded. */
  static final int LONGEST_WORD = 70;

  /**
   * Where a display name's first word may begin on its line: after {@code From: } or the tab that
   * folds an address list. Its first encoded word is sized for that, later ones for a new line.
   */
  private static final int PHRASE_START = "From: ".length() + 2;

  private static final String PREFIX = "=?UTF-8?B?";
  private static final String SUFFIX = "?=";

  /** The bytes one encoded word holds when it begins a continuation line: 60 base64 characters. */
  private static final int CONTINUATION_BYTES =
      (LINE - 1 - PREFIX.length() - SUFFIX.length()) / 4 * 3;

  private HeaderText() {}

  /**
   * An unstructured header value ({@code Subject}, {@code X-…}), folded for a header of the given
   * name.
   */
  static String unstructured(String name, String value, HeaderMode mode) {
    int used = name.length() + 2;
    return isPlain(value, mode) ? fold(used, value) : encodedWords(used, value);
  }

  /**
   * A display name for an address: plain text (which {@code InternetAddress} quotes where RFC 5322
   * needs it), or encoded words.
   */
  static String phrase(String value, HeaderMode mode) {
    return isPlain(value, mode) ? value : encodedWords(PHRASE_START, value);
  }

  /** Whether a value can stand in a header as it is. */
  static boolean isPlain(String value, HeaderMode mode) {
    if (value.contains("=?") || value.startsWith(" ") || value.endsWith(" ")) {
      return false;
    }
    int word = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == ' ') {
        if (word == 0) {
          return false;
        }
        word = 0;
        continue;
      }
      if (++word > LONGEST_WORD || !isPlainCharacter(value, i, mode)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isPlainCharacter(String value, int i, HeaderMode mode) {
    char c = value.charAt(i);
    if (c > ' ' && c < 0x7f) {
      return true;
    }
    if (mode != HeaderMode.SMTPUTF8 || c < 0xa0 || c == '\u2028' || c == '\u2029') {
      return false;
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
    }
    return true;
  }

  /** Folds a plain value at its spaces: a CRLF goes before a space, so unfolding restores it. */
  private static String fold(int used, String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    int column = used;
    int start = 0;
    while (start < value.length()) {
      int space = value.indexOf(' ', start + 1);
      int end = space < 0 ? value.length() : space;
      if (start > 0 && column + (end - start) > LINE) {
        out.append("\r\n");
        column = 0;
      }
      out.append(value, start, end);
      column += end - start;
      start = end;
    }
    return out.toString();
  }

  /**
   * The value as encoded words, separated by a fold (CRLF and a space, which decoders drop between
   * encoded words). Each word holds whole code points, so none decodes to half a character.
   */
  static String encodedWords(int used, String value) {
    StringBuilder out = new StringBuilder(value.length() * 2 + 16);
    int room = (LINE - used - PREFIX.length() - SUFFIX.length()) / 4 * 3;
    int budget = room < 4 ? CONTINUATION_BYTES : room;
    StringBuilder word = new StringBuilder();
    int bytes = 0;
    int i = 0;
    while (i < value.length()) {
      int codePoint = value.codePointAt(i);
      int next = i + Character.charCount(codePoint);
      int size = utf8Length(value, i, next);
      if (bytes + size > budget) {
        appendWord(out, word);
        word.setLength(0);
        bytes = 0;
        budget = CONTINUATION_BYTES;
      }
      word.append(value, i, next);
      bytes += size;
      i = next;
    }
    if (word.length() > 0) {
      appendWord(out, word);
    }
    return out.toString();
  }

  private static int utf8Length(String value, int from, int to) {
    return value.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
  }

  private static void appendWord(StringBuilder out, CharSequence text) {
    if (out.length() > 0) {
      out.append("\r\n ");
    }
    out.append(PREFIX)
        .append(
            Base64.getEncoder().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8)))
        .append(SUFFIX);
  }
}
