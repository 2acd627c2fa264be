package io.custodian.vault.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Decrypted content on its way out, hashed as it passes. The last byte is held back until the
 * source is exhausted and length and SHA-256 match what was stored at intake, so a reader never
 * receives a complete copy of content that fails verification. The source reads straight into the
 * reader's buffer, where the bytes are hashed; only the byte held back is kept here.
 */
public final class VerifyingInputStream extends InputStream {

  /** Told once about the first integrity failure, then the read fails with its exception. */
  public interface FailureListener {
    IOException failed(String reason, Throwable cause);
  }

  private static final int NONE = -1;

  private final InputStream source;
  private final MessageDigest digest;
  private final byte[] expectedSha256;
  private final long expectedSize;
  private final FailureListener listener;
  private final byte[] one = new byte[1];

  /** The last byte read from the source and not yet released, or {@link #NONE}. */
  private int held = NONE;

  private long total;
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
    byte[] b = new byte[1];
    int n = read(b, 0, 1);
    return n < 0 ? -1 : b[0] & 0xff;
  }

  /**
   * Releases the byte held back and what the source gives after it, but for its last byte, which is
   * held back in turn; at the end of the source, the byte held back once the content verifies.
   */
  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (failure != null) {
      throw failure;
    }
    while (true) {
      if (verified) {
        return releaseHeld(b, off);
      }
      // The source reads after the place of the byte held back, into the reader's buffer; with
      // no room there (a one-byte read), into a byte of its own.
      int start = held == NONE ? off : off + 1;
      boolean roomy = start < off + len;
      byte[] target = roomy ? b : one;
      int at = roomy ? start : 0;
      int n;
      try {
        n = source.read(target, at, roomy ? off + len - start : 1);
      } catch (IOException e) {
        throw fail("the content failed authentication", e);
      }
      if (n < 0) {
        verify();
        continue;
      }
      if (n == 0) {
        continue;
      }
      digest.update(target, at, n);
      total += n;
      int last = target[at + n - 1] & 0xff;
      target[at + n - 1] = 0; // not released yet, so not left in the reader's buffer either
      int released = roomy ? start - off + n - 1 : 1;
      if (held != NONE) {
        b[off] = (byte) held;
      }
      held = last;
      if (released > 0) {
        return released;
      }
    }
  }

  private int releaseHeld(byte[] b, int off) {
    if (held == NONE) {
      return -1;
    }
    b[off] = (byte) held;
    held = NONE;
    return 1;
  }

  private void verify() throws IOException {
    if (total != expectedSize) {
      throw fail("length " + total + " differs from the stored " + expectedSize, null);
    }
    if (!Arrays.equals(digest.digest(), expectedSha256)) {
      throw fail("SHA-256 differs from the one taken at intake", null);
    }
    verified = true;
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
