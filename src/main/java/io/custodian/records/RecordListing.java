package io.custodian.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list query that recordings and messages share: one organisation's records after an intake
 * sequence number, filtered, in intake order, never by offset.
 *
 * <ul>
 *   <li>With a participant, the walk is driven by {@code record_parties}, keyed by party and then
 *       intake number, which carries the record's times so that a time range is checked there.
 *   <li>Without a time range, the intake-ordered index of a filter (or the table's own) is walked
 *       from the cursor: one ordered index range scan at any depth.
 *   <li>With a time range, each UTC day of the range is walked in intake order from the cursor
 *       through the day index, at most a page a day, and the page is the lowest intake numbers of
 *       them. A page costs the days of its range, not the records in it, wherever the cursor is.
 * </ul>
 */
final class RecordListing {

  private static final long SECONDS_A_DAY = 86_400;

  /** How many records one update marks delivered. */
  private static final int MARK_CHUNK = 500;

  private RecordListing() {}

  /**
   * A listed table: {@code join} brings in the content object as {@code o}; {@code timeColumn} is
   * the record's own time and {@code dayColumn} its UTC day.
   */
  record Table(String name, String join, String kind, String timeColumn, String dayColumn) {}

  /** The UTC day of an instant, as the day columns hold it: whole days since 1970-01-01. */
  static int day(Instant t) {
    return Math.toIntExact(Math.floorDiv(t.getEpochSecond(), SECONDS_A_DAY));
  }

  static <T> List<T> list(JdbcClient jdbc, Table table, RecordQuery q, RowMapper<T> mapper) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", q.orgId());
    params.put("after", q.afterSeq());
    params.put("limit", q.limit());
    String select =
        "select t.*, o.sha256, o.size_bytes from " + table.name() + " t " + table.join();
    boolean ownTime = q.timeFrom() != null || q.timeBefore() != null;
    boolean received = q.receivedFrom() != null || q.receivedBefore() != null;
    if (q.participant() != null || !(ownTime || received)) {
      StringBuilder sql = new StringBuilder(select);
      if (q.participant() != null) {
        sql.append(
            " join record_parties p on p.org_id = t.org_id and p.intake_seq = t.intake_seq"
                + " and p.kind = :kind and p.party = :party");
        params.put("kind", table.kind());
        params.put("party", q.participant());
        times(sql, params, "p.record_time", "p.received_at", q);
      }
      sql.append(" where t.org_id = :org and t.intake_seq > :after");
      filters(sql, params, "t", table, q);
      sql.append(" order by t.intake_seq limit :limit");
      return jdbc.sql(sql.toString()).params(params).query(mapper).list();
    }
    boolean byOwnTime =
        ownTime
            && (!received
                || days(q.timeFrom(), q.timeBefore())
                    <= days(q.receivedFrom(), q.receivedBefore()));
    List<Long> seqs =
        byOwnTime
            ? dayWalk(jdbc, table, table.dayColumn(), q.timeFrom(), q.timeBefore(), q, params)
            : dayWalk(jdbc, table, "received_day", q.receivedFrom(), q.receivedBefore(), q, params);
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

  /**
   * How many days a range spans, for choosing which of two ranges to walk: an open start counts
   * from 1970, an open end runs to now.
   */
  private static long days(@Nullable Instant from, @Nullable Instant before) {
    Instant end = before == null ? Instant.now() : before;
    Instant start = from == null ? Instant.EPOCH : from;
    return Math.max(0, Duration.between(start, end).toDays());
  }

  /**
   * The intake numbers of a time-filtered page: every day of the range (clamped to the days the
   * organisation has records on) walked from the cursor through {@code dayColumn}'s index, a page
   * at most a day, every filter checked in the index, the lowest numbers kept.
   */
  private static List<Long> dayWalk(
      JdbcClient jdbc,
      Table table,
      String dayColumn,
      @Nullable Instant from,
      @Nullable Instant before,
      RecordQuery q,
      Map<String, Object> params) {
    String ofOrg = " from " + table.name() + " x where x.org_id = :org)";
    StringBuilder sql =
        new StringBuilder("select s.intake_seq from generate_series(")
            .append("greatest(cast(:firstDay as integer), (select min(x.")
            .append(dayColumn)
            .append(')')
            .append(ofOrg)
            .append("), least(cast(:lastDay as integer), (select max(x.")
            .append(dayColumn)
            .append(')')
            .append(ofOrg)
            .append(")) as d(day) cross join lateral (select s.intake_seq from ")
            .append(table.name())
            .append(" s where s.org_id = :org and s.")
            .append(dayColumn)
            .append(" = d.day and s.intake_seq > :after");
    filters(sql, params, "s", table, q);
    sql.append(" order by s.intake_seq limit :limit) s order by s.intake_seq limit :limit");
    params.put("firstDay", from == null ? null : day(from));
    params.put("lastDay", before == null ? null : day(before));
    return jdbc.sql(sql.toString()).params(params).query(Long.class).list();
  }

  /** Sets a destination's first-delivery time of the records that have none yet. */
  static void markDelivered(
      JdbcClient jdbc,
      String table,
      String orgId,
      DeliveredTo to,
      Collection<UUID> ids,
      Instant at) {
    List<UUID> distinct = List.copyOf(new LinkedHashSet<>(ids));
    for (int from = 0; from < distinct.size(); from += MARK_CHUNK) {
      jdbc.sql(
              "update "
                  + table
                  + " set "
                  + to.column()
                  + " = :at where org_id = :org and id in (:ids) and "
                  + to.column()
                  + " is null")
          .param("at", Timestamp.from(at))
          .param("org", orgId)
          .param("ids", distinct.subList(from, Math.min(distinct.size(), from + MARK_CHUNK)))
          .update();
    }
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  /** Records who took part in a new record, with its times, in the caller's transaction. */
  static void insertParties(
      JdbcClient jdbc,
      String orgId,
      String kind,
      long seq,
      Instant recordTime,
      Instant receivedAt,
      Collection<@Nullable String> parties) {
    for (String party : new LinkedHashSet<>(parties)) {
      if (party == null) {
        continue;
      }
      jdbc.sql(
              """
              insert into record_parties
                (org_id, kind, party, intake_seq, record_time, received_at)
              values (:org, :kind, :party, :seq, :time, :received) on conflict do nothing
              """)
          .param("org", orgId)
          .param("kind", kind)
          .param("party", party)
          .param("seq", seq)
          .param("time", Timestamp.from(recordTime))
          .param("received", Timestamp.from(receivedAt))
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
    times(sql, params, alias + "." + table.timeColumn(), alias + ".received_at", q);
    q.delivered()
        .forEach(
            (to, delivered) ->
                sql.append(" and ")
                    .append(alias)
                    .append('.')
                    .append(to.column())
                    .append(delivered ? " is not null" : " is null"));
  }

  private static void times(
      StringBuilder sql,
      Map<String, Object> params,
      String timeColumn,
      String receivedColumn,
      RecordQuery q) {
    bound(sql, params, timeColumn, ">=", "timeFrom", q.timeFrom());
    bound(sql, params, timeColumn, "<", "timeBefore", q.timeBefore());
    bound(sql, params, receivedColumn, ">=", "receivedFrom", q.receivedFrom());
    bound(sql, params, receivedColumn, "<", "receivedBefore", q.receivedBefore());
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
