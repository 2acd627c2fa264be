package io.custodian.compliance;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.records.Recordings;
import io.custodian.vault.Vault;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Destroys a record's content by crypto-shredding, after asking the {@link WipeGate}: every data
 * key of the record (a recording's audio; a message's body and attachments) is destroyed and its
 * ciphertext deleted. The record's metadata stays, so the trail of what was kept, delivered and
 * purged remains readable. Each decision, either way, is an audit entry.
 */
@Service
public class Purges {

  private final WipeGate gate;
  private final Recordings recordings;
  private final Messages messages;
  private final Vault vault;
  private final AuditTrail audit;

  Purges(WipeGate gate, Recordings recordings, Messages messages, Vault vault, AuditTrail audit) {
    this.gate = gate;
    this.recordings = recordings;
    this.messages = messages;
    this.vault = vault;
    this.audit = audit;
  }

  /** What a purge request came to. */
  public enum Result {
    /** The content was destroyed now. */
    PURGED,
    /** The content had been destroyed before; nothing changed. */
    ALREADY_PURGED,
    /** The gate refused; nothing changed. */
    REFUSED,
    /** No such record of the organisation. */
    NOT_FOUND
  }

  /** Destroys the candidate's content if the gate allows it, in one transaction. */
  @Transactional
  public Result purge(WipeCandidate candidate, String actor) {
    List<UUID> objects = contentObjects(candidate);
    if (objects.isEmpty()) {
      return Result.NOT_FOUND;
    }
    WipeGate.Decision decision = gate.decide(candidate);
    if (!decision.allowed()) {
      record(candidate, actor, Outcome.REJECTED, decision.reason());
      return Result.REFUSED;
    }
    int destroyed = 0;
    for (UUID object : objects) {
      if (vault.shred(candidate.orgId(), object, actor)) {
        destroyed++;
      }
    }
    if (destroyed == 0) {
      return Result.ALREADY_PURGED;
    }
    record(candidate, actor, Outcome.SUCCESS, "objects=" + destroyed + "; " + decision.reason());
    return Result.PURGED;
  }

  /** Audits a purge asked for by hand of a record the organisation does not have. */
  public void refusedUnknown(WipeCandidate candidate, String actor) {
    record(candidate, actor, Outcome.REJECTED, "not found");
  }

  private List<UUID> contentObjects(WipeCandidate candidate) {
    List<UUID> objects = new ArrayList<>();
    switch (candidate.kind()) {
      case RECORDING ->
          recordings
              .find(candidate.orgId(), candidate.recordId())
              .ifPresent(r -> objects.add(r.audio().objectId()));
      case MESSAGE ->
          messages
              .find(candidate.orgId(), candidate.recordId())
              .ifPresent(
                  m -> {
                    objects.add(m.body().objectId());
                    for (Message.Attachment a : m.attachments()) {
                      objects.add(a.content().objectId());
                    }
                  });
    }
    return objects;
  }

  private void record(WipeCandidate candidate, String actor, Outcome outcome, String detail) {
    audit.record(
        new AuditEvent(
            actor,
            "record.purge",
            candidate.orgId(),
            candidate.recordId().toString(),
            outcome,
            candidate.kind().name().toLowerCase(java.util.Locale.ROOT) + "; " + detail));
  }
}
