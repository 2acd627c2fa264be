package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.offload.sftp.SftpEndpoint;
import io.custodian.vault.Secrets;
import io.custodian.web.CustodianException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organisations' offload destinations. Passwords and private keys are sealed with the
 * key-encryption key, bound to their organisation and stream, and never returned.
 */
@Service
public class Destinations {

  private static final String COLUMNS =
      """
      org_id, stream, host, port, username, host_key, password_sealed is not null as has_password,
      private_key_sealed is not null as has_private_key, directory, every_seconds, daily_at,
      transfer_timeout_ms, parallelism, channel_mode, verify_content, purge_after_delivery,
      enabled, next_cut_at
      """;

  private final JdbcClient jdbc;
  private final Secrets secrets;
  private final AuditTrail audit;
  private final OffloadSettings settings;
  private final Clock clock;

  Destinations(
      JdbcClient jdbc, Secrets secrets, AuditTrail audit, OffloadSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  /** Creates or replaces the organisation's destination for a stream. */
  @Transactional
  public Destination save(String orgId, OffloadStream stream, DestinationRequest r, String actor) {
    if (stream == OffloadStream.MAIL) {
      throw new CustodianException(
          io.custodian.web.ErrorCode.INVALID_REQUEST, "the mail destination takes SMTP settings");
    }
    Duration every = r.every(stream, settings);
    LocalTime dailyAt = r.dailyAt(stream, settings);
    Optional<Destination> existing = find(orgId, stream);
    byte[] password = seal(orgId, stream, "password", r.password());
    byte[] privateKey = seal(orgId, stream, "private-key", r.privateKey());
    boolean keepSecrets = password == null && privateKey == null && existing.isPresent();
    if (!keepSecrets && password == null && privateKey == null) {
      throw new CustodianException(
          io.custodian.web.ErrorCode.INVALID_REQUEST, "give a password or a privateKey");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    Instant nextCut = Schedule.next(every, dailyAt, now);
    try {
      jdbc.sql(
              """
              insert into offload_destinations
                (org_id, stream, host, port, username, host_key, password_sealed,
                 private_key_sealed, directory, every_seconds, daily_at, transfer_timeout_ms,
                 parallelism, channel_mode, verify_content, purge_after_delivery, enabled,
                 next_cut_at, updated_at)
              values
                (:org, :stream, :host, :port, :user, :hostKey, :password, :privateKey, :directory,
                 :every, :dailyAt, :timeout, :parallelism, :channelMode, :verify, :purge, :enabled,
                 :nextCut, :now)
              on conflict (org_id, stream) do update set
                host = excluded.host, port = excluded.port, username = excluded.username,
                host_key = excluded.host_key,
                password_sealed = case when :keep then offload_destinations.password_sealed
                                       else excluded.password_sealed end,
                private_key_sealed = case when :keep then offload_destinations.private_key_sealed
                                          else excluded.private_key_sealed end,
                directory = excluded.directory, every_seconds = excluded.every_seconds,
                daily_at = excluded.daily_at, transfer_timeout_ms = excluded.transfer_timeout_ms,
                parallelism = excluded.parallelism, channel_mode = excluded.channel_mode,
                verify_content = excluded.verify_content,
                purge_after_delivery = excluded.purge_after_delivery, enabled = excluded.enabled,
                next_cut_at = excluded.next_cut_at, updated_at = excluded.updated_at
              """)
          .param("org", orgId)
          .param("stream", stream.id())
          .param("host", r.validHost())
          .param("port", r.validPort())
          .param("user", r.validUser())
          .param("hostKey", r.validHostKey())
          .param("password", password)
          .param("privateKey", privateKey)
          .param("directory", r.validDirectory())
          .param("every", every == null ? null : (int) every.toSeconds())
          .param("dailyAt", dailyAt == null ? null : Time.valueOf(dailyAt))
          .param("timeout", r.transferTimeout(settings).toMillis())
          .param("parallelism", r.validParallelism(settings))
          .param("channelMode", r.validChannelMode())
          .param("verify", Boolean.TRUE.equals(r.verifyContent()))
          .param("purge", Boolean.TRUE.equals(r.purgeAfterDelivery()))
          .param("enabled", r.enabled() == null || r.enabled())
          .param("nextCut", Timestamp.from(nextCut))
          .param("now", Timestamp.from(now))
          .param("keep", keepSecrets)
          .update();
    } catch (DataIntegrityViolationException e) {
      throw CustodianException.notFound("Organisation " + orgId);
    }
    audit.record(
        new AuditEvent(
            actor,
            "offload.destination.save",
            orgId,
            stream.id(),
            Outcome.SUCCESS,
            "host=" + r.validHost() + " directory=" + r.validDirectory()));
    return find(orgId, stream).orElseThrow();
  }

  /** The organisation's destination for a stream. */
  public Optional<Destination> find(String orgId, OffloadStream stream) {
    return jdbc.sql(
            "select " + COLUMNS + " from offload_destinations where org_id = :org and stream = :s")
        .param("org", orgId)
        .param("s", stream.id())
        .query(Destinations::map)
        .optional();
  }

  /** Enabled destinations whose next batch is due. */
  List<Destination> due(Instant now) {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from offload_destinations where enabled and next_cut_at <= :now"
                + " order by org_id, stream")
        .param("now", Timestamp.from(now))
        .query(Destinations::map)
        .list();
  }

  /** Every enabled destination. */
  List<Destination> enabled() {
    return jdbc.sql(
            "select "
                + COLUMNS
                + " from offload_destinations where enabled order by org_id, stream")
        .query(Destinations::map)
        .list();
  }

  /** Moves the destination's next cut past {@code now}, in the caller's transaction. */
  void scheduled(Destination d, Instant now) {
    jdbc.sql(
            "update offload_destinations set next_cut_at = :next where org_id = :org and stream = :s")
        .param("next", Timestamp.from(Schedule.next(d.every(), d.dailyAt(), now)))
        .param("org", d.orgId())
        .param("s", d.stream().id())
        .update();
  }

  /**
   * Takes the destination for {@code owner} until the lease ends, unless another node holds it:
   * batches of one destination go one at a time, across the cluster.
   */
  boolean lease(Destination d, String owner, Instant now) {
    return jdbc.sql(
                """
                update offload_destinations set lease_owner = :owner, lease_until = :until
                 where org_id = :org and stream = :s
                   and (lease_until is null or lease_until < :now or lease_owner = :owner)
                """)
            .param("owner", owner)
            .param("until", Timestamp.from(now.plus(settings.lease())))
            .param("now", Timestamp.from(now))
            .param("org", d.orgId())
            .param("s", d.stream().id())
            .update()
        == 1;
  }

  void release(Destination d, String owner) {
    jdbc.sql(
            """
            update offload_destinations set lease_owner = null, lease_until = null
             where org_id = :org and stream = :s and lease_owner = :owner
            """)
        .param("owner", owner)
        .param("org", d.orgId())
        .param("s", d.stream().id())
        .update();
  }

  /** The endpoint with its secrets opened, for a transfer about to start. */
  SftpEndpoint endpoint(Destination d) {
    return jdbc.sql(
            "select password_sealed, private_key_sealed from offload_destinations"
                + " where org_id = :org and stream = :s")
        .param("org", d.orgId())
        .param("s", d.stream().id())
        .query(
            (rs, n) ->
                d.endpoint(
                    open(d, "password", rs.getBytes(1)), open(d, "private-key", rs.getBytes(2))))
        .single();
  }

  byte @Nullable [] seal(String orgId, OffloadStream stream, String what, @Nullable String secret) {
    if (secret == null || secret.isEmpty()) {
      return null;
    }
    return secrets.seal(purpose(orgId, stream, what), secret.getBytes(StandardCharsets.UTF_8));
  }

  @Nullable String open(Destination d, String what, byte @Nullable [] sealed) {
    if (sealed == null) {
      return null;
    }
    try {
      return new String(
          secrets.open(purpose(d.orgId(), d.stream(), what), sealed), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("The " + what + " of " + d.orgId() + " cannot be opened", e);
    }
  }

  private static String purpose(String orgId, OffloadStream stream, String what) {
    return "offload:" + orgId + ":" + stream.id() + ":" + what;
  }

  private static Destination map(ResultSet rs, int row) throws SQLException {
    int every = rs.getInt("every_seconds");
    boolean interval = !rs.wasNull();
    Time dailyAt = rs.getTime("daily_at");
    return new Destination(
        rs.getString("org_id"),
        OffloadStream.of(rs.getString("stream")).orElseThrow(),
        rs.getString("host"),
        rs.getInt("port"),
        rs.getString("username"),
        rs.getString("host_key"),
        rs.getBoolean("has_password"),
        rs.getBoolean("has_private_key"),
        rs.getString("directory"),
        interval ? Duration.ofSeconds(every) : null,
        dailyAt == null ? null : dailyAt.toLocalTime(),
        Duration.ofMillis(rs.getLong("transfer_timeout_ms")),
        rs.getInt("parallelism"),
        rs.getString("channel_mode"),
        rs.getBoolean("verify_content"),
        rs.getBoolean("purge_after_delivery"),
        rs.getBoolean("enabled"),
        rs.getTimestamp("next_cut_at").toInstant());
  }
}
