package io.custodian.records.web;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Passes on only the bytes at positions {@code start} to {@code end} of what is written through it,
 * and holds the last byte it passed back until {@link #finish}: the caller finishes only once the
 * stored content was read to its end and verified, so no answer is ever complete before that.
 */
final class RangeWindow extends OutputStream {

  private final OutputStream out;
  private final long start;
  private final long end;
  private long position;
  private boolean holding;
  private byte held;

  /** A window on positions {@code start} to {@code end}, inclusive. */
  RangeWindow(OutputStream out, long start, long end) {
    this.out = out;
    this.start = start;
    this.end = end;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    long from = Math.max(position, start);
    long to = Math.min(position + len, end == Long.MAX_VALUE ? Long.MAX_VALUE : end + 1);
    if (from < to) {
      int first = off + (int) (from - position);
      int count = (int) (to - from);
      if (holding) {
        out.write(held);
      }
      out.write(b, first, count - 1);
      held = b[first + count - 1];
      holding = true;
    }
    position += len;
  }

  /**
   * Sends the held byte, after checking that exactly {@code total} bytes went through (any number
   * when {@code total} is negative) and the window was filled.
   */
  void finish(long total) throws IOException {
    if (total >= 0 && position != total) {
      throw new VerifiedContent.RenditionException(
          "made " + position + " bytes, announced " + total, null);
    }
    if (end != Long.MAX_VALUE && position <= end) {
      throw new VerifiedContent.RenditionException(
          "made " + position + " bytes, the range ends at " + end, null);
    }
    if (holding) {
      out.write(held);
      holding = false;
    }
  }
}
