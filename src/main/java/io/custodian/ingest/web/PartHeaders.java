package io.custodian.ingest.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * What follows a delimiter, up to a part's body: the rest of the delimiter line, then the part's
 * header lines up to the empty one (RFC 2046 §5.1.1, RFC 7578 §4), all within a byte budget. Lines
 * end with CRLF; a bare CR or LF, a folded line or a control character is malformed.
 */
final class PartHeaders {

  private final DelimitedBuffer in;
  private final int maxBytes;
  private int used;

  PartHeaders(DelimitedBuffer in, int maxBytes) {
    this.in = in;
    this.maxBytes = maxBytes;
  }

  /**
   * Reads the rest of the delimiter line: false after a close delimiter ({@code --}, whose epilogue
   * is left unread), true when a part follows (optional SP/HTAB padding, then CRLF).
   */
  boolean partFollows() throws IOException {
    int b = next();
    if (b == '-') {
      if (next() != '-') {
        throw malformed("A delimiter is followed by a single '-'");
      }
      return false;
    }
    while (b == ' ' || b == '\t') {
      b = next();
    }
    if (b != '\r' || next() != '\n') {
      throw malformed("A delimiter is not followed by CRLF: a boundary occurs in a part's content");
    }
    return true;
  }

  /** Reads the header lines and returns the form field name from Content-Disposition. */
  String fieldName() throws IOException {
    String name = null;
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      String header = colon < 0 ? "" : line.substring(0, colon);
      if (!HeaderParameters.isToken(header)) {
        throw malformed("A part header line is not 'name: value'");
      }
      if (header.equalsIgnoreCase("Content-Disposition")) {
        if (name != null) {
          throw malformed("A part has two Content-Disposition headers");
        }
        HeaderParameters disposition =
            HeaderParameters.parse("Content-Disposition", line.substring(colon + 1));
        name = disposition.parameter("name");
        if (!disposition.value().equals("form-data") || name == null) {
          throw malformed("A part's Content-Disposition is not form-data with a name");
        }
      }
    }
    if (name == null) {
      throw malformed("A part has no Content-Disposition");
    }
    return name;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    for (int b = next(); b != '\r'; b = next()) {
      if (b == '\n') {
        throw malformed("A part header line ends with LF alone; lines end with CRLF");
      }
      boolean control = b < 0x20 && b != '\t' || b == 0x7F;
      boolean folded = line.size() == 0 && (b == ' ' || b == '\t');
      if (control || folded) {
        throw malformed("A part header line is folded or has a control character");
      }
      line.write(b);
    }
    if (next() != '\n') {
      throw malformed("A part header line has a CR without LF");
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  private int next() throws IOException {
    if (++used > maxBytes) {
      throw new MultipartTooLargeException(
          "A part's headers are larger than " + maxBytes + " bytes");
    }
    int b = in.read();
    if (b < 0) {
      throw malformed("The multipart body ends inside a part's headers");
    }
    return b;
  }

  private static MalformedMultipartException malformed(String detail) {
    return new MalformedMultipartException(detail);
  }
}
