package io.custodian.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Custodian as a separate operating-system process on the test class path, so that a test can kill
 * it with SIGKILL and start it again on the same data directory.
 */
public final class ServiceProcess implements AutoCloseable {

  private final Path dataDir;
  private final Path log;
  private final List<String> settings;
  private final int port = freePort();
  private final int managementPort = freePort();
  private Process process;

  public ServiceProcess(Path dataDir, Path log, String... settings) {
    this.dataDir = dataDir;
    this.log = log;
    this.settings = List.of(settings);
  }

  /** Starts the service and waits until it is ready for traffic. */
  public ServiceProcess start() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.custodian.Custodian");
    command.add("serve");
    command.add("--custodian.data-dir=" + dataDir);
    command.add("--server.port=" + port);
    command.add("--management.server.port=" + managementPort);
    command.add("--logging.level.root=WARN");
    command.add("--custodian.vault.cipher-warm-up=0"); // CipherWarmUpTest covers it
    command.addAll(settings);
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    Api management = new Api(managementPort);
    await("service ready (log: " + log + ")")
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("The service exited; see " + log);
              }
              try {
                return management.get("/actuator/health/readiness", null).status() == 200;
              } catch (UncheckedIOException e) {
                return false;
              }
            });
    return this;
  }

  public Api api() {
    return new Api(port);
  }

  /** SIGKILL: no shutdown hook runs, the embedded PostgreSQL is orphaned. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM: a graceful stop that also stops the embedded PostgreSQL. */
  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The port of the embedded PostgreSQL while it runs, from its {@code postmaster.pid}. */
  public Optional<Integer> databasePort() throws IOException {
    Path pid = dataDir.resolve("postgres/postmaster.pid");
    if (!Files.exists(pid)) {
      return Optional.empty();
    }
    return Optional.of(Integer.parseInt(Files.readAllLines(pid).get(3).trim()));
  }

  /** Stops a PostgreSQL left running under the data directory (after a failed test). */
  public static void stopOrphanedDatabase(Path dataDir) throws IOException {
    Path pid = dataDir.resolve("postgres/postmaster.pid");
    if (Files.exists(pid)) {
      long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
      Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
      if (handle.isPresent()) {
        handle.get().destroy();
        handle.get().onExit().orTimeout(60, TimeUnit.SECONDS).join();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
