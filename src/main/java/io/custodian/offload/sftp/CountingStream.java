package io.custodian.offload.sftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** Counts the bytes on their way to the server, so that a short or long file is never renamed. */
final class CountingStream extends FilterOutputStream {

  private long count;

  CountingStream(OutputStream out) {
    super(out);
  }

  @Override
  public void write(int b) throws IOException {
    count++;
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    count += len;
    out.write(b, off, len);
  }

  long count() {
    return count;
  }
}
