package io.custodian.offload.smtp;

import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import java.nio.charset.StandardCharsets;

/**
 * A MIME parameter such as {@code filename}: printable ASCII as a quoted string (which Jakarta Mail
 * splits into RFC 2231 segments when long), anything else as RFC 2231 percent-encoded UTF-8 in
 * segments of at most {@value #SEGMENT} characters ({@code filename*0*=UTF-8''…; filename*1*=…};
 * one segment alone is {@code filename*=UTF-8''…}), each holding whole characters, so that no
 * header line grows past what a mail system accepts. Jakarta Mail would write a long encoded value
 * on one line.
 */
final class Rfc2231 {

  static final int SEGMENT = 60;
  private static final String UNESCAPED = "!#$&+-.^_`|~";
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private Rfc2231() {}

  static ParameterList parameter(String name, String value) {
    ParameterList parameters = new ParameterList();
    if (isPrintableAscii(value)) {
      parameters.set(name, value);
      return parameters;
    }
    StringBuilder list = new StringBuilder();
    StringBuilder segment = new StringBuilder("UTF-8''");
    int count = 0;
    for (int i = 0; i < value.length(); ) {
      int codePoint = value.codePointAt(i);
      int next = i + Character.charCount(codePoint);
      String encoded = percentEncoded(value.substring(i, next));
      if (segment.length() + encoded.length() > SEGMENT && segment.length() > 7) {
        list.append("; ").append(name).append('*').append(count++).append("*=").append(segment);
        segment.setLength(0);
      }
      segment.append(encoded);
      i = next;
    }
    if (count == 0) {
      list.append("; ").append(name).append("*=").append(segment);
    } else {
      list.append("; ").append(name).append('*').append(count).append("*=").append(segment);
    }
    try {
      return new ParameterList(list.toString());
    } catch (ParseException e) {
      throw new IllegalStateException("percent-encoded parameters always parse", e);
    }
  }

  private static boolean isPrintableAscii(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < ' ' || c > '~') {
        return false;
      }
    }
    return true;
  }

  private static String percentEncoded(String character) {
    StringBuilder out = new StringBuilder();
    for (byte b : character.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || (c < 0x80 && UNESCAPED.indexOf(c) >= 0)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
