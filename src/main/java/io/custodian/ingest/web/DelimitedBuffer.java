package io.custodian.ingest.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A multipart body seen through one 64 KiB window: part bodies are read up to the next delimiter
 * ({@code CRLF "--" boundary}), everything else byte by byte. The delimiter is searched for once
 * over each window's worth of body, mostly in strides of its own length; a delimiter cut by the
 * window's edge is kept back until the next read completes or refutes it.
 *
 * <p>A virtual {@code CRLF} precedes the body, so that a delimiter on its very first line is found
 * like any other. At most {@code maxBytes} are read from the underlying stream.
 */
final class DelimitedBuffer {

  static final int SIZE = 64 * 1024;

  private final InputStream in;
  private final long maxBytes;
  private final byte[] delimiter;

  /** Horspool's shifts: how far a byte at the delimiter's last position lets the search move. */
  private final int[] shifts = new int[256];

  private final byte[] buf;
  private long received;
  private int pos;
  private int limit;

  /** Body mode: {@code [pos, safe)} is body; a delimiter starts at {@code safe} if so flagged. */
  private int safe;

  private boolean delimiterAtSafe;

  DelimitedBuffer(InputStream in, byte[] boundary, long maxBytes) {
    this(in, boundary, maxBytes, SIZE);
  }

  /** With a window of another size, for tests of the window's edges. */
  DelimitedBuffer(InputStream in, byte[] boundary, long maxBytes, int size) {
    this.in = in;
    this.maxBytes = maxBytes;
    byte[] lead = "\r\n--".getBytes(StandardCharsets.US_ASCII);
    this.delimiter = Arrays.copyOf(lead, lead.length + boundary.length);
    System.arraycopy(boundary, 0, delimiter, lead.length, boundary.length);
    Arrays.fill(shifts, delimiter.length);
    for (int i = 0; i < delimiter.length - 1; i++) {
      shifts[delimiter[i] & 0xFF] = delimiter.length - 1 - i;
    }
    if (size < 2 * delimiter.length) {
      throw new IllegalArgumentException("window of " + size + " bytes is too small");
    }
    this.buf = new byte[size];
    buf[0] = '\r';
    buf[1] = '\n';
    limit = 2;
  }

  /** The next byte outside a part body, or -1 at the end of the input. */
  int read() throws IOException {
    if (pos == limit && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  /** Starts reading a body (or the preamble) at the current position. */
  void startBody() {
    safe = pos;
    delimiterAtSafe = false;
    scan();
  }

  /** Reads body bytes; -1 once the delimiter is reached, which is then consumed. */
  int readBody(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = available();
    if (n < 0) {
      return -1;
    }
    n = Math.min(n, len);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Skips the rest of a body and consumes its delimiter. */
  void skipBody() throws IOException {
    while (available() >= 0) {
      pos = safe;
    }
  }

  /** How many body bytes are ready at {@code pos}, or -1 at the delimiter (then consumed). */
  private int available() throws IOException {
    while (pos == safe) {
      if (delimiterAtSafe) {
        pos += delimiter.length;
        delimiterAtSafe = false;
        safe = pos;
        return -1;
      }
      if (!fill()) {
        throw new MalformedMultipartException(
            "The multipart body ends before its closing delimiter");
      }
      scan();
    }
    return safe - pos;
  }

  /**
   * Advances {@code safe} over body bytes from {@code safe}: to the first delimiter (flagged), to
   * the start of a delimiter's prefix at the end of the window, or to the window's end.
   *
   * <p>Full delimiters are found with Horspool's search: the byte under the delimiter's last
   * position decides how far it can move, usually its whole length, since body bytes rarely occur
   * in a boundary. Only where a delimiter no longer fits is each {@code CR} compared as a prefix.
   */
  private void scan() {
    byte[] b = buf;
    byte[] d = delimiter;
    int[] skip = shifts;
    int n = d.length;
    int end = limit;
    int i = safe;
    int lastStart = end - n;
    byte lastByte = d[n - 1];
    while (i <= lastStart) {
      byte c = b[i + n - 1];
      if (c == lastByte && Arrays.equals(b, i, i + n, d, 0, n)) {
        safe = i;
        delimiterAtSafe = true;
        return;
      }
      i += skip[c & 0xFF];
    }
    for (i = Math.max(lastStart + 1, safe); i < end; i++) {
      if (b[i] == '\r' && Arrays.equals(b, i, end, d, 0, end - i)) {
        safe = i;
        return;
      }
    }
    safe = end;
  }

  /**
   * Moves the unread bytes to the start of the window and reads more after them; false at the end
   * of the input.
   */
  private boolean fill() throws IOException {
    int keep = limit - pos;
    System.arraycopy(buf, pos, buf, 0, keep);
    safe = Math.max(safe - pos, 0);
    limit = keep;
    pos = 0;
    while (true) {
      int n = in.read(buf, limit, buf.length - limit);
      if (n < 0) {
        return false;
      }
      received += n;
      if (received > maxBytes) {
        throw new MultipartTooLargeException("The request is larger than " + maxBytes + " bytes");
      }
      if (n > 0) {
        limit += n;
        return true;
      }
    }
  }
}
