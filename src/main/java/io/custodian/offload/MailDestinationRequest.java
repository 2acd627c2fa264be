package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.custodian.offload.smtp.ParticipantAddresses;
import io.custodian.offload.smtp.SmtpEndpoint;
import io.custodian.offload.smtp.TrustedCertificates;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A mail destination as an administrator sends it. A password left out keeps the stored one, so the
 * schedule can change without sending it again. The read-only fields of the stored destination are
 * accepted and ignored, so a {@code GET}'s answer can be edited and sent back.
 *
 * @param tls {@code starttls} (the default), {@code implicit}, or {@code none} (loopback only)
 * @param port the default is 587 with STARTTLS, 465 with implicit TLS, 25 with none
 * @param schedule {@code continuous} (the default) or {@code daily}
 * @param delaySeconds how long a message may wait for its batch in continuous mode (default 60)
 * @param dailyAt the daily schedule, {@code HH:mm} UTC (default 02:00)
 * @param timeoutSeconds the bound on connecting and on each read or write (default 60)
 * @param messagesPerConnection how many messages one connection sends before a new one (100)
 * @param ratePerMinute the most messages a minute, 0 (the default) for no limit
 */
@JsonIgnoreProperties({"orgId", "stream", "hasPassword", "nextCutAt"})
public record MailDestinationRequest(
    @Nullable String host,
    @Nullable Integer port,
    @Nullable String tls,
    @Nullable String user,
    @Nullable String password,
    @Nullable String envelopeSender,
    @Nullable List<String> recipients,
    @Nullable String participantDomain,
    @Nullable Map<String, String> knownAddresses,
    @Nullable String trustedCertificates,
    @Nullable String schedule,
    @Nullable Integer delaySeconds,
    @Nullable String dailyAt,
    @Nullable Integer timeoutSeconds,
    @Nullable Integer messagesPerConnection,
    @Nullable Integer ratePerMinute,
    @Nullable Boolean purgeAfterDelivery,
    @Nullable Boolean enabled) {

  static final int MAX_RECIPIENTS = 20;
  static final int MAX_KNOWN_ADDRESSES = 100_000;

  /** The request's values, checked and with their defaults. */
  record Valid(
      SmtpEndpoint endpoint,
      String participantDomain,
      Map<String, String> knownAddresses,
      @Nullable Duration every,
      @Nullable LocalTime dailyAt,
      int messagesPerConnection,
      int ratePerMinute,
      boolean purgeAfterDelivery,
      boolean enabled) {}

  /**
   * Checks the request.
   *
   * @param storedPassword the stored password, used when the request gives a user and no password
   */
  Valid valid(@Nullable String storedPassword, LocalTime defaultDailyAt) {
    SmtpEndpoint.Tls mode = tlsMode();
    String secret = password == null || password.isEmpty() ? storedPassword : password;
    if (user == null && password != null && !password.isEmpty()) {
      throw invalid("a password needs a user");
    }
    if (user != null && secret == null) {
      throw invalid("give the password of user " + Problems.printable(user, 64));
    }
    if (host == null) {
      throw invalid("host is missing");
    }
    if (envelopeSender == null) {
      throw invalid("envelopeSender is missing");
    }
    if (recipients == null || recipients.isEmpty() || recipients.size() > MAX_RECIPIENTS) {
      throw invalid("recipients must list 1 to " + MAX_RECIPIENTS + " mailboxes");
    }
    if (trustedCertificates != null) {
      try {
        TrustedCertificates.socketFactory(trustedCertificates);
      } catch (IOException | RuntimeException e) {
        throw invalid("trustedCertificates must be PEM certificates");
      }
    }
    SmtpEndpoint endpoint;
    try {
      endpoint =
          new SmtpEndpoint(
              host,
              port(mode),
              mode,
              user,
              user == null ? null : secret,
              envelopeSender,
              recipients,
              trustedCertificates,
              Duration.ofSeconds(bounded("timeoutSeconds", timeoutSeconds, 60, 5, 600)));
    } catch (IllegalArgumentException e) {
      throw invalid(Problems.printable(e.getMessage(), 200));
    }
    Map<String, String> known = knownAddresses == null ? Map.of() : knownAddresses;
    if (known.size() > MAX_KNOWN_ADDRESSES) {
      throw invalid("knownAddresses holds at most " + MAX_KNOWN_ADDRESSES + " entries");
    }
    if (participantDomain == null) {
      throw invalid("participantDomain is missing");
    }
    try {
      new ParticipantAddresses(participantDomain, known);
    } catch (IllegalArgumentException e) {
      throw invalid(Problems.printable(e.getMessage(), 200));
    }
    boolean daily = isDaily();
    if (daily && delaySeconds != null) {
      throw invalid("delaySeconds is for the continuous schedule");
    }
    if (!daily && dailyAt != null) {
      throw invalid("dailyAt is for the daily schedule");
    }
    return new Valid(
        endpoint,
        participantDomain,
        Map.copyOf(known),
        daily ? null : Duration.ofSeconds(bounded("delaySeconds", delaySeconds, 60, 10, 3600)),
        daily ? dailyTime(defaultDailyAt) : null,
        bounded("messagesPerConnection", messagesPerConnection, 100, 1, 10_000),
        bounded("ratePerMinute", ratePerMinute, 0, 0, 1_000_000),
        Boolean.TRUE.equals(purgeAfterDelivery),
        enabled == null || enabled);
  }

  private SmtpEndpoint.Tls tlsMode() {
    String value = tls == null ? "starttls" : tls;
    return switch (value) {
      case "starttls" -> SmtpEndpoint.Tls.STARTTLS;
      case "implicit" -> SmtpEndpoint.Tls.IMPLICIT;
      case "none" -> SmtpEndpoint.Tls.NONE;
      default -> throw invalid("tls must be starttls, implicit or none");
    };
  }

  private int port(SmtpEndpoint.Tls mode) {
    if (port != null) {
      return port;
    }
    return switch (mode) {
      case STARTTLS -> 587;
      case IMPLICIT -> 465;
      case NONE -> 25;
    };
  }

  private boolean isDaily() {
    String value = schedule == null ? "continuous" : schedule;
    return switch (value) {
      case "continuous" -> false;
      case "daily" -> true;
      default -> throw invalid("schedule must be continuous or daily");
    };
  }

  private LocalTime dailyTime(LocalTime defaultDailyAt) {
    if (dailyAt == null) {
      return defaultDailyAt;
    }
    try {
      return LocalTime.parse(dailyAt);
    } catch (DateTimeParseException e) {
      throw invalid("dailyAt must be HH:mm (UTC)");
    }
  }

  private static int bounded(
      String field, @Nullable Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw invalid(field + " must be " + min + " to " + max);
    }
    return v;
  }

  /** The TLS mode's name in requests and answers. */
  static String name(SmtpEndpoint.Tls mode) {
    return mode.name().toLowerCase(Locale.ROOT);
  }

  private static CustodianException invalid(String detail) {
    return new CustodianException(ErrorCode.INVALID_REQUEST, detail);
  }
}
