package io.custodian.offload.sftp;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * OpenSSH's own {@code sshd} as a child process on a loopback port, the server most customers run:
 * configuration, host key, client key and log all live in one directory made for this run.
 *
 * <p>It logs in as the user running the tests (root in CI), by public key only, and serves nothing
 * but SFTP ({@code ForceCommand internal-sftp}). A dedicated test user was rejected: creating one
 * changes {@code /etc/passwd} for good, needs root, and races when test forks run side by side,
 * while the running user needs nothing from the system and leaves files the test can clean up. As
 * root, {@code PermitRootLogin prohibit-password} allows that login by key; as any other user sshd
 * runs unprivileged and can only log that user in.
 */
public final class OpenSshServer implements AutoCloseable {

  private static final Path SSHD = Path.of("/usr/sbin/sshd");
  private static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");
  private static final Path PRIVILEGE_SEPARATION = Path.of("/run/sshd");
  private static final String INSTALL = "apt-get install -y openssh-server, as .ci/run does";
  private static final Duration STARTUP = Duration.ofSeconds(20);

  private final Path home;
  private final String user = System.getProperty("user.name");
  private final String hostKey;
  private final String clientKey;
  private final Path log;
  private final int port;
  private final Process sshd;

  /** Starts sshd with its files in {@code home}, an empty directory; returns once it answers. */
  public OpenSshServer(Path home) throws IOException, InterruptedException {
    for (Path tool : List.of(SSHD, SSH_KEYGEN)) {
      if (!Files.isExecutable(tool)) {
        throw new IllegalStateException(tool + " is missing: " + INSTALL);
      }
    }
    requireUnlocked(user);
    boolean root = "root".equals(user);
    if (root) {
      Files.createDirectories(
          PRIVILEGE_SEPARATION,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
    this.home = home;
    this.log = home.resolve("sshd.log");
    this.hostKey = Files.readString(keygen("host_ed25519").resolveSibling("host_ed25519.pub"));
    this.clientKey = Files.readString(keygen("client_ed25519"));
    Files.copy(home.resolve("client_ed25519.pub"), home.resolve("authorized_keys"));
    Process started = null;
    int bound = 0;
    for (int attempt = 1; started == null; attempt++) {
      bound = freePort();
      Path config = home.resolve("sshd_config");
      Files.writeString(config, config(bound, root));
      started = start(config, bound, attempt < 3);
    }
    this.port = bound;
    this.sshd = started;
  }

  /** An endpoint delivering into {@code directory}, with the pinned host key and the client key. */
  public SftpEndpoint endpoint(Path directory) {
    return new SftpEndpoint(
        "127.0.0.1",
        port,
        user,
        hostKey.trim(),
        null,
        clientKey,
        directory.toAbsolutePath().toString(),
        Duration.ofSeconds(30));
  }

  /** A new OpenSSH private key that this server does not accept. */
  public String unauthorisedKey() throws IOException, InterruptedException {
    return Files.readString(keygen("stranger_" + System.nanoTime()));
  }

  /** What sshd logged so far, for failure messages. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** Stops sshd and any session process it forked. */
  @Override
  public void close() {
    sshd.descendants().forEach(ProcessHandle::destroy);
    sshd.destroy();
    try {
      if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
        sshd.destroyForcibly();
      }
    } catch (InterruptedException e) {
      sshd.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private String config(int port, boolean root) {
    return String.join(
        "\n",
        "# A private sshd for Custodian's tests: loopback only, one user, keys only, SFTP only.",
        "ListenAddress 127.0.0.1",
        "Port " + port,
        "AddressFamily inet",
        "HostKey " + home.resolve("host_ed25519"),
        "PidFile " + home.resolve("sshd.pid"),
        "AuthorizedKeysFile " + home.resolve("authorized_keys"),
        "AllowUsers " + user,
        "PermitRootLogin " + (root ? "prohibit-password" : "no"),
        "AuthenticationMethods publickey",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "HostbasedAuthentication no",
        "UsePAM no",
        "StrictModes no",
        "UseDNS no",
        "AllowTcpForwarding no",
        "AllowStreamLocalForwarding no",
        "AllowAgentForwarding no",
        "X11Forwarding no",
        "PermitTunnel no",
        "PermitTTY no",
        "PermitUserRC no",
        "PrintMotd no",
        "Subsystem sftp internal-sftp",
        "ForceCommand internal-sftp -l INFO",
        "LogLevel VERBOSE",
        "");
  }

  /** Starts sshd; null when the port was taken meanwhile and {@code retry} allows another. */
  private @Nullable Process start(Path config, int port, boolean retry) throws IOException {
    Process process =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      await("sshd answering on 127.0.0.1:" + port)
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !process.isAlive() || answers(port));
    } catch (ConditionTimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("sshd did not answer in " + STARTUP + ":\n" + log(), e);
    }
    if (process.isAlive()) {
      return process;
    }
    String output = log();
    if (retry && output.contains("Address already in use")) {
      return null;
    }
    throw new IllegalStateException(
        "sshd exited with " + process.exitValue() + " (" + INSTALL + "):\n" + output);
  }

  /** Whether an OpenSSH server greets on the port. */
  private static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1000);
      String banner =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      return banner != null && banner.startsWith("SSH-2.0-OpenSSH");
    } catch (IOException e) {
      return false;
    }
  }

  /** Generates an ed25519 key pair without passphrase; returns the private key file. */
  private Path keygen(String name) throws IOException, InterruptedException {
    Path key = home.resolve(name);
    Process keygen =
        new ProcessBuilder(
                SSH_KEYGEN.toString(),
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                "custodian-test-" + name,
                "-f",
                key.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
      keygen.destroyForcibly();
      throw new IllegalStateException("ssh-keygen failed for " + key + ": " + output);
    }
    return key;
  }

  /** With UsePAM no, sshd refuses an account whose password field is locked ("!"). */
  private static void requireUnlocked(String user) throws IOException {
    Path shadow = Path.of("/etc/shadow");
    if (!Files.isReadable(shadow)) {
      return;
    }
    try (Stream<String> lines = Files.lines(shadow)) {
      if (lines.anyMatch(line -> line.startsWith(user + ":!"))) {
        throw new IllegalStateException(
            "sshd refuses the locked account "
                + user
                + " without PAM; unlock it for key logins with: usermod -p '*' "
                + user);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
