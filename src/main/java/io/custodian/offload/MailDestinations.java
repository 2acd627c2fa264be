package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.offload.smtp.EmlWriter;
import io.custodian.offload.smtp.ParticipantAddresses;
import io.custodian.offload.smtp.SmtpEndpoint;
import io.custodian.web.CustodianException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisations' mail destinations: a row among the offload destinations (schedule, lease,
 * purge setting, the sealed AUTH password) and the SMTP settings beside it. The password is sealed
 * with the key-encryption key, bound to its organisation, and never returned.
 */
@Service
public class MailDestinations {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> ADDRESSES = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final Destinations destinations;
  private final AuditTrail audit;
  private final OffloadSettings settings;
  private final Clock clock;

  MailDestinations(
      JdbcClient jdbc,
      Destinations destinations,
      AuditTrail audit,
      OffloadSettings settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.destinations = destinations;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  /** Everything a delivery needs: where to send, how to write the messages, how fast. */
  record Route(SmtpEndpoint endpoint, EmlWriter writer, int perConnection, int ratePerMinute) {}

  /** Creates or replaces the organisation's mail destination. */
  @Transactional
  public MailDestination save(String orgId, MailDestinationRequest r, String actor) {
    Optional<Destination> existing = destinations.find(orgId, OffloadStream.MAIL);
    boolean newPassword = r.password() != null && !r.password().isEmpty();
    String stored =
        existing.isPresent() && !newPassword && r.user() != null
            ? storedPassword(existing.get())
            : null;
    MailDestinationRequest.Valid v = r.valid(stored, settings.messagesDailyAt());
    SmtpEndpoint e = v.endpoint();
    byte[] password =
        e.password() == null
            ? null
            : destinations.seal(orgId, OffloadStream.MAIL, "password", e.password());
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    try {
      jdbc.sql(
              """
              insert into offload_destinations
                (org_id, stream, host, port, username, password_sealed, every_seconds, daily_at,
                 transfer_timeout_ms, parallelism, channel_mode, verify_content,
                 purge_after_delivery, enabled, next_cut_at, updated_at)
              values
                (:org, 'mail', :host, :port, :user, :password, :every, :dailyAt, :timeout, 1, 'keep',
                 false, :purge, :enabled, :nextCut, :now)
              on conflict (org_id, stream) do update set
                host = excluded.host, port = excluded.port, username = excluded.username,
                password_sealed = excluded.password_sealed, every_seconds = excluded.every_seconds,
                daily_at = excluded.daily_at, transfer_timeout_ms = excluded.transfer_timeout_ms,
                purge_after_delivery = excluded.purge_after_delivery, enabled = excluded.enabled,
                next_cut_at = excluded.next_cut_at, updated_at = excluded.updated_at
              """)
          .param("org", orgId)
          .param("host", e.host())
          .param("port", e.port())
          .param("user", e.user())
          .param("password", password)
          .param("every", v.every() == null ? null : (int) v.every().toSeconds())
          .param("dailyAt", v.dailyAt() == null ? null : Time.valueOf(v.dailyAt()))
          .param("timeout", e.timeout().toMillis())
          .param("purge", v.purgeAfterDelivery())
          .param("enabled", v.enabled())
          .param("nextCut", Timestamp.from(Schedule.next(v.every(), v.dailyAt(), now)))
          .param("now", Timestamp.from(now))
          .update();
    } catch (DataIntegrityViolationException ex) {
      throw CustodianException.notFound("Organisation " + orgId);
    }
    jdbc.sql(
            """
            insert into offload_mail_settings
              (org_id, tls, envelope_sender, recipients, participant_domain, known_addresses,
               trusted_certificates, messages_per_connection, rate_per_minute)
            values
              (:org, :tls, :sender, string_to_array(:recipients, E'\\n'), :domain,
               cast(:known as jsonb), :certificates, :perConnection, :rate)
            on conflict (org_id, stream) do update set
              tls = excluded.tls, envelope_sender = excluded.envelope_sender,
              recipients = excluded.recipients, participant_domain = excluded.participant_domain,
              known_addresses = excluded.known_addresses,
              trusted_certificates = excluded.trusted_certificates,
              messages_per_connection = excluded.messages_per_connection,
              rate_per_minute = excluded.rate_per_minute
            """)
        .param("org", orgId)
        .param("tls", MailDestinationRequest.name(e.tls()))
        .param("sender", e.envelopeSender())
        .param("recipients", String.join("\n", e.recipients()))
        .param("domain", v.participantDomain())
        .param("known", JSON.writeValueAsString(v.knownAddresses()))
        .param("certificates", e.trustedCertificates())
        .param("perConnection", v.messagesPerConnection())
        .param("rate", v.ratePerMinute())
        .update();
    audit.record(
        new AuditEvent(
            actor,
            "offload.destination.save",
            orgId,
            OffloadStream.MAIL.id(),
            Outcome.SUCCESS,
            "host=" + e.host() + " tls=" + MailDestinationRequest.name(e.tls())));
    return find(orgId).orElseThrow();
  }

  /** The organisation's mail destination. */
  public Optional<MailDestination> find(String orgId) {
    return jdbc.sql(
            """
            select d.org_id, d.host, d.port, d.username, d.password_sealed is not null as has_password,
                   d.every_seconds, d.daily_at, d.transfer_timeout_ms, d.purge_after_delivery,
                   d.enabled, d.next_cut_at, m.tls, m.envelope_sender,
                   array_to_string(m.recipients, E'\\n') as recipients, m.participant_domain,
                   m.known_addresses::text as known_addresses, m.trusted_certificates,
                   m.messages_per_connection, m.rate_per_minute
              from offload_destinations d
              join offload_mail_settings m on m.org_id = d.org_id and m.stream = d.stream
             where d.org_id = :org and d.stream = 'mail'
            """)
        .param("org", orgId)
        .query(MailDestinations::map)
        .optional();
  }

  /** The route of a destination about to be delivered to, with its password opened. */
  Route route(Destination d) {
    MailDestination m = find(d.orgId()).orElseThrow(() -> new IllegalStateException("no route"));
    SmtpEndpoint endpoint =
        new SmtpEndpoint(
            m.host(),
            m.port(),
            SmtpEndpoint.Tls.valueOf(m.tls().toUpperCase(java.util.Locale.ROOT)),
            m.user(),
            m.user() == null ? null : storedPassword(d),
            m.envelopeSender(),
            m.recipients(),
            m.trustedCertificates(),
            Duration.ofSeconds(m.timeoutSeconds()));
    EmlWriter writer =
        new EmlWriter(
            new ParticipantAddresses(m.participantDomain(), m.knownAddresses()),
            EmlWriter.DEFAULT_MESSAGE_ID_DOMAIN);
    return new Route(endpoint, writer, m.messagesPerConnection(), m.ratePerMinute());
  }

  private @Nullable String storedPassword(Destination d) {
    byte[] sealed =
        jdbc.sql(
                "select password_sealed from offload_destinations"
                    + " where org_id = :org and stream = 'mail'")
            .param("org", d.orgId())
            .query((rs, n) -> rs.getBytes(1))
            .optional()
            .orElse(null);
    return destinations.open(d, "password", sealed);
  }

  private static MailDestination map(ResultSet rs, int row) throws SQLException {
    int every = rs.getInt("every_seconds");
    boolean continuous = !rs.wasNull();
    Time dailyAt = rs.getTime("daily_at");
    return new MailDestination(
        rs.getString("org_id"),
        OffloadStream.MAIL,
        rs.getString("host"),
        rs.getInt("port"),
        rs.getString("tls"),
        rs.getString("username"),
        rs.getBoolean("has_password"),
        rs.getString("envelope_sender"),
        List.copyOf(Arrays.asList(rs.getString("recipients").split("\n"))),
        rs.getString("participant_domain"),
        JSON.readValue(rs.getString("known_addresses"), ADDRESSES),
        rs.getString("trusted_certificates"),
        continuous ? "continuous" : "daily",
        continuous ? every : null,
        dailyAt == null ? null : dailyAt.toLocalTime(),
        Duration.ofMillis(rs.getLong("transfer_timeout_ms")).toSeconds(),
        rs.getInt("messages_per_connection"),
        rs.getInt("rate_per_minute"),
        rs.getBoolean("purge_after_delivery"),
        rs.getBoolean("enabled"),
        rs.getTimestamp("next_cut_at").toInstant());
  }
}
