package io.custodian.vault;

import java.util.HexFormat;
import java.util.UUID;

/**
 * A sealed object: its blob is durable under its final name and its data key wrapped.
 *
 * @param sha256 SHA-256 of the plaintext
 * @param size plaintext length in bytes
 */
public record StoredObject(
    UUID id, String orgId, byte[] sha256, long size, byte[] wrappedKey, String kekId) {

  /** The SHA-256 in lower-case hex. */
  public String sha256Hex() {
    return HexFormat.of().formatHex(sha256);
  }
}
