package io.custodian.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The customer's SFTP server, played by Apache MINA SSHD on 127.0.0.1: a new Ed25519 host key and a
 * random password each run, one local directory served as its root. It runs beside the service, not
 * inside it, so nothing of it exists in a real installation.
 */
final class LoopbackSftpServer implements AutoCloseable {

  static final String USER = "archive";

  private final SshServer server;
  private final Path root;
  private final String hostKey;
  private final String password;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LoopbackSftpServer(SshServer server, Path root, String hostKey, String password) {
    this.server = server;
    this.root = root;
    this.hostKey = hostKey;
    this.password = password;
  }

  /** Starts serving {@code root}, creating it and the given subdirectories if needed. */
  static LoopbackSftpServer start(Path root, List<String> directories)
      throws IOException, GeneralSecurityException {
    for (String directory : directories) {
      Files.createDirectories(root.resolve(directory));
    }
    KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    byte[] expected = password.getBytes(StandardCharsets.UTF_8);
    SshServer server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPasswordAuthenticator(
        (user, given, session) ->
            USER.equals(user)
                && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8)));
    server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root.toAbsolutePath()));
    server.start();
    return new LoopbackSftpServer(
        server, root.toAbsolutePath(), PublicKeyEntry.toString(hostKey.getPublic()), password);
  }

  int port() {
    return server.getPort();
  }

  /** The public host key as one OpenSSH line, to pin. */
  String hostKey() {
    return hostKey;
  }

  String password() {
    return password;
  }

  /** The local directory that is the server's {@code /}. */
  Path root() {
    return root;
  }

  @Override
  public void close() throws IOException {
    if (closed.compareAndSet(false, true)) {
      server.stop(true);
    }
  }
}
