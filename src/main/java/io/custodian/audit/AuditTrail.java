package io.custodian.audit;

import io.custodian.audit.chain.AuditEntry;
import io.custodian.audit.chain.ChainHash;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends entries to the chain. An entry joins the caller's transaction, so an intake and its audit
 * entry commit together or not at all; appends are serialised by a transaction-scoped advisory
 * lock, which also makes them safe across several nodes on one database.
 */
@Service
public class AuditTrail {

  private static final long CHAIN_LOCK = 0x6175646974L; // "audit"

  private static final int[] COLUMN_TYPES = {
    Types.BIGINT,
    Types.TIMESTAMP,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.VARCHAR,
    Types.BINARY,
    Types.BINARY
  };

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;
  private final Clock clock;

  AuditTrail(JdbcClient jdbc, JdbcTemplate batch, Clock clock) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
  }

  /** Appends the event as the next entry of the chain. */
  @Transactional
  public void record(AuditEvent event) {
    recordAll(List.of(event));
  }

  /**
   * Appends the events, in order, as the next entries of the chain: one lock and one read of the
   * chain's head for all of them, and their rows sent as one batch. The chain is the same as from
   * one {@link #record} each, with one time for all of them.
   */
  @Transactional
  public void recordAll(List<AuditEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query().listOfRows();
    Head head =
        jdbc.sql("select seq, entry_hash from audit_log order by seq desc limit 1")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
            .optional()
            .orElse(new Head(0, ChainHash.GENESIS));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    List<Object[]> rows = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      AuditEntry entry =
          new AuditEntry(
              head.seq() + 1,
              now,
              safe(event.actor()),
              safe(event.action()),
              safeOrNull(event.orgId()),
              safeOrNull(event.subject()),
              event.outcome().name(),
              safe(event.detail()),
              head.hash(),
              new byte[0]);
      byte[] hash = ChainHash.of(entry);
      rows.add(
          new Object[] {
            entry.seq(),
            Timestamp.from(now),
            entry.actor(),
            entry.action(),
            entry.orgId(),
            entry.subject(),
            entry.outcome(),
            entry.detail(),
            entry.prevHash(),
            hash
          });
      head = new Head(entry.seq(), hash);
    }
    batch.batchUpdate(
        """
        insert into audit_log
          (seq, recorded_at, actor, action, org_id, subject, outcome, detail, prev_hash, entry_hash)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        rows,
        COLUMN_TYPES);
  }

  /** PostgreSQL text cannot hold NUL; keep it visible instead of failing the audited action. */
  private static String safe(String value) {
    return value.replace("\u0000", "\\u0000");
  }

  private static @Nullable String safeOrNull(@Nullable String value) {
    return value == null ? null : safe(value);
  }

  private record Head(long seq, byte[] hash) {}
}
