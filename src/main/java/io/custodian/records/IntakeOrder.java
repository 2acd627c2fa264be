package io.custodian.records;

import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
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

  /**
   * The organisation's records of {@code table} numbered in {@code (after, upTo]}, in that order,
   * at most {@code limit}, each with the SHA-256 of its content object ({@code objectColumn}).
   */
  static List<IntakeEntry> entries(
      JdbcClient jdbc,
      String table,
      String objectColumn,
      String orgId,
      long after,
      long upTo,
      int limit) {
    return jdbc.sql(
            "select t.id, t.intake_seq, o.sha256 from "
                + table
                + " t join vault_objects o on o.id = t."
                + objectColumn
                + " where t.org_id = :org and t.intake_seq > :after and t.intake_seq <= :upTo"
                + " order by t.intake_seq limit :limit")
        .param("org", orgId)
        .param("after", after)
        .param("upTo", upTo)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new IntakeEntry(
                    rs.getObject(1, UUID.class),
                    rs.getLong(2),
                    HexFormat.of().formatHex(rs.getBytes(3))))
        .list();
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
