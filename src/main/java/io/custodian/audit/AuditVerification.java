package io.custodian.audit;

import io.custodian.audit.chain.ChainVerifier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Recomputes the whole chain and names the first broken entry, if any. */
@Service
public class AuditVerification {

  private final AuditLog log;

  AuditVerification(AuditLog log) {
    this.log = log;
  }

  /** Verifies every stored entry, in order. */
  public Report verify() {
    ChainVerifier verifier = new ChainVerifier();
    log.forEach(verifier::accept);
    ChainVerifier.Result result = verifier.result();
    ChainVerifier.Break broken = result.firstBreak();
    return broken == null
        ? new Report(true, result.verifiedEntries(), null, null, null)
        : new Report(
            false, result.verifiedEntries(), broken.seq(), broken.reason().name(), broken.detail());
  }

  /**
   * The verdict on the chain.
   *
   * @param intact whether every entry verified
   * @param verifiedEntries how many entries verified, in order, before any break
   * @param firstBrokenSeq the sequence number of the first entry that breaks the chain
   * @param reason SEQUENCE_GAP, PREVIOUS_HASH_MISMATCH or ENTRY_HASH_MISMATCH
   * @param detail a human reading of the reason
   */
  public record Report(
      boolean intact,
      long verifiedEntries,
      @Nullable Long firstBrokenSeq,
      @Nullable String reason,
      @Nullable String detail) {}
}
