package io.custodian.offload;

import io.custodian.media.InvalidWavException;
import io.custodian.media.UlawConverter;
import io.custodian.media.WavFormat;
import io.custodian.offload.sftp.Upload;
import io.custodian.vault.ReadGrant;
import io.custodian.vault.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/** A stored recording converted to the WAV that is delivered, as it streams out of the vault. */
final class WavStreams {

  private WavStreams() {}

  /** Converts the object into {@code out}; returns how many bytes were written. */
  static long convert(
      UlawConverter converter, StoredObject object, OutputStream out, ReadGrant reads)
      throws IOException {
    try (InputStream in = reads.open(object)) {
      return convert(converter, object, in, out);
    }
  }

  private static long convert(
      UlawConverter converter, StoredObject object, InputStream in, OutputStream out)
      throws IOException {
    CountingStream counting = new CountingStream(out);
    try {
      converter.convert(in, counting);
    } catch (InvalidWavException e) {
      throw new IOException(
          "Stored audio " + object.id() + " does not parse: " + e.getMessage(), e);
    }
    return counting.count;
  }

  /**
   * Sends the object as converted and returns the SHA-256 of what was sent.
   *
   * <p>When {@code mayBeStored} (u-law 8 kHz whose conversion copies the samples and is as long as
   * the stored file) and the stored file begins with exactly the header the conversion writes, the
   * conversion is the stored file itself: it goes out as stored, read straight into the upload's
   * packets, and its SHA-256 is the one the vault verified while reading. The one exception is an
   * odd-sized payload's pad byte, which the conversion writes as zero: if the stored one is not,
   * zero is sent and null returned, for the caller to hash the conversion. Anything else is
   * converted and hashed as it is sent.
   */
  static @Nullable String send(
      UlawConverter converter,
      WavFormat format,
      StoredObject object,
      Upload out,
      ReadGrant reads,
      boolean mayBeStored)
      throws IOException {
    try (InputStream in = reads.open(object)) {
      if (!mayBeStored) {
        return hashedConversion(converter, object, in, out);
      }
      byte[] header = converter.outputHeader(format);
      byte[] stored = in.readNBytes(header.length);
      if (!Arrays.equals(stored, header)) {
        return hashedConversion(
            converter, object, new SequenceInputStream(new ByteArrayInputStream(stored), in), out);
      }
      out.write(header);
      long samples = format.dataBytes();
      long sent = out.transferFrom(new Prefix(in, samples));
      if (sent != samples) {
        throw new IOException(
            "Stored audio " + object.id() + " ended " + (samples - sent) + " bytes early");
      }
      boolean asStored = true;
      if ((samples & 1) == 1) {
        int pad = in.read();
        out.write(0);
        asStored = pad == 0;
      }
      if (in.read() >= 0) {
        throw new IOException("Stored audio " + object.id() + " goes on after its audio");
      }
      return asStored ? object.sha256Hex() : null;
    }
  }

  private static String hashedConversion(
      UlawConverter converter, StoredObject object, InputStream in, OutputStream out)
      throws IOException {
    MessageDigest digest = sha256Digest();
    convert(converter, object, in, new DigestOutputStream(out, digest));
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The SHA-256 of the object as converted. */
  static String sha256(UlawConverter converter, StoredObject object, ReadGrant reads)
      throws IOException {
    MessageDigest digest = sha256Digest();
    convert(
        converter, object, new DigestOutputStream(OutputStream.nullOutputStream(), digest), reads);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** The first {@code limit} bytes of a stream, which is left open for what follows. */
  private static final class Prefix extends FilterInputStream {
    private long left;

    Prefix(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      if (left == 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        left--;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return len == 0 ? 0 : -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) {
      return 0;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(left, in.available());
    }

    @Override
    public void close() {
      // the stream goes on: its end is read by the caller
    }
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
