package io.custodian.offload;

import java.sql.Types;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The items frozen into each cut batch, and the file delivered for each. */
@Repository
class BatchItems {

  private static final int[] ITEM_TYPES = {
    Types.OTHER, Types.INTEGER, Types.OTHER, Types.VARCHAR, Types.VARCHAR
  };

  private static final int[] DELIVERED_TYPES = {
    Types.BIGINT, Types.BINARY, Types.OTHER, Types.INTEGER
  };

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  BatchItems(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /** One item of a batch, with what was delivered for it once known. */
  record Item(
      int position,
      UUID recordId,
      @Nullable String fileName,
      @Nullable Long fileSize,
      @Nullable String fileSha256) {}

  /** Inserts a new batch's items, in the caller's transaction with the batch itself. */
  void insert(Batch b, List<Item> items) {
    // One JDBC batch: the driver sends the rows together instead of one round trip each.
    String state = b.stream() == OffloadStream.MAIL ? "pending" : null;
    batch.batchUpdate(
        """
        insert into offload_batch_items (batch_id, position, record_id, file_name, state)
        values (?, ?, ?, ?, ?)
        """,
        items.stream()
            .map(
                item ->
                    new Object[] {b.id(), item.position(), item.recordId(), item.fileName(), state})
            .toList(),
        ITEM_TYPES);
  }

  List<Item> items(UUID batchId) {
    return jdbc.sql(
            "select position, record_id, file_name, file_size, file_sha256 from offload_batch_items"
                + " where batch_id = :b order by position")
        .param("b", batchId)
        .query(
            (rs, n) -> {
              byte[] sha = rs.getBytes("file_sha256");
              long size = rs.getLong("file_size");
              return new Item(
                  rs.getInt("position"),
                  rs.getObject("record_id", UUID.class),
                  rs.getString("file_name"),
                  rs.wasNull() ? null : size,
                  sha == null ? null : HexFormat.of().formatHex(sha));
            })
        .list();
  }

  /** What was delivered for one item: its file's size and SHA-256. */
  record Delivered(int position, long size, String sha256) {}

  /**
   * Records delivered files of a batch, as one JDBC batch; the caller groups them in one
   * transaction.
   */
  void delivered(UUID batchId, List<Delivered> files) {
    batch.batchUpdate(
        "update offload_batch_items set file_size = ?, file_sha256 = ? where batch_id = ? and position = ?",
        files.stream()
            .map(
                file ->
                    new Object[] {
                      file.size(), HexFormat.of().parseHex(file.sha256()), batchId, file.position()
                    })
            .toList(),
        DELIVERED_TYPES);
  }
}
