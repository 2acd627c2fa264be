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

/** The call recordings of every organisation; every query is scoped to one organisation. */
@Repository
public class Recordings {

  private static final TypeReference<List<Participant>> PARTICIPANTS = new TypeReference<>() {};

  private static final RecordListing.Table TABLE =
      new RecordListing.Table(
          "recordings",
          "join vault_objects o on o.id = t.object_id",
          "recording",
          "started_at",
          "started_day");

  private final JdbcClient jdbc;
  private final JsonMapper json;

  Recordings(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Stores a new recording, in the caller's transaction. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void insert(Recording r) {
    jdbc.sql(
            """
            insert into recordings
              (id, org_id, sub_org_id, intake_seq, source_id, request_digest, call_id, direction,
               participants, started_at, ended_at, device_id, location, object_id, audio_encoding,
               channels, sample_rate, duration_ms, received_at, audio_data_bytes, started_day,
               received_day)
            values
              (:id, :org, :sub, :seq, :source, :digest, :call, :direction, :participants,
               :started, :ended, :device, :location, :object, :encoding, :channels, :rate,
               :duration, :received, :dataBytes, :startedDay, :receivedDay)
            """)
        .param("id", r.id())
        .param("org", r.orgId())
        .param("sub", r.subOrg())
        .param("seq", r.intakeSeq())
        .param("source", r.sourceId())
        .param("digest", r.requestDigest())
        .param("call", r.callId())
        .param("direction", r.direction())
        .param("participants", json.writeValueAsString(r.participants()))
        .param("started", Timestamp.from(r.startedAt()))
        .param("ended", Timestamp.from(r.endedAt()))
        .param("device", r.deviceId())
        .param("location", r.location() == null ? null : json.writeValueAsString(r.location()))
        .param("object", r.audio().objectId())
        .param("encoding", r.audio().encoding())
        .param("channels", r.audio().channels())
        .param("rate", r.audio().sampleRate())
        .param("duration", r.audio().durationMs())
        .param("received", Timestamp.from(r.receivedAt()))
        .param("dataBytes", r.audio().dataBytes())
        .param("startedDay", RecordListing.day(r.startedAt()))
        .param("receivedDay", RecordListing.day(r.receivedAt()))
        .update();
    List<@Nullable String> parties = new ArrayList<>();
    for (Participant p : r.participants()) {
      parties.add(p.number());
      parties.add(p.userId());
    }
    RecordListing.insertParties(
        jdbc, r.orgId(), "recording", r.intakeSeq(), r.startedAt(), r.receivedAt(), parties);
  }

  /**
   * Records the first delivery of these recordings to a destination, in the caller's transaction; a
   * recording delivered there before keeps its first time.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void markDelivered(
      String orgId, DeliveredTo to, java.util.Collection<UUID> ids, java.time.Instant at) {
    if (to == DeliveredTo.MAIL) {
      throw new IllegalArgumentException("recordings are not delivered by mail");
    }
    RecordListing.markDelivered(jdbc, "recordings", orgId, to, ids, at);
  }

  /** A page of the organisation's recordings in intake order, as the query selects. */
  public List<Recording> list(RecordQuery query) {
    return RecordListing.list(jdbc, TABLE, query, this::map);
  }

  /** A recording of the organisation by id. */
  public Optional<Recording> find(String orgId, UUID id) {
    return query("r.org_id = :org and r.id = :key", orgId, id);
  }

  /** A recording of the organisation by the sender's id. */
  public Optional<Recording> findBySource(String orgId, String sourceId) {
    return query("r.org_id = :org and r.source_id = :key", orgId, sourceId);
  }

  /**
   * The organisation's records with an intake sequence number in {@code (after, upTo]}, in that
   * order, at most {@code limit}, with their content's SHA-256: what an offload batch freezes.
   */
  public List<IntakeEntry> inIntakeRange(String orgId, long after, long upTo, int limit) {
    return IntakeOrder.entries(jdbc, "recordings", "object_id", orgId, after, upTo, limit);
  }

  private Optional<Recording> query(String where, String orgId, Object key) {
    return jdbc.sql(
            """
            select r.*, o.sha256, o.size_bytes
              from recordings r join vault_objects o on o.id = r.object_id
             where\s"""
                + where)
        .param("org", orgId)
        .param("key", key)
        .query(this::map)
        .optional();
  }

  private Recording map(ResultSet rs, int row) throws SQLException {
    String location = rs.getString("location");
    return new Recording(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        rs.getString("sub_org_id"),
        rs.getLong("intake_seq"),
        rs.getString("source_id"),
        rs.getString("call_id"),
        rs.getString("direction"),
        json.readValue(rs.getString("participants"), PARTICIPANTS),
        rs.getTimestamp("started_at").toInstant(),
        rs.getTimestamp("ended_at").toInstant(),
        rs.getString("device_id"),
        location == null ? null : json.readValue(location, Location.class),
        new Recording.Audio(
            rs.getObject("object_id", UUID.class),
            rs.getString("audio_encoding"),
            rs.getInt("channels"),
            rs.getInt("sample_rate"),
            rs.getLong("duration_ms"),
            rs.getLong("size_bytes"),
            HexFormat.of().formatHex(rs.getBytes("sha256")),
            rs.getLong("audio_data_bytes")),
        rs.getTimestamp("received_at").toInstant(),
        new Recording.Delivery(
            RecordListing.instant(rs, "sftp_delivered_at"),
            RecordListing.instant(rs, "acknowledged_at")),
        rs.getBytes("request_digest"));
  }

  /**
   * The recordings of the organisation with these ids, by id, in one query: what an offload batch
   * reads per chunk instead of one lookup per file. Ids not found are left out.
   */
  public java.util.Map<UUID, Recording> findAll(String orgId, java.util.Collection<UUID> ids) {
    return IntakeOrder.findAll(
        jdbc,
        "select t.*, o.sha256, o.size_bytes from recordings t join vault_objects o on o.id = t.object_id",
        orgId,
        ids,
        this::map,
        Recording::id);
  }
}
