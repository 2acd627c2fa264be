package io.custodian.ingest.web;

import io.custodian.ingest.UploadPart;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A strict, streaming {@code multipart/form-data} reader (RFC 7578 on RFC 2046): parts are read in
 * order, each body streamed straight from the request, nothing buffered beyond one 64 KiB window.
 *
 * <p>Strict means: the boundary is 1 to 70 RFC 2046 characters; lines end with CRLF (a bare LF is
 * malformed, not tolerated); each part has exactly one {@code Content-Disposition: form-data} with
 * a {@code name}; a delimiter is {@code CRLF--boundary} wherever it occurs, and must be followed by
 * {@code --} or by optional padding and CRLF; the body must end with the close delimiter; its
 * epilogue is not read. Going over {@link #MAX_HEADER_BYTES} of one part's headers, {@link
 * #MAX_PARTS} parts or the caller's byte limit is a {@link MultipartTooLargeException}; anything
 * malformed is a {@link MalformedMultipartException}.
 */
final class FormDataReader {

  static final int MAX_PARTS = 4;
  static final int MAX_HEADER_BYTES = 8 * 1024;
  private static final String MEDIA_TYPE = "multipart/form-data";

  private final DelimitedBuffer in;
  private @Nullable PartBody current;
  private boolean started;
  private boolean finished;
  private int parts;

  private FormDataReader(DelimitedBuffer in) {
    this.in = in;
  }

  /** Whether a {@code Content-Type} names {@code multipart/form-data}, parameters aside. */
  static boolean isFormData(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
  }

  /** A reader of {@code body}, framed by the boundary of {@code contentType}. */
  static FormDataReader open(String contentType, InputStream body, long maxBytes)
      throws MalformedMultipartException {
    return open(contentType, body, maxBytes, DelimitedBuffer.SIZE);
  }

  /** With a window of another size, for tests of the window's edges. */
  static FormDataReader open(String contentType, InputStream body, long maxBytes, int window)
      throws MalformedMultipartException {
    HeaderParameters type = HeaderParameters.parse("Content-Type", contentType);
    if (!type.value().equals(MEDIA_TYPE)) {
      throw new MalformedMultipartException("Content-Type is not " + MEDIA_TYPE);
    }
    byte[] boundary = boundary(type.parameter("boundary"));
    return new FormDataReader(new DelimitedBuffer(body, boundary, maxBytes, window));
  }

  /**
   * The next part, or null after the close delimiter. What is left unread of the previous part is
   * skipped; its stream then reads as ended.
   */
  @Nullable UploadPart next() throws IOException {
    if (finished) {
      return null;
    }
    if (current != null) {
      current.finish();
    } else if (!started) {
      in.startBody();
      in.skipBody();
    }
    started = true;
    current = null;
    PartHeaders headers = new PartHeaders(in, MAX_HEADER_BYTES);
    if (!headers.partFollows()) {
      finished = true;
      return null;
    }
    if (++parts > MAX_PARTS) {
      throw new MultipartTooLargeException("The body has more than " + MAX_PARTS + " parts");
    }
    String name = headers.fieldName();
    in.startBody();
    current = new PartBody();
    return new UploadPart(name, current);
  }

  /** RFC 2046 §5.1.1: 1 to 70 of DIGIT ALPHA '()+_,-./:=? and space, not ending with a space. */
  private static byte[] boundary(@Nullable String value) throws MalformedMultipartException {
    if (value == null || value.isEmpty() || value.length() > 70 || value.endsWith(" ")) {
      throw new MalformedMultipartException("Content-Type needs a boundary of 1 to 70 characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      boolean ok =
          ch >= 'a' && ch <= 'z'
              || ch >= 'A' && ch <= 'Z'
              || ch >= '0' && ch <= '9'
              || "'()+_,-./:=? ".indexOf(ch) >= 0;
      if (!ok) {
        throw new MalformedMultipartException("The boundary has a character RFC 2046 forbids");
      }
    }
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  /** A part's body: reads up to its delimiter, then as ended. */
  private final class PartBody extends InputStream {

    private final byte[] one = new byte[1];
    private boolean done;

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (done) {
        return -1;
      }
      int n = in.readBody(b, off, len);
      done = n < 0;
      return n;
    }

    void finish() throws IOException {
      if (!done) {
        in.skipBody();
        done = true;
      }
    }
  }
}
