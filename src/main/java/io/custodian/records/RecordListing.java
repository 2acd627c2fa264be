package io.custodian.records;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list query that recordings and messages share: one organisation's records after an intake
 * sequence number, filtered, in intake order, never by offset.
 *
 * <ul>
 *   <li>With a participant, the walk is driven by {@code record_parties}, keyed by party and then
 *       intake number.
 *   <li>Without a time range, the intake-ordered index of a filter (or the table's own) is walked
 *       from the cursor: one ordered index range scan at any depth.
 *   <li>With a time range, first the next {@value #WINDOW} records after the cursor are tried:
 *       times follow intake order closely (a record's {@code receivedAt} is taken with its intake
 *       number), so once a client pages inside a range its next page is there. If that window holds
 *       no full page, the page's intake numbers are chosen from the time index alone (it carries
 *       the other filter columns: an index-only scan of the range and a top-N sort of numbers), so
 *       a first page deep in history costs the size of the range, not of the table.
 * </ul>
 */
final class RecordListing {

  /** How many records after the cursor a time-filtered page is first looked for in. */
  static final int WINDOW = 2000;

  private RecordListing() {}

  /**
   * A listed table: {@code join} brings in the content object as {@code o}; {@code timeColumn} is
   * the record's own time.
   */
  record Table(String name, String join, String kind, String timeColumn) {}

  static <T> List<T> list(JdbcClient jdbc, Table table, RecordQuery q, RowMapper<T> mapper) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", q.orgId());
    params.put("after", q.afterSeq());
    params.put("limit", q.limit());
    String select =
        "select t.*, o.sha256, o.size_bytes from " + table.name() + " t " + table.join();
    boolean timed =
        q.timeFrom() != null
            || q.timeBefore() != null
            || q.receivedFrom() != null
            || q.receivedBefore() != null;
    if (q.participant() != null || !timed) {
      StringBuilder sql = new StringBuilder(select);
      if (q.participant() != null) {
        sql.append(
            " join record_parties p on p.org_id = t.org_id and p.intake_seq = t.intake_seq"
                + " and p.kind = :kind and p.party = :party");
        params.put("kind", table.kind());
        params.put("party", q.participant());
      }
      sql.append(" where t.org_id = :org and t.intake_seq > :after");
      filters(sql, params, "t", table, q);
      sql.append(" order by t.intake_seq limit :limit");
      return jdbc.sql(sql.toString()).params(params).query(mapper).list();
    }
    List<Long> seqs = timedPage(jdbc, table, q, params);
    if (seqs.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            select + " where t.org_id = :org and t.intake_seq in (:seqs) order by t.intake_seq")
        .param("org", q.orgId())
        .param("seqs", seqs)
        .query(mapper)
        .list();
  }

  /** The intake numbers of a time-filtered page. */
  private static List<Long> timedPage(
      JdbcClient jdbc, Table table, RecordQuery q, Map<String, Object> params) {
    String columns =
        "s.intake_seq, s.sub_org_id, s.direction, s."
            + table.timeColumn()
            + ", s.received_at"
            + (table.kind().equals("message") ? ", s.channel" : "");
    StringBuilder window =
        new StringBuilder("with s as (select ")
            .append(columns)
            .append(" from ")
            .append(table.name())
            .append(" s where s.org_id = :org and s.intake_seq > :after")
            .append(" order by s.intake_seq limit :window)")
            .append(" select (select count(*) from s) as scanned,")
            .append(" array(select s.intake_seq from s where true");
    filters(window, params, "s", table, q);
    window.append(" order by s.intake_seq limit :limit) as seqs");
    params.put("window", WINDOW);
    Window found =
        jdbc.sql(window.toString())
            .params(params)
            .query((rs, n) -> new Window(rs.getLong("scanned"), longs(rs.getArray("seqs"))))
            .single();
    if (found.seqs().size() >= q.limit() || found.scanned() < WINDOW) {
      return found.seqs();
    }
    StringBuilder ranged =
        new StringBuilder("select s.intake_seq from ")
            .append(table.name())
            .append(" s where s.org_id = :org and s.intake_seq > :after");
    filters(ranged, params, "s", table, q);
    // "+ 0": sorted, not walked in intake order, so the time index is the one scanned
    ranged.append(" order by s.intake_seq + 0 limit :limit");
    return jdbc.sql(ranged.toString()).params(params).query(Long.class).list();
  }

  private record Window(long scanned, List<Long> seqs) {}

  private static List<Long> longs(Array array) throws java.sql.SQLException {
    Object values = array.getArray();
    return Arrays.stream((Long[]) values).toList();
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

  private static void filters(
      StringBuilder sql, Map<String, Object> params, String alias, Table table, RecordQuery q) {
    equal(sql, params, alias + ".sub_org_id", "sub", q.subOrg());
    equal(sql, params, alias + ".direction", "direction", q.direction());
    if (table.kind().equals("message")) {
      equal(sql, params, alias + ".channel", "channel", q.channel());
    }
    String time = alias + "." + table.timeColumn();
    bound(sql, params, time, ">=", "timeFrom", q.timeFrom());
    bound(sql, params, time, "<", "timeBefore", q.timeBefore());
    bound(sql, params, alias + ".received_at", ">=", "receivedFrom", q.receivedFrom());
    bound(sql, params, alias + ".received_at", "<", "receivedBefore", q.receivedBefore());
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
