package io.custodian.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads an input stream while writing every byte to an output stream as soon as it is read,
 * counting the position and refusing to go past a byte limit; this keeps validation single-pass and
 * memory-bounded.
 */
final class CopyingReader {

  /** Size of the one transfer buffer; no read or write is ever larger. */
  static final int BUFFER_SIZE = 64 * 1024;

  private final InputStream in;
  private final OutputStream out;
  private final long maxBytes;
  private final byte[] buffer = new byte[BUFFER_SIZE];
  private long position;

  CopyingReader(InputStream in, OutputStream out, long maxBytes) {
    this.in = in;
    this.out = out;
    this.maxBytes = maxBytes;
  }

  /** Number of bytes read (and copied) so far. */
  long position() {
    return position;
  }

  /**
   * Reads up to {@code length} bytes into the start of {@code target}, stopping early only at end
   * of stream.
   *
   * @return the number of bytes read, less than {@code length} only when the stream ended
   */
  int readUpTo(byte[] target, int length) throws IOException, InvalidWavException {
    int total = 0;
    while (total < length) {
      int n = read(target, total, length - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    return total;
  }

  /**
   * Reads exactly {@code length} bytes into {@code target}, or fails with {@link
   * WavProblem#TRUNCATED}.
   */
  void readExactly(byte[] target, int length, String what) throws IOException, InvalidWavException {
    int n = readUpTo(target, length);
    if (n < length) {
      throw truncated(what, length - n);
    }
  }

  /**
   * Copies exactly {@code count} bytes through the fixed buffer, or fails with {@link
   * WavProblem#TRUNCATED}.
   */
  void transfer(long count, String what) throws IOException, InvalidWavException {
    long remaining = count;
    while (remaining > 0) {
      int n = read(buffer, 0, (int) Math.min(remaining, BUFFER_SIZE));
      if (n < 0) {
        throw truncated(what, remaining);
      }
      remaining -= n;
    }
  }

  /** Whether the stream has ended; a byte read to find out is copied and counted like any other. */
  boolean atEnd() throws IOException, InvalidWavException {
    return read(buffer, 0, 1) < 0;
  }

  private InvalidWavException truncated(String what, long missing) {
    return new InvalidWavException(
        WavProblem.TRUNCATED,
        "stream ended at byte " + position + " in " + what + ", " + missing + " byte(s) short");
  }

  /** One read of at most {@code length > 0} bytes, copied to the output; -1 at end of stream. */
  private int read(byte[] target, int offset, int length) throws IOException, InvalidWavException {
    int n = in.read(target, offset, length);
    if (n == 0) {
      // A misbehaving stream that returns 0 would spin; fall back to the blocking single-byte read.
      int b = in.read();
      if (b < 0) {
        return -1;
      }
      target[offset] = (byte) b;
      n = 1;
    }
    if (n < 0) {
      return -1;
    }
    if (position + n > maxBytes) {
      throw new InvalidWavException(WavProblem.TOO_LARGE, "stream exceeds " + maxBytes + " bytes");
    }
    out.write(target, offset, n);
    position += n;
    return n;
  }
}
