package io.custodian.audit.chain;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Walks the chain in sequence order and stops at the first entry that breaks it: a gap or repeat in
 * the sequence (a deleted or reordered row), a previous hash that is not the hash of the entry
 * before (a removed or rebuilt link), or an entry hash that does not match its fields (an edited
 * row).
 */
public final class ChainVerifier {

  private long expectedSeq = 1;
  private byte[] previousHash = ChainHash.GENESIS;
  private long verified;
  private @Nullable Break firstBreak;

  /** Feeds the next entry in ascending {@code seq} order; returns false once the chain broke. */
  public boolean accept(AuditEntry entry) {
    if (firstBreak != null) {
      return false;
    }
    if (entry.seq() != expectedSeq) {
      firstBreak = new Break(entry.seq(), Reason.SEQUENCE_GAP, "expected entry " + expectedSeq);
    } else if (!Arrays.equals(entry.prevHash(), previousHash)) {
      firstBreak =
          new Break(entry.seq(), Reason.PREVIOUS_HASH_MISMATCH, "does not follow entry before");
    } else if (!Arrays.equals(entry.entryHash(), ChainHash.of(entry))) {
      firstBreak = new Break(entry.seq(), Reason.ENTRY_HASH_MISMATCH, "fields were altered");
    } else {
      verified++;
      expectedSeq++;
      previousHash = entry.entryHash();
      return true;
    }
    return false;
  }

  /** The verdict over the entries fed so far. */
  public Result result() {
    return new Result(firstBreak == null, verified, firstBreak);
  }

  /** Why an entry breaks the chain. */
  public enum Reason {
    SEQUENCE_GAP,
    PREVIOUS_HASH_MISMATCH,
    ENTRY_HASH_MISMATCH
  }

  /** The first entry that breaks the chain. */
  public record Break(long seq, Reason reason, String detail) {}

  /**
   * The verdict.
   *
   * @param intact whether every entry verified
   * @param verifiedEntries how many entries verified before the first break
   * @param firstBreak the first broken entry, if any
   */
  public record Result(boolean intact, long verifiedEntries, @Nullable Break firstBreak) {}
}
