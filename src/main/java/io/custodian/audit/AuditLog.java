package io.custodian.audit;

import io.custodian.audit.chain.AuditEntry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the stored chain, in pages, in sequence order. */
@Repository
class AuditLog {

  private static final int PAGE = 5_000;

  private final JdbcClient jdbc;

  AuditLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Entries after {@code afterSeq}, optionally of one organisation, at most {@code limit}. */
  List<AuditEntry> page(long afterSeq, @Nullable String orgId, int limit) {
    return jdbc.sql(
            """
            select seq, recorded_at, actor, action, org_id, subject, outcome, detail,
                   prev_hash, entry_hash
              from audit_log
             where seq > :after and (cast(:org as text) is null or org_id = :org)
             order by seq
             limit :limit
            """)
        .param("after", afterSeq)
        .param("org", orgId)
        .param("limit", limit)
        .query(AuditLog::entry)
        .list();
  }

  /** Feeds every entry in order to {@code sink} until it returns false. */
  void forEach(Predicate<AuditEntry> sink) {
    long after = 0;
    while (true) {
      List<AuditEntry> page = page(after, null, PAGE);
      for (AuditEntry entry : page) {
        if (!sink.test(entry)) {
          return;
        }
        after = entry.seq();
      }
      if (page.size() < PAGE) {
        return;
      }
    }
  }

  private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
    return new AuditEntry(
        rs.getLong("seq"),
        rs.getTimestamp("recorded_at").toInstant(),
        rs.getString("actor"),
        rs.getString("action"),
        rs.getString("org_id"),
        rs.getString("subject"),
        rs.getString("outcome"),
        rs.getString("detail"),
        rs.getBytes("prev_hash"),
        rs.getBytes("entry_hash"));
  }
}
