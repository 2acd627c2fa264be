package io.custodian.vault;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.vault.internal.BlobFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes blobs that were written but never committed (temporary files and sealed blobs with no
 * object row) and blobs of shredded objects whose deletion a crash interrupted. At start it takes
 * everything older than the process (nothing of this process can be in flight then); afterwards
 * everything older than the grace period.
 */
@Component
@ConditionalOnWebApplication
public class OrphanSweeper implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(OrphanSweeper.class);

  private final BlobFiles blobs;
  private final JdbcClient jdbc;
  private final AuditTrail audit;
  private final VaultSettings settings;
  private final Clock clock;
  private final Instant processStart;

  OrphanSweeper(
      BlobFiles blobs, JdbcClient jdbc, AuditTrail audit, VaultSettings settings, Clock clock) {
    this.blobs = blobs;
    this.jdbc = jdbc;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.processStart = clock.instant();
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    sweep(processStart);
  }

  @Scheduled(
      initialDelayString = "${custodian.vault.sweep-interval}",
      fixedDelayString = "${custodian.vault.sweep-interval}")
  void scheduled() throws IOException {
    sweep(clock.instant().minus(settings.orphanGrace()));
  }

  /** Deletes unreferenced blobs last modified before {@code cutoff}; returns how many. */
  public synchronized int sweep(Instant cutoff) throws IOException {
    int deleted = 0;
    for (BlobFiles.Found found : blobs.all()) {
      if (!found.modified().isBefore(cutoff)) {
        continue;
      }
      if (found.id().isPresent() && referenced(found.id().get())) {
        continue;
      }
      Files.deleteIfExists(found.path());
      deleted++;
      log.info("Swept orphaned blob {}", found.path());
    }
    if (deleted > 0) {
      audit.record(
          new AuditEvent(
              AuditEvent.SYSTEM,
              "vault.orphans.sweep",
              null,
              null,
              Outcome.SUCCESS,
              "deleted=" + deleted));
    }
    return deleted;
  }

  private boolean referenced(UUID id) {
    return jdbc.sql("select count(*) from vault_objects where id = :id and shredded_at is null")
            .param("id", id)
            .query(Long.class)
            .single()
        > 0;
  }
}
