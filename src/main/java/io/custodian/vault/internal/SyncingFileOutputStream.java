package io.custodian.vault.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A new file's output stream that fsyncs the file when closed, before reporting success. */
public final class SyncingFileOutputStream extends OutputStream {

  private final FileChannel channel;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
  private boolean closed;

  /** Creates the file; it must not exist. */
  public SyncingFileOutputStream(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public void write(int b) throws IOException {
    if (!buffer.hasRemaining()) {
      drain();
    }
    buffer.put((byte) b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (!buffer.hasRemaining()) {
        drain();
      }
      int n = Math.min(len, buffer.remaining());
      buffer.put(b, off, n);
      off += n;
      len -= n;
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (channel) {
      drain();
      channel.force(true);
    }
  }

  /** Closes without the fsync, for a write that is being abandoned. */
  public void abandon() throws IOException {
    closed = true;
    channel.close();
  }

  private void drain() throws IOException {
    buffer.flip();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
  }
}
