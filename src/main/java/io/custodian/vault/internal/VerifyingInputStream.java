package io.custodian.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Decrypted content on its way out, hashed as it passes. The last byte is held back until the
 * source is exhausted and length and SHA-256 match what was stored at intake, so a reader never
 * receives a complete copy of content that fails verification.
 */
public final class VerifyingInputStream extends InputStream {

  /** Told once about the first integrity failure, then the read fails with its exception. */
  public interface FailureListener {
    IOException failed(String reason, Throwable cause);
  }

  private final InputStream source;
  private final MessageDigest digest;
  private final byte[] expectedSha256;
  private final long expectedSize;
  private final FailureListener listener;
  private final byte[] buffer = new byte[64 * 1024];
  private int position;
  private int limit;
  private long total;
  private boolean exhausted;
  private boolean verified;
  private IOException failure;

  /** Verifies {@code source} against the digest and size recorded at intake. */
  public VerifyingInputStream(
      InputStream source, byte[] expectedSha256, long expectedSize, FailureListener listener) {
    this.source = source;
    this.expectedSha256 = expectedSha256.clone();
    this.expectedSize = expectedSize;
    this.listener = listener;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    if (failure != null) {
      throw failure;
    }
    fill();
    int releasable = verified ? limit - position : limit - position - 1;
    if (releasable <= 0) {
      return verified ? -1 : 0;
    }
    int n = Math.min(len, releasable);
    System.arraycopy(buffer, position, b, off, n);
    position += n;
    return n;
  }

  /** Reads until more than one byte is buffered or the source ends, then verifies at the end. */
  private void fill() throws IOException {
    while (!exhausted && limit - position <= 1) {
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
      }
      int n;
      try {
        n = source.read(buffer, limit, buffer.length - limit);
      } catch (IOException e) {
        throw fail("the content failed authentication", e);
      }
      if (n < 0) {
        exhausted = true;
      } else {
        digest.update(buffer, limit, n);
        limit += n;
        total += n;
      }
    }
    if (exhausted && !verified) {
      if (total != expectedSize) {
        throw fail("length " + total + " differs from the stored " + expectedSize, null);
      }
      if (!Arrays.equals(digest.digest(), expectedSha256)) {
        throw fail("SHA-256 differs from the one taken at intake", null);
      }
      verified = true;
    }
  }

  private IOException fail(String reason, Throwable cause) {
    failure = listener.failed(reason, cause);
    return failure;
  }

  @Override
  public void close() throws IOException {
    source.close();
  }
}
