package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.web.CustodianException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An operator's retry of a dead letter: it goes back in the queue, audited. */
@Service
public class MailRetries {

  private final MailItems items;
  private final AuditTrail audit;
  private final Clock clock;

  MailRetries(MailItems items, AuditTrail audit, Clock clock) {
    this.items = items;
    this.audit = audit;
    this.clock = clock;
  }

  /** The message queued again, in its batch, for the next run. */
  public record Retry(UUID recordId, String batch, String state) {}

  /** Queues a dead letter again; 404 if the organisation has no such dead letter. */
  @Transactional
  public Retry retry(String orgId, UUID recordId, String actor) {
    String batch =
        items
            .reopen(orgId, recordId, clock.instant())
            .orElseThrow(() -> CustodianException.notFound("Dead letter " + recordId));
    audit.record(
        new AuditEvent(
            actor,
            "offload.mail.retry",
            orgId,
            recordId.toString(),
            Outcome.SUCCESS,
            "batch=" + batch));
    return new Retry(recordId, batch, "pending");
  }
}
