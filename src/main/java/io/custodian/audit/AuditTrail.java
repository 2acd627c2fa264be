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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Appends entries to the chain. An entry joins the caller's transaction, so an intake and its audit
 * entry commit together or not at all; appends are serialised by a transaction-scoped advisory
 * lock, which also makes them safe across several nodes on one database.
 *
 * <p>An entry recorded outside a transaction (a read, a list) is committed before {@link #record}
 * returns, grouped with the entries other threads record at the same time: while one thread holds
 * the chain's lock and waits for its commit to be flushed, the entries that arrive queue, and the
 * next of their threads appends them all in one transaction. Concurrent readers then share a commit
 * instead of queueing one flush each behind the lock.
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
  private final TransactionTemplate transactions;
  private final Object queueLock = new Object();
  private List<Queued> queue = new ArrayList<>();
  private boolean appending;

  AuditTrail(
      JdbcClient jdbc, JdbcTemplate batch, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.batch = batch;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactions);
  }

  /**
   * Appends the event as the next entry of the chain: in the caller's transaction if there is one,
   * else committed, with whatever other threads are recording at the same time, before this
   * returns.
   */
  public void record(AuditEvent event) {
    if (TransactionSynchronizationManager.isActualTransactionActive()) {
      append(List.of(event));
    } else {
      grouped(event);
    }
  }

  /**
   * Appends the events, in order, as the next entries of the chain: one lock and one read of the
   * chain's head for all of them, and their rows sent as one batch. The chain is the same as from
   * one {@link #record} each, with one time for all of them.
   */
  @Transactional
  public void recordAll(List<AuditEvent> events) {
    append(events);
  }

  /**
   * Appends the event in a transaction of its own, with the events other threads queued meanwhile.
   * The first thread to find no append under way appends everything queued; the others wait for the
   * outcome of the append that took theirs, and fail if it failed.
   */
  private void grouped(AuditEvent event) {
    Queued mine = new Queued(event);
    boolean interrupted = false;
    synchronized (queueLock) {
      queue.add(mine);
    }
    while (true) {
      List<Queued> taken;
      synchronized (queueLock) {
        while (!mine.settled && appending) {
          try {
            queueLock.wait();
          } catch (InterruptedException e) {
            interrupted = true; // the entry is queued: wait for it to be settled all the same
          }
        }
        if (mine.settled) {
          break;
        }
        appending = true;
        taken = queue;
        queue = new ArrayList<>();
      }
      RuntimeException failure = null;
      try {
        transactions.executeWithoutResult(
            status -> append(taken.stream().map(q -> q.event).toList()));
      } catch (RuntimeException e) {
        failure = e;
      }
      synchronized (queueLock) {
        for (Queued q : taken) {
          q.failure = failure;
          q.settled = true;
        }
        appending = false;
        queueLock.notifyAll();
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (mine.failure != null) {
      throw mine.failure;
    }
  }

  /** An event waiting for a grouped append, and how that ended. */
  private static final class Queued {
    final AuditEvent event;
    boolean settled;
    @Nullable RuntimeException failure;

    Queued(AuditEvent event) {
      this.event = event;
    }
  }

  /** Appends the events in the transaction under way. */
  private void append(List<AuditEvent> events) {
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
