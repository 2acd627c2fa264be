package io.custodian.offload;

import io.custodian.offload.sftp.SftpEndpoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * An organisation's SFTP destination for one stream, as stored, without its secrets.
 *
 * @param every cut a batch every so often; null when {@code dailyAt} is set
 * @param dailyAt cut a batch once a day at this UTC time; null when {@code every} is set
 * @param channelMode how stereo calls are delivered: {@code keep} (one party per channel) or {@code
 *     mix}
 * @param verifyContent whether each delivered file is read back and hashed, beyond its size
 */
public record Destination(
    String orgId,
    OffloadStream stream,
    String host,
    int port,
    String user,
    String hostKey,
    boolean hasPassword,
    boolean hasPrivateKey,
    String directory,
    @Nullable Duration every,
    @Nullable LocalTime dailyAt,
    Duration transferTimeout,
    int parallelism,
    String channelMode,
    boolean verifyContent,
    boolean purgeAfterDelivery,
    boolean enabled,
    Instant nextCutAt) {

  /** The endpoint to connect to, with the secrets opened by the caller. */
  SftpEndpoint endpoint(@Nullable String password, @Nullable String privateKey) {
    return new SftpEndpoint(
        host, port, user, hostKey, password, privateKey, directory, transferTimeout);
  }
}
