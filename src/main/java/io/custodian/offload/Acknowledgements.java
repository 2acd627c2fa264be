package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.compliance.Purges;
import io.custodian.compliance.RecordKind;
import io.custodian.compliance.WipeCandidate;
import io.custodian.records.DeliveredTo;
import io.custodian.records.Messages;
import io.custodian.records.Recordings;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acknowledgements over the API: the customer says it has archived a record. Acknowledging is
 * idempotent (the first time stays the time), each acknowledgement is an audit entry, and one of an
 * unknown record, or another organisation's, changes nothing. With an API destination set to purge
 * after acknowledgement, the acknowledged records go through the purge gate at once.
 */
@Service
public class Acknowledgements {

  /** The most records one request acknowledges. */
  public static final int MAX_PER_REQUEST = 1_000;

  static final String PURGE_ACTOR = "system:acknowledgement";

  private final JdbcClient jdbc;
  private final Recordings recordings;
  private final Messages messages;
  private final ApiDestinations apiDestinations;
  private final PurgePolicy policy;
  private final Purges purges;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final Clock clock;

  Acknowledgements(
      JdbcClient jdbc,
      Recordings recordings,
      Messages messages,
      ApiDestinations apiDestinations,
      PurgePolicy policy,
      Purges purges,
      AuditTrail audit,
      TransactionTemplate transactions,
      Clock clock) {
    this.jdbc = jdbc;
    this.recordings = recordings;
    this.messages = messages;
    this.apiDestinations = apiDestinations;
    this.policy = policy;
    this.purges = purges;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /**
   * One acknowledged record.
   *
   * @param acknowledgedAt when it was first acknowledged
   * @param purged whether its content was purged as a result
   */
  public record Acknowledged(UUID recordId, Instant acknowledgedAt, boolean purged) {}

  /**
   * Acknowledges records of the organisation, all or none.
   *
   * @throws CustodianException 400 for an empty or oversized list, 404 naming the first record the
   *     organisation does not have (audited; nothing is acknowledged)
   */
  public List<Acknowledged> acknowledge(
      String orgId, RecordKind kind, List<UUID> ids, String actor) {
    if (ids.isEmpty() || ids.size() > MAX_PER_REQUEST) {
      throw new CustodianException(
          ErrorCode.INVALID_REQUEST, "ids must list 1 to " + MAX_PER_REQUEST + " record ids");
    }
    List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
    for (UUID id : distinct) {
      boolean found =
          kind == RecordKind.RECORDING
              ? recordings.find(orgId, id).isPresent()
              : messages.find(orgId, id).isPresent();
      if (!found) {
        audit.record(
            new AuditEvent(
                actor, action(kind), orgId, id.toString(), Outcome.REJECTED, "not found"));
        throw CustodianException.notFound("Record " + id);
      }
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Acknowledged> acknowledged = new ArrayList<>();
    List<UUID> first = new ArrayList<>();
    transactions.executeWithoutResult(
        status -> {
          for (UUID id : distinct) {
            Optional<Instant> inserted =
                jdbc.sql(
                        """
                        insert into acknowledgements
                          (org_id, record_id, kind, acknowledged_at, actor)
                        values (:org, :id, :kind, :at, :actor)
                        on conflict (org_id, record_id) do nothing
                        returning acknowledged_at
                        """)
                    .param("org", orgId)
                    .param("id", id)
                    .param("kind", kind == RecordKind.RECORDING ? "recording" : "message")
                    .param("at", Timestamp.from(now))
                    .param("actor", actor)
                    .query((rs, n) -> rs.getTimestamp(1).toInstant())
                    .optional();
            Instant at =
                inserted.orElseGet(() -> apiDestinations.acknowledgedAt(orgId, id).orElseThrow());
            if (inserted.isPresent()) {
              first.add(id);
            }
            acknowledged.add(new Acknowledged(id, at, false));
            audit.record(
                new AuditEvent(
                    actor,
                    action(kind),
                    orgId,
                    id.toString(),
                    Outcome.SUCCESS,
                    inserted.isPresent() ? "first" : "again; first at " + at));
          }
          if (kind == RecordKind.RECORDING) {
            recordings.markDelivered(orgId, DeliveredTo.API, first, now);
          } else {
            messages.markDelivered(orgId, DeliveredTo.API, first, now);
          }
        });
    if (first.isEmpty() || !purgeDue(orgId, kind)) {
      return acknowledged;
    }
    List<Acknowledged> result = new ArrayList<>();
    for (Acknowledged a : acknowledged) {
      boolean purged =
          first.contains(a.recordId())
              && purges.purge(new WipeCandidate(orgId, kind, a.recordId()), PURGE_ACTOR)
                  == Purges.Result.PURGED;
      result.add(new Acknowledged(a.recordId(), a.acknowledgedAt(), purged));
    }
    return result;
  }

  private boolean purgeDue(String orgId, RecordKind kind) {
    return apiDestinations.find(orgId).map(ApiDestination::purgeAfterAcknowledgement).orElse(false)
        && policy.agreed(orgId, kind);
  }

  private static String action(RecordKind kind) {
    return kind == RecordKind.RECORDING ? "recording.acknowledge" : "message.acknowledge";
  }
}
