package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.web.CustodianException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organisations' API destinations. */
@Service
public class ApiDestinations {

  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final Clock clock;

  ApiDestinations(JdbcClient jdbc, AuditTrail audit, Clock clock) {
    this.jdbc = jdbc;
    this.audit = audit;
    this.clock = clock;
  }

  /** Creates or replaces the organisation's API destination. */
  @Transactional
  public ApiDestination save(String orgId, ApiDestinationRequest r, String actor) {
    boolean purge = Boolean.TRUE.equals(r.purgeAfterAcknowledgement());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into api_destinations (org_id, purge_after_acknowledgement, updated_at)
              values (:org, :purge, :now)
              on conflict (org_id) do update set
                purge_after_acknowledgement = excluded.purge_after_acknowledgement,
                updated_at = excluded.updated_at
              """)
          .param("org", orgId)
          .param("purge", purge)
          .param("now", Timestamp.from(now))
          .update();
    } catch (DataIntegrityViolationException e) {
      throw CustodianException.notFound("Organisation " + orgId);
    }
    audit.record(
        new AuditEvent(
            actor,
            "offload.destination.save",
            orgId,
            "api",
            Outcome.SUCCESS,
            "purgeAfterAcknowledgement=" + purge));
    return new ApiDestination(orgId, purge, now);
  }

  /** When the organisation first acknowledged the record, if it did. */
  public Optional<Instant> acknowledgedAt(String orgId, java.util.UUID recordId) {
    return jdbc.sql(
            "select acknowledged_at from acknowledgements where org_id = :org and record_id = :id")
        .param("org", orgId)
        .param("id", recordId)
        .query((rs, n) -> rs.getTimestamp(1).toInstant())
        .optional();
  }

  /** The organisation's API destination. */
  public Optional<ApiDestination> find(String orgId) {
    return jdbc.sql(
            "select org_id, purge_after_acknowledgement, updated_at from api_destinations"
                + " where org_id = :org")
        .param("org", orgId)
        .query(
            (rs, n) ->
                new ApiDestination(
                    rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant()))
        .optional();
  }
}
