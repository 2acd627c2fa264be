package io.custodian.offload.sftp;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;

/** Counts and hashes the bytes on their way to the server. */
final class CountingDigestStream extends FilterOutputStream {

  private final MessageDigest digest;
  private long count;

  CountingDigestStream(OutputStream out, MessageDigest digest) {
    super(out);
    this.digest = digest;
  }

  @Override
  public void write(int b) throws IOException {
    digest.update((byte) b);
    count++;
    out.write(b);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    digest.update(b, off, len);
    count += len;
    out.write(b, off, len);
  }

  long count() {
    return count;
  }

  MessageDigest digest() {
    return digest;
  }
}
