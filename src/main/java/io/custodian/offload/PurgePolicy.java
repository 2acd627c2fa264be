package io.custodian.offload;

import io.custodian.compliance.RecordKind;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which destinations a record must reach before it may be purged, and whether they all agree to
 * purge it once they have it. Purging destroys the content for every destination, so no one
 * destination's setting decides alone.
 */
@Component
class PurgePolicy {

  private final JdbcClient jdbc;

  PurgePolicy(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The organisation's configured offload streams (enabled or not) that carry records of this kind:
   * each must have delivered a record before it may be purged. The API destination is asked for on
   * its own ({@link ApiDestinations}).
   */
  List<OffloadStream> carrying(String orgId, RecordKind kind) {
    return jdbc
        .sql("select stream from offload_destinations where org_id = :org order by stream")
        .param("org", orgId)
        .query((rs, n) -> OffloadStream.of(rs.getString(1)).orElseThrow())
        .list()
        .stream()
        .filter(s -> s.carriesMessages() == (kind == RecordKind.MESSAGE))
        .toList();
  }

  /** Whether a batch of this stream, once delivered, is due for purging. */
  boolean agreed(String orgId, OffloadStream stream) {
    return agreed(orgId, stream.carriesMessages() ? RecordKind.MESSAGE : RecordKind.RECORDING);
  }

  /**
   * Whether every destination carrying records of this kind (SFTP, mail, and the API destination
   * when there is one) is set to purge once it has them.
   */
  boolean agreed(String orgId, RecordKind kind) {
    boolean messages = kind == RecordKind.MESSAGE;
    boolean offload =
        jdbc
            .sql(
                "select stream, purge_after_delivery from offload_destinations where org_id = :org")
            .param("org", orgId)
            .query(
                (rs, n) ->
                    OffloadStream.of(rs.getString(1)).orElseThrow().carriesMessages() != messages
                        || rs.getBoolean(2))
            .list()
            .stream()
            .allMatch(Boolean::booleanValue);
    return offload
        && jdbc.sql(
                "select coalesce(bool_and(purge_after_acknowledgement), true) from api_destinations"
                    + " where org_id = :org")
            .param("org", orgId)
            .query(Boolean.class)
            .single();
  }
}
