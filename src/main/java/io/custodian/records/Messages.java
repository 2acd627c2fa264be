package io.custodian.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The messages of every organisation; every query is scoped to one organisation. */
@Repository
public class Messages {

  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<List<StoredAttachment>> ATTACHMENTS = new TypeReference<>() {};

  private static final RecordListing.Table TABLE =
      new RecordListing.Table(
          "messages",
          "join vault_objects o on o.id = t.body_object_id",
          "message",
          "sent_at",
          "sent_day");

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Messages(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Stores a new message, in the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void insert(Message m) {
    jdbc.sql(
            """
            insert into messages
              (id, org_id, sub_org_id, intake_seq, source_id, request_digest, channel, direction,
               sender, recipients, sent_at, thread_id, body_object_id, attachments, received_at, sent_day,
               received_day)
            values
              (:id, :org, :sub, :seq, :source, :digest, :channel, :direction, :sender,
               :recipients, :sent, :thread, :body, :attachments, :received, :sentDay, :receivedDay)
            """)
        .param("id", m.id())
        .param("org", m.orgId())
        .param("sub", m.subOrg())
        .param("seq", m.intakeSeq())
        .param("source", m.sourceId())
        .param("digest", m.requestDigest())
        .param("channel", m.channel())
        .param("direction", m.direction())
        .param("sender", m.from())
        .param("recipients", json.writeValueAsString(m.to()))
        .param("sent", Timestamp.from(m.sentAt()))
        .param("thread", m.threadId())
        .param("body", m.body().objectId())
        .param("attachments", json.writeValueAsString(attachmentRows(m.attachments())))
        .param("received", Timestamp.from(m.receivedAt()))
        .param("sentDay", RecordListing.day(m.sentAt()))
        .param("receivedDay", RecordListing.day(m.receivedAt()))
        .update();
    List<@Nullable String> parties = new ArrayList<>();
    parties.add(m.from());
    parties.addAll(m.to());
    RecordListing.insertParties(
        jdbc, m.orgId(), "message", m.intakeSeq(), m.sentAt(), m.receivedAt(), parties);
  }

  /**
   * Records the first delivery of these messages to a destination, in the caller's transaction; a
   * message delivered there before keeps its first time.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void markDelivered(
      String orgId, DeliveredTo to, java.util.Collection<UUID> ids, java.time.Instant at) {
    RecordListing.markDelivered(jdbc, "messages", orgId, to, ids, at);
  }

  /** A page of the organisation's messages in intake order, as the query selects. */
  public List<Message> list(RecordQuery query) {
    return RecordListing.list(jdbc, TABLE, query, this::map);
  }

  /** A message of the organisation by id. */
  public Optional<Message> find(String orgId, UUID id) {
    return query("m.org_id = :org and m.id = :key", orgId, id);
  }

  /** A message of the organisation by the sender's id. */
  public Optional<Message> findBySource(String orgId, String sourceId) {
    return query("m.org_id = :org and m.source_id = :key", orgId, sourceId);
  }

  /**
   * The organisation's records with an intake sequence number in {@code (after, upTo]}, in that
   * order, at most {@code limit}, with their content's SHA-256: what an offload batch freezes.
   */
  public List<IntakeEntry> inIntakeRange(String orgId, long after, long upTo, int limit) {
    return IntakeOrder.entries(jdbc, "messages", "body_object_id", orgId, after, upTo, limit);
  }

  private Optional<Message> query(String where, String orgId, Object key) {
    return jdbc.sql(
            """
            select m.*, o.sha256, o.size_bytes
              from messages m join vault_objects o on o.id = m.body_object_id
             where\s"""
                + where)
        .param("org", orgId)
        .param("key", key)
        .query(this::map)
        .optional();
  }

  private Message map(ResultSet rs, int row) throws SQLException {
    return new Message(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        rs.getString("sub_org_id"),
        rs.getLong("intake_seq"),
        rs.getString("source_id"),
        rs.getString("channel"),
        rs.getString("direction"),
        rs.getString("sender"),
        json.readValue(rs.getString("recipients"), STRINGS),
        rs.getTimestamp("sent_at").toInstant(),
        rs.getString("thread_id"),
        new Message.Content(
            rs.getObject("body_object_id", UUID.class),
            rs.getLong("size_bytes"),
            HexFormat.of().formatHex(rs.getBytes("sha256"))),
        json.readValue(rs.getString("attachments"), ATTACHMENTS).stream()
            .map(StoredAttachment::attachment)
            .toList(),
        rs.getTimestamp("received_at").toInstant(),
        new Message.Delivery(
            RecordListing.instant(rs, "sftp_delivered_at"),
            RecordListing.instant(rs, "mail_delivered_at"),
            RecordListing.instant(rs, "acknowledged_at")),
        rs.getBytes("request_digest"));
  }

  /** Attachments are stored with their object ids, which the API never shows. */
  private static List<StoredAttachment> attachmentRows(List<Message.Attachment> attachments) {
    return attachments.stream().map(StoredAttachment::of).toList();
  }

  private record StoredAttachment(
      int index,
      String mediaType,
      @Nullable String fileName,
      UUID objectId,
      long size,
      String sha256) {

    Message.Attachment attachment() {
      return new Message.Attachment(
          index, mediaType, fileName, new Message.Content(objectId, size, sha256));
    }

    static StoredAttachment of(Message.Attachment a) {
      return new StoredAttachment(
          a.index(),
          a.mediaType(),
          a.fileName(),
          a.content().objectId(),
          a.content().size(),
          a.content().sha256());
    }
  }

  /**
   * The messages of the organisation with these ids, by id, in one query: what an offload reads per
   * connection instead of one lookup per message. Ids not found are left out.
   */
  public java.util.Map<UUID, Message> findAll(String orgId, java.util.Collection<UUID> ids) {
    return IntakeOrder.findAll(
        jdbc,
        "select t.*, o.sha256, o.size_bytes from messages t"
            + " join vault_objects o on o.id = t.body_object_id",
        orgId,
        ids,
        this::map,
        Message::id);
  }
}
