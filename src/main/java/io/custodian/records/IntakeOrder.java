package io.custodian.records;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The intake-order queries that recordings and messages share, by table. */
final class IntakeOrder {

  private IntakeOrder() {}

  static List<UUID> ids(
      JdbcClient jdbc, String table, String orgId, long after, long upTo, int limit) {
    return jdbc.sql(
            "select id from "
                + table
                + " where org_id = :org and intake_seq > :after and intake_seq <= :upTo"
                + " order by intake_seq limit :limit")
        .param("org", orgId)
        .param("after", after)
        .param("upTo", upTo)
        .param("limit", limit)
        .query(UUID.class)
        .list();
  }

  static long seq(JdbcClient jdbc, String table, String orgId, UUID id) {
    return jdbc.sql("select intake_seq from " + table + " where org_id = :org and id = :id")
        .param("org", orgId)
        .param("id", id)
        .query(Long.class)
        .single();
  }
}
