package io.custodian.database;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PostgreSQL cluster driven through its own tools: {@code initdb} (password authentication,
 * data checksums, durable settings written to {@code postgresql.conf}), {@code pg_ctl start} and
 * {@code pg_ctl stop}. Their output goes to one log file beside the data directory.
 */
final class PostgresServer {

  static final String SUPERUSER = "postgres";

  private static final String SETTINGS =
      """

      # Custodian: durable writes, loopback TCP only, no Unix sockets.
      listen_addresses = 'localhost'
      unix_socket_directories = ''
      fsync = on
      synchronous_commit = on
      full_page_writes = on
      timezone = 'UTC'
      """;

  private final Path home;
  private final Path directory;
  private final Path log;

  PostgresServer(Path home, Path directory) {
    this.home = home;
    this.directory = directory;
    this.log = directory.resolveSibling(directory.getFileName() + ".log");
  }

  boolean initialised() {
    return Files.exists(directory.resolve("PG_VERSION"));
  }

  /**
   * Creates the cluster in a staging directory and moves it into place, so that a crash during
   * {@code initdb} never leaves a half-made cluster under the real name.
   */
  void initialise(Path passwordFile, Duration timeout) throws IOException {
    Path staging = directory.resolveSibling(directory.getFileName() + ".initdb");
    PostgresBinaries.deleteTree(staging);
    run(
        timeout,
        bin("initdb"),
        "-D",
        staging.toString(),
        "-U",
        SUPERUSER,
        "-A",
        "scram-sha-256",
        "--pwfile=" + passwordFile,
        "-E",
        "UTF-8",
        "--locale=C",
        "--data-checksums");
    Files.writeString(
        staging.resolve("postgresql.conf"),
        SETTINGS,
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    if (Files.isDirectory(directory)) {
      Files.delete(directory); // empty: initialised() said no cluster is there
    }
    Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
  }

  void start(int port, Duration timeout) throws IOException {
    run(
        timeout,
        bin("pg_ctl"),
        "-D",
        directory.toString(),
        "-l",
        log.toString(),
        "-w",
        "-t",
        Long.toString(timeout.toSeconds()),
        "-o",
        "-p " + port,
        "start");
  }

  void stop(Duration timeout) throws IOException {
    run(
        timeout,
        bin("pg_ctl"),
        "-D",
        directory.toString(),
        "-m",
        "fast",
        "-w",
        "-t",
        Long.toString(timeout.toSeconds()),
        "stop");
  }

  private String bin(String tool) {
    return home.resolve("bin").resolve(tool).toString();
  }

  private void run(Duration timeout, String... tool) throws IOException {
    Files.createDirectories(log.getParent());
    List<String> command = new ArrayList<>();
    if (new UnixSystem().getUid() == 0) {
      // PostgreSQL refuses to run as root; in a new user namespace it runs unprivileged while
      // its files stay owned by the service's user.
      command.addAll(List.of("unshare", "-U"));
    }
    command.addAll(List.of(tool));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      if (!process.waitFor(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IOException(tool[0] + " did not finish in " + timeout + "; see " + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("Interrupted while running " + tool[0], e);
    }
    if (process.exitValue() != 0) {
      throw new IOException(tool[0] + " failed with exit " + process.exitValue() + "; see " + log);
    }
  }
}
