package io.custodian.records;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list query that recordings and messages share: one organisation's records after an intake
 * sequence number, filtered, in intake order. With a participant the walk starts from {@code
 * record_parties}, whose key ends in the intake sequence number, so every filtered page is an
 * ordered index range scan however deep the position.
 */
final class RecordListing {

  private RecordListing() {}

  /** The SQL after {@code select …} and its parameters. */
  record Sql(String text, Map<String, Object> params) {}

  /**
   * The {@code from … order by … limit} part for {@code table} aliased {@code t}, joined to {@code
   * join}, with {@code timeColumn} as the record's own time.
   */
  static Sql from(String table, String join, String kind, String timeColumn, RecordQuery q) {
    Map<String, Object> params = new LinkedHashMap<>();
    StringBuilder sql = new StringBuilder(" from ").append(table).append(" t ").append(join);
    if (q.participant() != null) {
      sql.append(
          " join record_parties p on p.org_id = t.org_id and p.intake_seq = t.intake_seq"
              + " and p.kind = :kind and p.party = :party");
      params.put("kind", kind);
      params.put("party", q.participant());
    }
    sql.append(" where t.org_id = :org and t.intake_seq > :after");
    params.put("org", q.orgId());
    params.put("after", q.afterSeq());
    equal(sql, params, "t.sub_org_id", "sub", q.subOrg());
    equal(sql, params, "t.direction", "direction", q.direction());
    if (kind.equals("message")) {
      equal(sql, params, "t.channel", "channel", q.channel());
    }
    bound(sql, params, "t." + timeColumn, ">=", "timeFrom", q.timeFrom());
    bound(sql, params, "t." + timeColumn, "<", "timeBefore", q.timeBefore());
    bound(sql, params, "t.received_at", ">=", "receivedFrom", q.receivedFrom());
    bound(sql, params, "t.received_at", "<", "receivedBefore", q.receivedBefore());
    sql.append(" order by t.intake_seq limit :limit");
    params.put("limit", q.limit());
    return new Sql(sql.toString(), params);
  }

  /** Records who took part in a new record, in the caller's transaction. */
  static void insertParties(
      JdbcClient jdbc, String orgId, String kind, long seq, Collection<@Nullable String> parties) {
    for (String party : new LinkedHashSet<>(parties)) {
      if (party == null) {
        continue;
      }
      jdbc.sql(
              """
              insert into record_parties (org_id, kind, party, intake_seq)
              values (:org, :kind, :party, :seq) on conflict do nothing
              """)
          .param("org", orgId)
          .param("kind", kind)
          .param("party", party)
          .param("seq", seq)
          .update();
    }
  }

  private static void equal(
      StringBuilder sql,
      Map<String, Object> params,
      String column,
      String name,
      @Nullable String v) {
    if (v != null) {
      sql.append(" and ").append(column).append(" = :").append(name);
      params.put(name, v);
    }
  }

  private static void bound(
      StringBuilder sql,
      Map<String, Object> params,
      String column,
      String operator,
      String name,
      @Nullable Instant v) {
    if (v != null) {
      sql.append(" and ").append(column).append(' ').append(operator).append(" :").append(name);
      params.put(name, Timestamp.from(v));
    }
  }
}
