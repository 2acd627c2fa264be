package io.custodian.offload.sftp;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach a customer's SFTP server.
 *
 * @param hostKey the server's public key, pinned, in OpenSSH format ({@code ssh-ed25519 AAAA…}); a
 *     server presenting any other key is refused
 * @param password the password, when the server takes one
 * @param privateKey an OpenSSH or PEM private key, when the server takes keys
 * @param directory the remote directory files are delivered into
 * @param timeout the bound on connecting, authenticating and on each file
 */
public record SftpEndpoint(
    String host,
    int port,
    String user,
    String hostKey,
    @Nullable String password,
    @Nullable String privateKey,
    String directory,
    Duration timeout) {

  /** The same server and credentials, delivering into a subdirectory of this one. */
  public SftpEndpoint into(String subdirectory) {
    String base = directory.endsWith("/") ? directory : directory + "/";
    return new SftpEndpoint(
        host, port, user, hostKey, password, privateKey, base + subdirectory, timeout);
  }

  @Override
  public String toString() {
    return user + "@" + host + ":" + port + directory;
  }
}
