package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.custodian.offload.sftp.SftpEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * An organisation's destination for one stream, as stored, without its secrets. For the SFTP
 * streams it is all there is; a mail destination's own settings are in {@link MailDestination}, and
 * it has no user for SFTP, host key or directory. Its JSON uses the request's names ({@code
 * everyMinutes}, {@code dailyAt} as {@code HH:mm}, {@code transferTimeoutSeconds}), so what {@code
 * GET} answers can be edited and sent back with {@code PUT}.
 *
 * @param every cut a batch every so often; null when {@code dailyAt} is set
 * @param dailyAt cut a batch once a day at this UTC time; null when {@code every} is set
 * @param channelMode how stereo calls are delivered: {@code keep} (one party per channel) or {@code
 *     mix}
 * @param verifyContent whether each delivered file is read back and hashed, beyond its size
 */
@JsonPropertyOrder({
  "orgId",
  "stream",
  "host",
  "port",
  "user",
  "hostKey",
  "hasPassword",
  "hasPrivateKey",
  "directory",
  "everyMinutes",
  "dailyAt",
  "transferTimeoutSeconds",
  "parallelism",
  "channelMode",
  "verifyContent",
  "purgeAfterDelivery",
  "enabled",
  "nextCutAt"
})
public record Destination(
    String orgId,
    OffloadStream stream,
    String host,
    int port,
    @Nullable String user,
    @Nullable String hostKey,
    boolean hasPassword,
    boolean hasPrivateKey,
    @Nullable String directory,
    @JsonIgnore @Nullable Duration every,
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "HH:mm") @Nullable LocalTime dailyAt,
    @JsonIgnore Duration transferTimeout,
    int parallelism,
    String channelMode,
    boolean verifyContent,
    boolean purgeAfterDelivery,
    boolean enabled,
    Instant nextCutAt) {

  /** The interval schedule in minutes; null for a daily one. */
  @JsonProperty("everyMinutes")
  public @Nullable Long everyMinutes() {
    return every == null ? null : every.toMinutes();
  }

  /** The bound on connecting, logging in and each file, in seconds. */
  @JsonProperty("transferTimeoutSeconds")
  public long transferTimeoutSeconds() {
    return transferTimeout.toSeconds();
  }

  /** The endpoint to connect to, with the secrets opened by the caller. */
  SftpEndpoint endpoint(@Nullable String password, @Nullable String privateKey) {
    if (user == null || hostKey == null || directory == null) {
      throw new IllegalStateException("The " + stream.id() + " destination is not an SFTP one");
    }
    return new SftpEndpoint(
        host, port, user, hostKey, password, privateKey, directory, transferTimeout);
  }
}
