package io.custodian.vault;

import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The vault's catalogue: what is stored of each object, read from its row, not its content. */
final class Catalogue {

  private final JdbcClient jdbc;

  Catalogue(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** As {@link Vault#describe}. */
  StoredObject describe(String orgId, UUID id) {
    Described found =
        jdbc.sql(
                """
                select id, org_id, sha256, size_bytes, wrapped_key, kek_id, shredded_at
                  from vault_objects where id = :id and org_id = :org
                """)
            .param("id", id)
            .param("org", orgId)
            .query(
                (rs, n) -> {
                  Timestamp shredded = rs.getTimestamp("shredded_at");
                  if (shredded != null) {
                    return new Described(null, shredded.toInstant());
                  }
                  return new Described(storedObject(rs), null);
                })
            .optional()
            .orElseThrow(() -> CustodianException.notFound("Object " + id));
    if (found.object() == null) {
      throw new CustodianException(
          ErrorCode.CONTENT_PURGED,
          "The content was purged at " + found.shreddedAt() + "; its metadata remains");
    }
    return found.object();
  }

  private record Described(@Nullable StoredObject object, @Nullable Instant shreddedAt) {}

  /** As {@link Vault#describeAll}. */
  Map<UUID, StoredObject> describeAll(String orgId, Collection<UUID> ids) {
    Map<UUID, StoredObject> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    jdbc.sql(
            """
            select id, org_id, sha256, size_bytes, wrapped_key, kek_id from vault_objects
             where org_id = :org and id in (:ids) and shredded_at is null
            """)
        .param("org", orgId)
        .param("ids", List.copyOf(new HashSet<>(ids)))
        .query((rs, n) -> storedObject(rs))
        .list()
        .forEach(object -> found.put(object.id(), object));
    return found;
  }

  private static StoredObject storedObject(ResultSet rs) throws SQLException {
    return new StoredObject(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        rs.getBytes("sha256"),
        rs.getLong("size_bytes"),
        rs.getBytes("wrapped_key"),
        rs.getString("kek_id"));
  }
}
