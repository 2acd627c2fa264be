package io.custodian.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries on the class path, its cluster inside Custodian's data
 * directory: durable ({@code fsync}, {@code synchronous_commit}, {@code full_page_writes}),
 * checksummed, reachable on loopback with the superuser's password only, and kept across restarts.
 * It is stopped by the Spring context after every user of the database, and a server orphaned by a
 * killed process is stopped before a new start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  static final String DATABASE = "custodian";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final @Nullable PostgresServer server;
  private final @Nullable FileChannel lock;
  private final int port;
  private final String password;
  private final Duration timeout;

  private EmbeddedDatabase(
      @Nullable PostgresServer server,
      @Nullable FileChannel lock,
      int port,
      String password,
      Duration timeout) {
    this.server = server;
    this.lock = lock;
    this.port = port;
    this.password = password;
    this.timeout = timeout;
  }

  static EmbeddedDatabase start(EmbeddedDatabaseSettings settings, boolean mayAttach) {
    Path directory = settings.directory().toAbsolutePath().normalize();
    Duration timeout = settings.startupTimeout();
    try {
      Files.createDirectories(directory.getParent());
      String password = DatabasePassword.loadOrCreate(settings.passwordFile());
      FileChannel lock = lock(directory);
      Optional<Postmaster> running = Postmaster.of(directory);
      if (lock == null) {
        if (!mayAttach || running.isEmpty()) {
          throw new IllegalStateException(
              "The data directory " + directory + " is in use by another Custodian process");
        }
        log.info("Using the database of the running service on port {}", running.get().port());
        return new EmbeddedDatabase(null, null, running.get().port(), password, timeout);
      }
      if (running.isPresent()) {
        running.get().stop(timeout);
      }
      PostgresServer server = new PostgresServer(PostgresBinaries.install(), directory);
      if (!server.initialised()) {
        server.initialise(settings.passwordFile(), timeout);
        log.info("Created the PostgreSQL cluster in {}", directory);
      }
      int port = freePort();
      server.start(port, timeout);
      EmbeddedDatabase database = new EmbeddedDatabase(server, lock, port, password, timeout);
      database.createDatabaseIfAbsent();
      log.info("Embedded PostgreSQL on port {}, data in {}", port, directory);
      return database;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory, e);
    }
  }

  /** The JDBC URL of Custodian's database on this server. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  String user() {
    return PostgresServer.SUPERUSER;
  }

  String password() {
    return password;
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.stop(timeout);
    }
    if (lock != null) {
      lock.close();
    }
  }

  private void createDatabaseIfAbsent() throws IOException {
    String url = "jdbc:postgresql://localhost:" + port + "/postgres";
    try (Connection c = DriverManager.getConnection(url, user(), password);
        var exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        try (var create = c.createStatement()) {
          create.execute("create database " + DATABASE);
        }
      }
    } catch (SQLException e) {
      throw new IOException("Cannot create the database " + DATABASE, e);
    }
  }

  /**
   * Holds the data directory for this process: the lock lives as long as the returned channel. Null
   * when another live process holds it.
   */
  private static @Nullable FileChannel lock(Path directory) throws IOException {
    Path file = directory.resolveSibling(directory.getFileName() + ".lock");
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return channel;
      }
    } catch (OverlappingFileLockException e) {
      // held by this very process
    }
    channel.close();
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A postmaster found through {@code postmaster.pid}, alive. */
  private record Postmaster(ProcessHandle process, int port) {

    static Optional<Postmaster> of(Path directory) throws IOException {
      Path pidFile = directory.resolve("postmaster.pid");
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      int port = Integer.parseInt(lines.get(3).trim());
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false))
          .map(p -> new Postmaster(p, port));
    }

    /**
     * SIGTERM, PostgreSQL's smart shutdown: the sessions of the dead process are gone already, so
     * it stops at once, checkpointing cleanly.
     */
    void stop(Duration timeout) throws IOException {
      log.warn("Stopping PostgreSQL (pid {}) left behind by a process that died", process.pid());
      process.destroy();
      try {
        process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("Interrupted while stopping PostgreSQL", e);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("PostgreSQL (pid " + process.pid() + ") did not stop", e);
      }
    }
  }
}
