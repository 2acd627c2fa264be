package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.custodian.offload.sftp.SftpConnector;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A destination as an administrator sends it. Secrets left out keep their stored values, so a
 * schedule can change without sending the password again. The read-only fields of the stored
 * destination are accepted and ignored, so a {@code GET}'s answer can be edited and sent back.
 *
 * @param everyMinutes the interval schedule (voice default 30), or
 * @param dailyAt the daily schedule, {@code HH:mm} UTC (messages default 02:00)
 * @param transferTimeoutSeconds the bound on one file (default 360)
 */
@JsonIgnoreProperties({"orgId", "stream", "hasPassword", "hasPrivateKey", "nextCutAt"})
public record DestinationRequest(
    @Nullable String host,
    @Nullable Integer port,
    @Nullable String user,
    @Nullable String hostKey,
    @Nullable String password,
    @Nullable String privateKey,
    @Nullable String directory,
    @Nullable Integer everyMinutes,
    @Nullable String dailyAt,
    @Nullable Integer transferTimeoutSeconds,
    @Nullable Integer parallelism,
    @Nullable String channelMode,
    @Nullable Boolean verifyContent,
    @Nullable Boolean purgeAfterDelivery,
    @Nullable Boolean enabled) {

  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:\\[\\]-]{1,253}");
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
  private static final Pattern DIRECTORY = Pattern.compile("/([A-Za-z0-9._ -]+/?)*");

  String validHost() {
    return require("host", host, HOST);
  }

  int validPort() {
    int value = port == null ? 22 : port;
    if (value < 1 || value > 65535) {
      throw invalid("port must be 1 to 65535");
    }
    return value;
  }

  String validUser() {
    return require("user", user, USER);
  }

  String validHostKey() {
    if (hostKey == null || !SftpConnector.isReadableHostKey(hostKey)) {
      throw invalid(
          "hostKey must be the server's public key in OpenSSH format (ssh-ed25519 AAAA…)");
    }
    return hostKey.trim();
  }

  String validDirectory() {
    String value = require("directory", directory, DIRECTORY);
    for (String segment : value.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        throw invalid("directory must not contain . or .. segments");
      }
    }
    return value;
  }

  @Nullable Duration every(OffloadStream stream, OffloadSettings defaults) {
    if (everyMinutes != null && dailyAt != null) {
      throw invalid("give everyMinutes or dailyAt, not both");
    }
    if (everyMinutes != null) {
      if (everyMinutes < 1 || everyMinutes > 1440) {
        throw invalid("everyMinutes must be 1 to 1440");
      }
      return Duration.ofMinutes(everyMinutes);
    }
    return dailyAt == null && stream == OffloadStream.VOICE ? defaults.voiceEvery() : null;
  }

  @Nullable LocalTime dailyAt(OffloadStream stream, OffloadSettings defaults) {
    if (dailyAt != null) {
      try {
        return LocalTime.parse(dailyAt);
      } catch (java.time.format.DateTimeParseException e) {
        throw invalid("dailyAt must be HH:mm (UTC)");
      }
    }
    return everyMinutes == null && stream == OffloadStream.MESSAGES
        ? defaults.messagesDailyAt()
        : null;
  }

  Duration transferTimeout(OffloadSettings defaults) {
    if (transferTimeoutSeconds == null) {
      return defaults.transferTimeout();
    }
    if (transferTimeoutSeconds < 10 || transferTimeoutSeconds > 3600) {
      throw invalid("transferTimeoutSeconds must be 10 to 3600");
    }
    return Duration.ofSeconds(transferTimeoutSeconds);
  }

  int validParallelism(OffloadSettings defaults) {
    int value = parallelism == null ? defaults.parallelism() : parallelism;
    if (value < 1 || value > 16) {
      throw invalid("parallelism must be 1 to 16");
    }
    return value;
  }

  String validChannelMode() {
    String value = channelMode == null ? "keep" : channelMode;
    if (!value.equals("keep") && !value.equals("mix")) {
      throw invalid("channelMode must be keep or mix");
    }
    return value;
  }

  private static String require(String field, @Nullable String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw invalid(field + " is missing or malformed");
    }
    return value;
  }

  private static CustodianException invalid(String detail) {
    return new CustodianException(ErrorCode.INVALID_REQUEST, detail);
  }
}
