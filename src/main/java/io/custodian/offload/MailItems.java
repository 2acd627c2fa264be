package io.custodian.offload;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Where each message of a mail batch stands: pending, delivered (with the server's reply and queue
 * id), or dead (kept in the vault, shown in the API, until an operator retries it).
 */
@Repository
public class MailItems {

  private static final int LONGEST_REPLY = 1_000;

  private final JdbcClient jdbc;

  MailItems(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A message of a batch still to be sent, and how many 4xx replies it had so far. */
  record Pending(int position, UUID recordId, int attempts) {}

  /**
   * A message the mailbox refused for good, or that was deferred too often.
   *
   * @param reply the server's last reply, or why the message could not be written
   */
  public record DeadLetter(
      UUID recordId, String batch, int attempts, String reply, Instant deadSince) {}

  List<Pending> pending(UUID batchId) {
    return jdbc.sql(
            "select position, record_id, attempts from offload_batch_items"
                + " where batch_id = :b and state = 'pending' order by position")
        .param("b", batchId)
        .query((rs, n) -> new Pending(rs.getInt(1), rs.getObject(2, UUID.class), rs.getInt(3)))
        .list();
  }

  /** The batch's items that are not pending, by state, for the run's tally. */
  Map<String, Long> settled(UUID batchId) {
    return jdbc
        .sql("select state from offload_batch_items where batch_id = :b and state <> 'pending'")
        .param("b", batchId)
        .query((rs, n) -> rs.getString(1))
        .list()
        .stream()
        .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
  }

  void delivered(UUID batchId, int position, String reply, @Nullable String queueId, Instant at) {
    settle(batchId, position, "delivered", reply, queueId, at, 0);
  }

  void dead(UUID batchId, int position, String reply, Instant at, int attempts) {
    settle(batchId, position, "dead", reply, null, at, attempts);
  }

  /** Counts a 4xx reply to the message; it stays pending. */
  void deferred(UUID batchId, int position, String reply) {
    jdbc.sql(
            "update offload_batch_items set attempts = attempts + 1, reply = :reply"
                + " where batch_id = :b and position = :p and state = 'pending'")
        .param("reply", clip(reply))
        .param("b", batchId)
        .param("p", position)
        .update();
  }

  private void settle(
      UUID batchId,
      int position,
      String state,
      String reply,
      @Nullable String queueId,
      Instant at,
      int attempts) {
    jdbc.sql(
            """
            update offload_batch_items
               set state = :state, reply = :reply, queue_id = :queue, settled_at = :at,
                   attempts = greatest(attempts, :attempts)
             where batch_id = :b and position = :p and state = 'pending'
            """)
        .param("state", state)
        .param("reply", clip(reply))
        .param("queue", queueId)
        .param("at", Timestamp.from(at))
        .param("attempts", attempts)
        .param("b", batchId)
        .param("p", position)
        .update();
  }

  /** The organisation's dead letters, oldest first. */
  public List<DeadLetter> deadLetters(String orgId, int limit) {
    return jdbc.sql(
            """
            select i.record_id, b.name, i.attempts, i.reply, i.settled_at
              from offload_batch_items i join offload_batches b on b.id = i.batch_id
             where b.org_id = :org and b.stream = 'mail' and i.state = 'dead'
             order by i.settled_at, b.seq, i.position limit :limit
            """)
        .param("org", orgId)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new DeadLetter(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getInt(3),
                    rs.getString(4),
                    rs.getTimestamp(5).toInstant()))
        .list();
  }

  /** How many dead letters each organisation has, for the alert gauge. */
  Map<String, Long> deadCounts() {
    return jdbc
        .sql(
            """
            select b.org_id, count(*) from offload_batch_items i
              join offload_batches b on b.id = i.batch_id
             where i.state = 'dead' group by b.org_id
            """)
        .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  /**
   * Puts a dead letter back in the queue: the message is pending again with no attempts counted,
   * and its batch is pending and due now, so the next run sends it. The caller's transaction.
   *
   * @return the batch's name, or empty if the organisation has no such dead letter
   */
  Optional<String> reopen(String orgId, UUID recordId, Instant now) {
    Optional<UUID> batch =
        jdbc.sql(
                """
                update offload_batch_items i set state = 'pending', attempts = 0, reply = null,
                       settled_at = null
                  from offload_batches b
                 where b.id = i.batch_id and b.org_id = :org and b.stream = 'mail'
                   and i.record_id = :r and i.state = 'dead'
                returning i.batch_id
                """)
            .param("org", orgId)
            .param("r", recordId)
            .query((rs, n) -> rs.getObject(1, UUID.class))
            .optional();
    batch.ifPresent(
        id ->
            jdbc.sql(
                    """
                    update offload_batches set status = 'pending', next_attempt_at = :now,
                           attempts = 0, purged_at = null
                     where id = :b
                    """)
                .param("now", Timestamp.from(now))
                .param("b", id)
                .update());
    return batch.flatMap(
        id ->
            jdbc.sql("select name from offload_batches where id = :b")
                .param("b", id)
                .query(String.class)
                .optional());
  }

  private static String clip(String reply) {
    return reply.length() > LONGEST_REPLY ? reply.substring(0, LONGEST_REPLY) : reply;
  }
}
