package io.custodian.offload;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Cut batches and the runs that deliver them; their items are in {@link BatchItems}. */
@Repository
public class Batches {

  private final JdbcClient jdbc;
  private final BatchItems batchItems;

  Batches(JdbcClient jdbc, BatchItems batchItems) {
    this.jdbc = jdbc;
    this.batchItems = batchItems;
  }

  long lastIntakeSeq(String orgId, OffloadStream stream) {
    return jdbc.sql(
            "select coalesce(max(to_intake_seq), 0) from offload_batches"
                + " where org_id = :org and stream = :s")
        .param("org", orgId)
        .param("s", stream.id())
        .query(Long.class)
        .single();
  }

  /** When the stream's last batch was cut, if any. */
  Optional<Instant> lastCutAt(String orgId, OffloadStream stream) {
    return jdbc.sql("select max(cut_at) from offload_batches where org_id = :org and stream = :s")
        .param("org", orgId)
        .param("s", stream.id())
        .query((rs, n) -> Optional.ofNullable(rs.getTimestamp(1)).map(Timestamp::toInstant))
        .single();
  }

  long nextSeq(String orgId, OffloadStream stream) {
    return jdbc.sql(
            "select coalesce(max(seq), 0) + 1 from offload_batches where org_id = :org and stream = :s")
        .param("org", orgId)
        .param("s", stream.id())
        .query(Long.class)
        .single();
  }

  /** Inserts a new batch with its items, in the caller's transaction. */
  void insert(Batch b, List<BatchItems.Item> items) {
    jdbc.sql(
            """
            insert into offload_batches
              (id, org_id, stream, seq, name, cut_at, after_intake_seq, to_intake_seq, item_count,
               status, next_attempt_at, channel_mode)
            values (:id, :org, :s, :seq, :name, :cut, :after, :to, :count, 'pending', :next, :mode)
            """)
        .param("id", b.id())
        .param("org", b.orgId())
        .param("s", b.stream().id())
        .param("seq", b.seq())
        .param("name", b.name())
        .param("cut", Timestamp.from(b.cutAt()))
        .param("after", b.afterIntakeSeq())
        .param("to", b.toIntakeSeq())
        .param("count", b.itemCount())
        .param("next", Timestamp.from(b.nextAttemptAt()))
        .param("mode", b.channelMode())
        .update();
    batchItems.insert(b, items);
  }

  /** The oldest pending batch of a destination: batches are delivered strictly in order. */
  Optional<Batch> oldestPending(String orgId, OffloadStream stream) {
    return jdbc.sql(
            "select * from offload_batches where org_id = :org and stream = :s and status = 'pending'"
                + " order by seq limit 1")
        .param("org", orgId)
        .param("s", stream.id())
        .query(Batches::map)
        .optional();
  }

  /** The destination's undelivered batches: how many, their content bytes, the oldest cut. */
  OffloadMetrics.Backlog backlog(Destination d) {
    return jdbc.sql(
            """
            select count(distinct b.id), coalesce(sum(o.size_bytes), 0), min(b.cut_at)
              from offload_batches b
              left join offload_batch_items i on i.batch_id = b.id
              left join recordings r on r.id = i.record_id
              left join messages m on m.id = i.record_id
              left join vault_objects o on o.id = coalesce(r.object_id, m.body_object_id)
             where b.org_id = :org and b.stream = :s and b.status = 'pending'
            """)
        .param("org", d.orgId())
        .param("s", d.stream().id())
        .query(
            (rs, n) ->
                new OffloadMetrics.Backlog(
                    d,
                    rs.getInt(1),
                    rs.getLong(2),
                    rs.getTimestamp(3) == null ? Instant.EPOCH : rs.getTimestamp(3).toInstant()))
        .single();
  }

  /** The delivery attempts of the organisation's batches of a stream, newest first. */
  public List<Run> runs(String orgId, OffloadStream stream, int limit) {
    return jdbc.sql(
            """
            select b.name, r.started_at, r.completed_at, r.files_sent, r.files_skipped, r.bytes_sent,
                   r.outcome, r.error
              from offload_runs r join offload_batches b on b.id = r.batch_id
             where b.org_id = :org and b.stream = :s
             order by r.started_at desc
             limit :limit
            """)
        .param("org", orgId)
        .param("s", stream.id())
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Run(
                    rs.getString("name"),
                    rs.getTimestamp("started_at").toInstant(),
                    rs.getTimestamp("completed_at") == null
                        ? null
                        : rs.getTimestamp("completed_at").toInstant(),
                    rs.getInt("files_sent"),
                    rs.getInt("files_skipped"),
                    rs.getLong("bytes_sent"),
                    rs.getString("outcome"),
                    rs.getString("error")))
        .list();
  }

  /**
   * One delivery attempt of a batch.
   *
   * @param outcome {@code delivered} or {@code failed}; null while it runs
   */
  public record Run(
      String batch,
      Instant startedAt,
      @Nullable Instant completedAt,
      int filesSent,
      int filesSkipped,
      long bytesSent,
      @Nullable String outcome,
      @Nullable String error) {}

  /** The organisation's batches of a stream, newest first. */
  public List<Batch> list(String orgId, OffloadStream stream, int limit) {
    return jdbc.sql(
            "select * from offload_batches where org_id = :org and stream = :s"
                + " order by seq desc limit :limit")
        .param("org", orgId)
        .param("s", stream.id())
        .param("limit", limit)
        .query(Batches::map)
        .list();
  }

  /** Marks a batch delivered; {@code purgeDue} records whether its records are to be purged. */
  void markDelivered(UUID batchId, Instant at, boolean purgeDue) {
    jdbc.sql(
            "update offload_batches set status = 'delivered', delivered_at = :at, last_error = null,"
                + " purge_due = :purge where id = :b")
        .param("at", Timestamp.from(at))
        .param("purge", purgeDue)
        .param("b", batchId)
        .update();
  }

  /** Delivered batches whose records are to be purged and have not been, oldest first. */
  List<Batch> awaitingPurge(int limit) {
    return jdbc.sql(
            "select * from offload_batches where purge_due and purged_at is null"
                + " order by delivered_at limit :limit")
        .param("limit", limit)
        .query(Batches::map)
        .list();
  }

  void markPurged(UUID batchId, Instant at) {
    jdbc.sql("update offload_batches set purged_at = :at where id = :b")
        .param("at", Timestamp.from(at))
        .param("b", batchId)
        .update();
  }

  /** The delivered batch of the stream that holds the record, if there is one. */
  Optional<Batch> deliveredWith(String orgId, OffloadStream stream, UUID recordId) {
    return jdbc.sql(
            """
            select b.* from offload_batches b join offload_batch_items i on i.batch_id = b.id
             where b.org_id = :org and b.stream = :s and i.record_id = :r
               and b.status = 'delivered' and (i.state is null or i.state = 'delivered')
             order by b.seq limit 1
            """)
        .param("org", orgId)
        .param("s", stream.id())
        .param("r", recordId)
        .query(Batches::map)
        .optional();
  }

  void failed(UUID batchId, String error, Instant retryAt) {
    jdbc.sql(
            "update offload_batches set attempts = attempts + 1, last_error = :e,"
                + " next_attempt_at = :next where id = :b")
        .param("e", error.length() > 1000 ? error.substring(0, 1000) : error)
        .param("next", Timestamp.from(retryAt))
        .param("b", batchId)
        .update();
  }

  UUID startRun(UUID batchId, Instant at) {
    UUID id = UUID.randomUUID();
    jdbc.sql("insert into offload_runs (id, batch_id, started_at) values (:id, :b, :at)")
        .param("id", id)
        .param("b", batchId)
        .param("at", Timestamp.from(at))
        .update();
    return id;
  }

  void endRun(
      UUID runId,
      Instant at,
      int sent,
      int skipped,
      long bytes,
      String outcome,
      @Nullable String error) {
    jdbc.sql(
            """
            update offload_runs set completed_at = :at, files_sent = :sent, files_skipped = :skipped,
                   bytes_sent = :bytes, outcome = :outcome, error = :error
             where id = :id
            """)
        .param("at", Timestamp.from(at))
        .param("sent", sent)
        .param("skipped", skipped)
        .param("bytes", bytes)
        .param("outcome", outcome)
        .param("error", error)
        .param("id", runId)
        .update();
  }

  private static Batch map(ResultSet rs, int row) throws SQLException {
    Timestamp delivered = rs.getTimestamp("delivered_at");
    return new Batch(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        OffloadStream.of(rs.getString("stream")).orElseThrow(),
        rs.getLong("seq"),
        rs.getString("name"),
        rs.getTimestamp("cut_at").toInstant(),
        rs.getLong("after_intake_seq"),
        rs.getLong("to_intake_seq"),
        rs.getInt("item_count"),
        rs.getString("status"),
        rs.getInt("attempts"),
        rs.getString("last_error"),
        rs.getTimestamp("next_attempt_at").toInstant(),
        delivered == null ? null : delivered.toInstant(),
        rs.getString("channel_mode"));
  }
}
