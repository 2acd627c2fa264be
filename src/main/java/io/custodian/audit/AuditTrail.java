package io.custodian.audit;

import io.custodian.audit.chain.AuditEntry;
import io.custodian.audit.chain.ChainHash;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;
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

  private final JdbcClient jdbc;
  private final Clock clock;

  AuditTrail(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Appends the event as the next entry of the chain. */
  @Transactional
  public void record(AuditEvent event) {
    jdbc.sql("select pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query().listOfRows();
    Head head =
        jdbc.sql("select seq, entry_hash from audit_log order by seq desc limit 1")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
            .optional()
            .orElse(new Head(0, ChainHash.GENESIS));
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    long seq = head.seq() + 1;
    AuditEntry entry =
        new AuditEntry(
            seq,
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
    jdbc.sql(
            """
            insert into audit_log
              (seq, recorded_at, actor, action, org_id, subject, outcome, detail, prev_hash, entry_hash)
            values
              (:seq, :at, :actor, :action, :org, :subject, :outcome, :detail, :prev, :hash)
            """)
        .param("seq", seq)
        .param("at", java.sql.Timestamp.from(now))
        .param("actor", entry.actor())
        .param("action", entry.action())
        .param("org", entry.orgId())
        .param("subject", entry.subject())
        .param("outcome", entry.outcome())
        .param("detail", entry.detail())
        .param("prev", entry.prevHash())
        .param("hash", hash)
        .update();
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
