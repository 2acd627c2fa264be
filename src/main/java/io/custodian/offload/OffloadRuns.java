package io.custodian.offload;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Runs offload: cuts the batches that are due and delivers each destination's pending batches
 * strictly in order, one at a time, under a lease so that only one node works on a destination. A
 * failed batch waits with bounded exponential backoff, and the batches behind it wait too.
 */
@Service
public class OffloadRuns {

  private static final Logger log = LoggerFactory.getLogger(OffloadRuns.class);

  private final Destinations destinations;
  private final Batches batches;
  private final BatchCutter cutter;
  private final BatchDelivery delivery;
  private final MailDelivery mail;
  private final MailItems mailItems;
  private final PurgeAfterDelivery purge;
  private final OffloadSettings settings;
  private final OffloadMetrics metrics;
  private final Clock clock;
  private final String owner = "node-" + UUID.randomUUID();

  OffloadRuns(
      Destinations destinations,
      Batches batches,
      BatchCutter cutter,
      BatchDelivery delivery,
      MailDelivery mail,
      MailItems mailItems,
      PurgeAfterDelivery purge,
      OffloadSettings settings,
      OffloadMetrics metrics,
      Clock clock) {
    this.destinations = destinations;
    this.batches = batches;
    this.cutter = cutter;
    this.delivery = delivery;
    this.mail = mail;
    this.mailItems = mailItems;
    this.purge = purge;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** How one batch's delivery attempt ended. */
  public record Outcome(
      String batch,
      int items,
      boolean delivered,
      int filesSent,
      int filesSkipped,
      long bytesSent,
      @Nullable String error) {}

  /** What the schedule asks for now: cut what is due, deliver what is pending and not waiting. */
  public void runDue() {
    Instant now = clock.instant();
    for (Destination d : destinations.due(now)) {
      cutter.cut(d.orgId(), d.stream());
    }
    List<OffloadMetrics.Backlog> backlogs = new ArrayList<>();
    for (Destination d : destinations.enabled()) {
      deliverPending(d, false);
      backlogs.add(batches.backlog(d));
    }
    metrics.backlog(backlogs, clock.instant());
    metrics.deadLetters(
        destinations.enabled().stream()
            .filter(d -> d.stream() == OffloadStream.MAIL)
            .map(Destination::orgId)
            .toList(),
        mailItems.deadCounts());
    purge.run();
  }

  /**
   * An operator's "now": cut everything pending into batches and deliver them, ignoring backoff.
   */
  public List<Outcome> runNow(String orgId, OffloadStream stream) {
    Destination d =
        destinations
            .find(orgId, stream)
            .orElseThrow(() -> io.custodian.web.CustodianException.notFound("Destination"));
    // Everything pending, in as many batches as it takes: each holds at most max-batch-items.
    while (cutter
        .cut(orgId, stream)
        .filter(b -> b.itemCount() >= settings.maxBatchItems())
        .isPresent()) {
      log.debug("cut a full batch of {} for {}; cutting the rest", stream.id(), orgId);
    }
    List<Outcome> outcomes = deliverPending(d, true);
    purge.run();
    return outcomes;
  }

  /**
   * Delivers the destination's pending batches in order under a lease of its own. Each run holds a
   * lease under its own name, so a second run (a tick while a manual run overruns, or another node)
   * finds the destination taken and leaves it: batches wait in the queue, never run side by side.
   */
  private List<Outcome> deliverPending(Destination d, boolean now) {
    List<Outcome> outcomes = new ArrayList<>();
    String holder = owner + "/run-" + UUID.randomUUID();
    if (!destinations.lease(d, holder, clock.instant())) {
      return outcomes;
    }
    try {
      while (true) {
        Optional<Batch> next = batches.oldestPending(d.orgId(), d.stream());
        if (next.isEmpty() || (!now && next.get().nextAttemptAt().isAfter(clock.instant()))) {
          return outcomes;
        }
        Outcome outcome = attempt(d, next.get(), holder);
        outcomes.add(outcome);
        if (!outcome.delivered()) {
          return outcomes;
        }
      }
    } finally {
      destinations.release(d, holder);
    }
  }

  private Outcome attempt(Destination d, Batch batch, String holder) {
    Instant started = clock.instant();
    UUID run = batches.startRun(batch.id(), started);
    try {
      BatchDelivery.Result result =
          d.stream() == OffloadStream.MAIL
              ? mail.deliver(d, batch, renewal(d, holder))
              : delivery.deliver(d, batch, renewal(d, holder));
      Instant ended = clock.instant();
      batches.endRun(
          run,
          ended,
          result.filesSent(),
          result.filesSkipped(),
          result.bytesSent(),
          "delivered",
          null);
      metrics.run(d, "delivered", result.bytesSent(), result.filesSent(), ended);
      log.info(
          "offload run org={} stream={} batch={} outcome=delivered items={} files_sent={}"
              + " files_skipped={} bytes_sent={} duration_ms={}",
          d.orgId(),
          d.stream().id(),
          batch.name(),
          batch.itemCount(),
          result.filesSent(),
          result.filesSkipped(),
          result.bytesSent(),
          Duration.between(started, ended).toMillis());
      return new Outcome(
          batch.name(),
          batch.itemCount(),
          true,
          result.filesSent(),
          result.filesSkipped(),
          result.bytesSent(),
          null);
    } catch (Exception e) {
      Instant ended = clock.instant();
      String error = e.getClass().getSimpleName() + ": " + e.getMessage();
      BatchDelivery.Result partial =
          e instanceof PartialDeliveryException p ? p.result() : new BatchDelivery.Result(0, 0, 0);
      batches.failed(batch.id(), error, ended.plus(backoff(batch.attempts())));
      batches.endRun(
          run,
          ended,
          partial.filesSent(),
          partial.filesSkipped(),
          partial.bytesSent(),
          "failed",
          error);
      metrics.run(d, "failed", partial.bytesSent(), partial.filesSent(), ended);
      log.warn(
          "offload run org={} stream={} batch={} outcome=failed attempt={} error=\"{}\"",
          d.orgId(),
          d.stream().id(),
          batch.name(),
          batch.attempts() + 1,
          error);
      return new Outcome(
          batch.name(),
          batch.itemCount(),
          false,
          partial.filesSent(),
          partial.filesSkipped(),
          partial.bytesSent(),
          error);
    }
  }

  /**
   * Renews the lease while a batch is delivered, asked after every file: at most every quarter of
   * the lease, so that files do not each wait for a commit. Answers whether the lease is still
   * held.
   */
  private BooleanSupplier renewal(Destination d, String holder) {
    Duration every = settings.lease().dividedBy(4);
    AtomicReference<Instant> renewed = new AtomicReference<>(clock.instant());
    return () -> {
      Instant now = clock.instant();
      Instant last = renewed.get();
      if (now.isBefore(last.plus(every))) {
        return true;
      }
      if (!destinations.lease(d, holder, now)) {
        return false;
      }
      renewed.compareAndSet(last, now);
      return true;
    };
  }

  private Duration backoff(int attempts) {
    Duration wait = settings.retryMin().multipliedBy(1L << Math.min(attempts, 20));
    return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
  }
}
