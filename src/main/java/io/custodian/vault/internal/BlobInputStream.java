package io.custodian.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A sealed blob's ciphertext, read straight from its file. It supports {@link #mark} and {@link
 * #reset} by file position, so Tink's decrypter, which must be able to rewind a stream it tries a
 * key on, reads it directly instead of wrapping it in a {@link java.io.BufferedInputStream} that
 * grows to hold the whole first segment (up to 1 MiB) in small reads and copies.
 */
public final class BlobInputStream extends InputStream {

  private final FileChannel file;
  private long mark;

  /** Opens the blob at {@code path} for reading. */
  public BlobInputStream(Path path) throws IOException {
    this.file = FileChannel.open(path);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    return file.read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    long position = file.position();
    long skipped = Math.max(0, Math.min(n, file.size() - position));
    file.position(position + skipped);
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(0, file.size() - file.position()));
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  /** Remembers the position; the read limit does not apply, a file can always go back. */
  @Override
  public void mark(int readLimit) {
    try {
      mark = file.position();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void reset() throws IOException {
    file.position(mark);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
