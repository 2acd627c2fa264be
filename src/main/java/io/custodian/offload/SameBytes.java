package io.custodian.offload;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Proves, byte for byte, that what a conversion wrote is what it read: the reading side keeps the
 * last {@value #WINDOW} bytes read, and the writing side compares every byte written with the byte
 * read at the same offset. When the whole input was read and every byte matched, the SHA-256 that
 * the vault verified while the input was read is also the SHA-256 of what was written, and need not
 * be taken again. Anything else (a byte that differs, output that runs ahead of the input or lags
 * it by more than the window, a different length) only means "not proven".
 */
final class SameBytes {

  /** How far the output may lag the input: the converter copies 64 KiB at a time. */
  static final int WINDOW = 256 * 1024;

  private final byte[] window = new byte[WINDOW];
  private long read;
  private long written;
  private boolean ended;
  private boolean differ;

  /** The input, remembered as it is read. */
  InputStream reading(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
          ended = true;
        } else {
          remember(b, off, n);
        }
        return n;
      }

      @Override
      public long skip(long n) {
        differ = true; // a skipped byte is not remembered; the converter never skips
        return 0;
      }
    };
  }

  /** The output, compared with the input as it is written. */
  OutputStream writing(OutputStream out) {
    return new FilterOutputStream(out) {
      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        compare(b, off, len);
        out.write(b, off, len);
      }
    };
  }

  /** Whether the input was read to its end and the output is exactly the same bytes. */
  boolean proven() {
    return ended && !differ && written == read;
  }

  private void remember(byte[] b, int off, int n) {
    int from = off;
    int length = n;
    if (length > WINDOW) {
      from += length - WINDOW;
      read += length - WINDOW;
      length = WINDOW;
    }
    while (length > 0) {
      int at = (int) (read % WINDOW);
      int chunk = Math.min(length, WINDOW - at);
      System.arraycopy(b, from, window, at, chunk);
      from += chunk;
      length -= chunk;
      read += chunk;
    }
  }

  private void compare(byte[] b, int off, int len) {
    if (differ) {
      written += len;
      return;
    }
    if (written + len > read || written < read - WINDOW) {
      differ = true;
      written += len;
      return;
    }
    int from = off;
    int length = len;
    while (length > 0) {
      int at = (int) (written % WINDOW);
      int chunk = Math.min(length, WINDOW - at);
      if (Arrays.mismatch(window, at, at + chunk, b, from, from + chunk) >= 0) {
        differ = true;
      }
      from += chunk;
      length -= chunk;
      written += chunk;
    }
  }
}
