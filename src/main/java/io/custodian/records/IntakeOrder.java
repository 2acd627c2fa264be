package io.custodian.records;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The queries by intake order and by id that recordings and messages share, by table. */
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

  /**
   * Records of the organisation by id, in one query; {@code select} selects from the table aliased
   * {@code t} and ends before its {@code where}. Ids not found are left out.
   */
  static <T> Map<UUID, T> findAll(
      JdbcClient jdbc,
      String select,
      String orgId,
      Collection<UUID> ids,
      RowMapper<T> mapper,
      Function<T, UUID> id) {
    Map<UUID, T> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    jdbc.sql(select + " where t.org_id = :org and t.id in (:ids)")
        .param("org", orgId)
        .param("ids", List.copyOf(new LinkedHashSet<>(ids)))
        .query(mapper)
        .list()
        .forEach(record -> found.put(id.apply(record), record));
    return found;
  }
}
