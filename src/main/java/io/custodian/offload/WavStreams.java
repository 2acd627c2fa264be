package io.custodian.offload;

import io.custodian.media.InvalidWavException;
import io.custodian.media.UlawConverter;
import io.custodian.vault.ReadGrant;
import io.custodian.vault.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
   * Converts the object into {@code out} and returns the SHA-256 of what was written: the stored
   * one when {@code mayBeStored} and every byte written proved to be the byte read (the vault
   * verified it on the way out), else null; or, when not {@code mayBeStored}, hashed as written.
   */
  static @Nullable String send(
      UlawConverter converter,
      StoredObject object,
      OutputStream out,
      ReadGrant reads,
      boolean mayBeStored)
      throws IOException {
    if (mayBeStored) {
      SameBytes same = new SameBytes();
      try (InputStream in = reads.open(object)) {
        convert(converter, object, same.reading(in), same.writing(out));
      }
      return same.proven() ? object.sha256Hex() : null;
    }
    MessageDigest digest = sha256Digest();
    try (InputStream in = reads.open(object)) {
      convert(converter, object, in, new DigestOutputStream(out, digest));
    }
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
