package io.custodian.offload.smtp;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An attachment's bytes, checked as they are read against the size and SHA-256 of its record: a
 * difference, or a failure to read, ends the stream with {@link EmlContentException}.
 */
final class VerifyingInputStream extends FilterInputStream {

  private final String what;
  private final long size;
  private final String sha256;
  private final MessageDigest digest;
  private long count;
  private boolean checked;

  VerifyingInputStream(InputStream in, String what, long size, String sha256) {
    super(in);
    this.what = what;
    this.size = size;
    this.sha256 = sha256;
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
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
    int n;
    try {
      n = in.read(b, off, len);
    } catch (IOException e) {
      throw new EmlContentException(what + " could not be read", e);
    }
    if (n < 0) {
      check();
      return -1;
    }
    digest.update(b, off, n);
    count += n;
    if (count > size) {
      throw new EmlContentException(what + " holds more than its " + size + " bytes");
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    throw new IOException("skipping would leave bytes unchecked");
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void check() throws EmlContentException {
    if (checked) {
      return;
    }
    checked = true;
    String actual = HexFormat.of().formatHex(digest.digest());
    if (count != size || !actual.equals(sha256)) {
      throw new EmlContentException(
          what + " is " + count + " bytes with SHA-256 " + actual + ", not " + size + " " + sha256);
    }
  }
}
