package io.custodian.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the binaries on the class path, its data directory inside
 * Custodian's, durable ({@code fsync}, {@code synchronous_commit} and {@code full_page_writes}
 * on) and kept across restarts. A server orphaned by a killed process is stopped before start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  static final String USER = "postgres";
  static final String DATABASE = "custodian";
  private static final String LOCK_FILE = "epg-lock";
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private static final String HBA =
      """
      # Written by Custodian at every start: password (SCRAM) authentication only, loopback only.
      local all all scram-sha-256
      host  all all 127.0.0.1/32 scram-sha-256
      host  all all ::1/128 scram-sha-256
      """;

  private final @Nullable EmbeddedPostgres server;
  private final int port;
  private final String password;

  private EmbeddedDatabase(@Nullable EmbeddedPostgres server, int port, String password) {
    this.server = server;
    this.port = port;
    this.password = password;
  }

  static EmbeddedDatabase start(EmbeddedDatabaseSettings settings, boolean mayAttach) {
    Path directory = settings.directory().toAbsolutePath().normalize();
    try {
      Files.createDirectories(directory);
      String password = DatabasePassword.loadOrCreate(settings.passwordFile());
      Optional<Postmaster> running = Postmaster.of(directory);
      if (running.isPresent()) {
        if (lockedByLiveProcess(directory)) {
          if (!mayAttach) {
            throw new IllegalStateException(
                "The data directory " + directory + " is in use by another Custodian process");
          }
          log.info("Using the database of the running service on port {}", running.get().port());
          return new EmbeddedDatabase(null, running.get().port(), password);
        }
        running.get().stop(settings.startupTimeout());
      }
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(directory)
              .setCleanDataDirectory(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .setServerConfig("listen_addresses", "localhost")
              .setPGStartupWait(settings.startupTimeout())
              .setConnectConfig("password", password)
              .start();
      createDatabaseIfAbsent(server);
      requirePasswords(server, directory, password);
      log.info("Embedded PostgreSQL on port {}, data in {}", server.getPort(), directory);
      return new EmbeddedDatabase(server, server.getPort(), password);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded PostgreSQL in " + directory, e);
    }
  }

  /** The JDBC URL of Custodian's database on this server. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  /** The password of the database superuser, kept in the data directory's keys. */
  String password() {
    return password;
  }

  @Override
  public void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  private static void createDatabaseIfAbsent(EmbeddedPostgres server) throws IOException {
    try (Connection c = server.getPostgresDatabase().getConnection();
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
   * The library initialises the cluster with trust authentication; Custodian gives the
   * superuser its password and then allows password authentication only, so that no other
   * local user can open the vault's database.
   */
  private static void requirePasswords(EmbeddedPostgres server, Path directory, String password)
      throws IOException {
    Path hba = directory.resolve("pg_hba.conf");
    if (HBA.equals(Files.readString(hba))) {
      return;
    }
    try (Connection c = server.getPostgresDatabase().getConnection();
        var statement = c.createStatement()) {
      statement.execute("alter role " + USER + " password '" + password + "'");
      Files.writeString(hba, HBA);
      statement.execute("select pg_reload_conf()");
    } catch (SQLException e) {
      throw new IOException("Cannot set the database password", e);
    }
  }

  private static boolean lockedByLiveProcess(Path directory) throws IOException {
    try (FileChannel channel =
            FileChannel.open(
                directory.resolve(LOCK_FILE),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      return lock == null;
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return true; // held by this very process
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
     * SIGTERM, PostgreSQL's smart shutdown: the sessions of the dead process are gone already,
     * so it stops at once, checkpointing cleanly.
     */
    void stop(java.time.Duration timeout) throws IOException {
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
