package io.custodian.offload.format;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The list of items frozen into a batch when it is cut, whose SHA-256 goes into the batch name. It
 * cannot be the delivered {@code sha256sum} manifest, which lists the CSV, whose name holds the
 * batch name. Its text is one {@code <sha256 of the item as received> <record id>} LF-terminated
 * line per item, in intake-sequence order, so an integrator can recompute it from the CSV.
 */
public final class CutManifest {

  private final MessageDigest digest;
  private int items;
  private boolean finished;

  /** An empty list. */
  public CutManifest() {
    try {
      this.digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Adds the next item, in intake-sequence order.
   *
   * @param sha256 of the audio as received (voice) or of the body (messages), lower-case hex
   */
  public CutManifest add(UUID recordId, String sha256) {
    requireOpen();
    String line = Sha256Hex.require(sha256) + "  " + recordId + "\n";
    digest.update(line.getBytes(StandardCharsets.US_ASCII));
    items++;
    return this;
  }

  /** The items added so far. */
  public int items() {
    return items;
  }

  /** The SHA-256 of the list; no item can be added after it. */
  public byte[] sha256() {
    requireOpen();
    finished = true;
    return digest.digest();
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("the cut manifest is already hashed");
    }
  }
}
