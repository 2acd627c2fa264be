package io.custodian.ingest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The request digest that tells an identical replay from a conflicting reuse of a sourceId. */
final class Digests {

  private Digests() {}

  static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(java.nio.ByteBuffer.allocate(8).putLong(part.length).array());
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
