package io.custodian.ingest;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import java.util.Arrays;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * How an intake ends, audited and counted the same way for calls and messages: accepted, an
 * idempotent replay (the same request digest: 200 with the earlier record), or a conflict (409).
 */
@Component
class IntakeOutcomes {

  private final AuditTrail audit;
  private final IntakeMetrics metrics;

  IntakeOutcomes(AuditTrail audit, IntakeMetrics metrics) {
    this.audit = audit;
    this.metrics = metrics;
  }

  /** Audits a new record inside its intake transaction. */
  void accepted(
      String action,
      String orgId,
      String actor,
      UUID id,
      String sourceId,
      long seq,
      String sha256,
      String more) {
    audit.record(
        new AuditEvent(
            actor,
            action,
            orgId,
            id.toString(),
            Outcome.SUCCESS,
            "sourceId=" + sourceId + " seq=" + seq + " sha256=" + sha256 + more));
  }

  /** Returns normally for a replay; throws {@code IDEMPOTENCY_CONFLICT} for a conflict. */
  void replayed(
      String kind,
      String action,
      String orgId,
      String actor,
      UUID earlierId,
      String sourceId,
      byte[] earlierDigest,
      byte[] digest) {
    boolean same = Arrays.equals(earlierDigest, digest);
    audit.record(
        new AuditEvent(
            actor,
            action,
            orgId,
            earlierId.toString(),
            same ? Outcome.SUCCESS : Outcome.REJECTED,
            (same ? "replay" : "conflicting replay") + " of sourceId=" + sourceId));
    if (!same) {
      throw new CustodianException(
          ErrorCode.IDEMPOTENCY_CONFLICT,
          "sourceId " + sourceId + " was already used with different content");
    }
    metrics.replayed(kind);
  }
}
