package io.custodian.offload.sftp;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * A real SFTP server (Apache MINA SSHD) on a loopback port, serving one directory, with a host key
 * and a password made for this run.
 */
public final class MinaSftpServer implements AutoCloseable {

  public static final String USER = "archive";

  private final SshServer server;
  private final SftpSubsystemFactory sftp = new SftpSubsystemFactory();
  private final KeyPair hostKey;
  private final String password = "pw-" + java.util.UUID.randomUUID();
  private final Path root;

  public MinaSftpServer(Path root) throws IOException, GeneralSecurityException {
    this.root = root;
    this.hostKey = KeyUtils.generateKeyPair("ssh-ed25519", 256);
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(0);
    // like OpenSSH, the server holds an ECDSA key besides the Ed25519 one that tests pin
    server.setKeyPairProvider(
        KeyPairProvider.wrap(KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256), hostKey));
    server.setPasswordAuthenticator(
        (user, pw, session) -> USER.equals(user) && password.equals(pw));
    server.setSubsystemFactories(List.of(sftp));
    server.setFileSystemFactory(new VirtualFileSystemFactory(root));
    server.start();
  }

  /** An endpoint for this server's root directory, with the right pinned key. */
  public SftpEndpoint endpoint() {
    return new SftpEndpoint(
        "127.0.0.1",
        server.getPort(),
        USER,
        PublicKeyEntry.toString(hostKey.getPublic()),
        password,
        null,
        "/",
        Duration.ofSeconds(30));
  }

  /** What a test does before the server handles a write request, on the server's thread. */
  @FunctionalInterface
  public interface WriteHook {
    void beforeWrite(ServerSession session) throws IOException;
  }

  /** Runs {@code hook} before every write request: to count, stall or cut the connection. */
  public void beforeEachWrite(WriteHook hook) {
    addListener(
        new SftpEventListener() {
          @Override
          public void writing(
              ServerSession session,
              String remoteHandle,
              FileHandle localHandle,
              long offset,
              byte[] data,
              int dataOffset,
              int dataLen)
              throws IOException {
            hook.beforeWrite(session);
          }
        });
  }

  /** Lets a test see, and break, what the server does (faults are thrown from listeners). */
  public void addListener(SftpEventListener listener) {
    sftp.addSftpEventListener(listener);
  }

  public Path root() {
    return root;
  }

  public SshServer server() {
    return server;
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
  }
}
