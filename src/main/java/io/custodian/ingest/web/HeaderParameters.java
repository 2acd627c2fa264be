package io.custodian.ingest.web;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A header value of the shape {@code value *( OWS ";" OWS [ name "=" ( token / quoted-string ) ] )}
 * (RFC 9110 §5.6), as {@code Content-Type} and {@code Content-Disposition} use it. The value is a
 * token or {@code type/subtype}, lower-cased; parameter names are case-insensitive and may occur
 * once; quoted strings are unescaped.
 */
record HeaderParameters(String value, Map<String, String> parameters) {

  /** Parses {@code header}; {@code what} names it in the exception. */
  static HeaderParameters parse(String what, String header) throws MalformedMultipartException {
    Cursor c = new Cursor(what, header);
    c.skipSpace();
    String value = c.token();
    if (c.peek() == '/') {
      c.i++;
      value = value + "/" + c.token();
    }
    Map<String, String> parameters = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    while (true) {
      c.skipSpace();
      if (c.atEnd()) {
        return new HeaderParameters(value.toLowerCase(Locale.ROOT), parameters);
      }
      c.expect(';');
      c.skipSpace();
      if (c.atEnd() || c.peek() == ';') {
        continue;
      }
      String name = c.token();
      c.expect('=');
      String parameter = c.peek() == '"' ? c.quoted() : c.token();
      if (parameters.put(name, parameter) != null) {
        throw c.malformed("repeats the parameter " + name);
      }
    }
  }

  /** A parameter's value, or null. */
  @Nullable String parameter(String name) {
    return parameters.get(name);
  }

  /** Whether {@code s} is a non-empty RFC 9110 token. */
  static boolean isToken(String s) {
    return !s.isEmpty() && s.chars().allMatch(ch -> isTokenChar((char) ch));
  }

  private static boolean isTokenChar(char ch) {
    return ch >= 'a' && ch <= 'z'
        || ch >= 'A' && ch <= 'Z'
        || ch >= '0' && ch <= '9'
        || "!#$%&'*+-.^_`|~".indexOf(ch) >= 0;
  }

  private static final class Cursor {

    private final String what;
    private final String s;
    private int i;

    Cursor(String what, String s) {
      this.what = what;
      this.s = s;
    }

    boolean atEnd() {
      return i == s.length();
    }

    char peek() {
      return atEnd() ? 0 : s.charAt(i);
    }

    void skipSpace() {
      while (peek() == ' ' || peek() == '\t') {
        i++;
      }
    }

    void expect(char ch) throws MalformedMultipartException {
      if (peek() != ch) {
        throw malformed("needs '" + ch + "' at " + i);
      }
      i++;
    }

    String token() throws MalformedMultipartException {
      int start = i;
      while (!atEnd() && isTokenChar(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw malformed("needs a token at " + start);
      }
      return s.substring(start, i);
    }

    /** A quoted-string: HTAB, SP, visible and non-ASCII characters, and backslash escapes. */
    String quoted() throws MalformedMultipartException {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        if (atEnd()) {
          throw malformed("has an unterminated quoted string");
        }
        char ch = s.charAt(i++);
        if (ch == '"') {
          return out.toString();
        }
        if (ch == '\\') {
          if (atEnd()) {
            throw malformed("has an unterminated quoted string");
          }
          ch = s.charAt(i++);
        }
        if (ch != '\t' && (ch < 0x20 || ch == 0x7F)) {
          throw malformed("has a control character in a quoted string");
        }
        out.append(ch);
      }
    }

    MalformedMultipartException malformed(String problem) {
      return new MalformedMultipartException(what + " " + problem);
    }
  }
}
