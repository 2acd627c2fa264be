package io.custodian.records.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * One form in which content is sent: the stored bytes, or a rendition made from them while they
 * stream out of the vault.
 *
 * @param name how the audit trail names it: {@code stored}, {@code ulaw}, {@code ulaw-mix}
 * @param length its size in bytes, when known before it is made
 * @param etag the strong entity tag, quoted
 * @param sha256 the SHA-256 of exactly these bytes, when known before they are sent; given as
 *     {@code Repr-Digest}
 * @param transfer writes this form of the verified stored bytes
 */
record Representation(
    String name,
    String mediaType,
    @Nullable Long length,
    String etag,
    byte @Nullable [] sha256,
    Transfer transfer) {

  /** Writes the representation of the stored bytes read from {@code in} to {@code out}. */
  interface Transfer {
    void write(InputStream in, OutputStream out) throws IOException;
  }

  /** The stored bytes as they are. */
  static Representation stored(String mediaType, long size, String sha256Hex, byte[] sha256) {
    return new Representation(
        "stored", mediaType, size, "\"" + sha256Hex + "\"", sha256, InputStream::transferTo);
  }
}
