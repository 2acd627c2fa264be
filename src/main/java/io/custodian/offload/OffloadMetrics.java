package io.custodian.offload;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Offload's Prometheus view: runs, files and bytes by stream; per destination the last success, the
 * backlog (pending batches, their bytes and the oldest one's age) and an alert gauge that is 1
 * while the backlog is older or larger than allowed.
 */
@Component
class OffloadMetrics {

  private final MeterRegistry meters;
  private final OffloadSettings settings;
  private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
  private final MultiGauge backlogBatches;
  private final MultiGauge backlogBytes;
  private final MultiGauge backlogAge;
  private final MultiGauge backlogAlert;
  private final MultiGauge deadLetters;

  OffloadMetrics(MeterRegistry meters, OffloadSettings settings) {
    this.meters = meters;
    this.settings = settings;
    this.backlogBatches =
        MultiGauge.builder("custodian.offload.backlog.batches")
            .description("Batches cut and not yet delivered")
            .register(meters);
    this.backlogBytes =
        MultiGauge.builder("custodian.offload.backlog.bytes")
            .description("Content bytes in batches not yet delivered")
            .baseUnit("bytes")
            .register(meters);
    this.backlogAge =
        MultiGauge.builder("custodian.offload.backlog.age")
            .description("Age of the oldest batch not yet delivered")
            .baseUnit("seconds")
            .register(meters);
    this.backlogAlert =
        MultiGauge.builder("custodian.offload.backlog.alert")
            .description("1 while a destination's backlog is older or larger than allowed")
            .register(meters);
    this.deadLetters =
        MultiGauge.builder("custodian.offload.mail.dead.letters")
            .description("Messages the journaling mailbox refused, kept until an operator retries")
            .register(meters);
  }

  /** One message sent by mail: {@code delivered}, {@code deferred} or {@code dead}. */
  void mail(String outcome) {
    meters.counter("custodian.offload.mail.messages", "outcome", outcome).increment();
  }

  /** The dead letters of each organisation with a mail destination (0 when it has none). */
  void deadLetters(List<String> orgs, Map<String, Long> counts) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    for (String org : orgs) {
      rows.add(MultiGauge.Row.of(Tags.of("org", org), counts.getOrDefault(org, 0L)));
    }
    deadLetters.register(rows, true);
  }

  void run(Destination d, String outcome, long bytes, int files, Instant at) {
    meters
        .counter("custodian.offload.runs", "stream", d.stream().id(), "outcome", outcome)
        .increment();
    meters.counter("custodian.offload.bytes", "stream", d.stream().id()).increment(bytes);
    meters.counter("custodian.offload.files", "stream", d.stream().id()).increment(files);
    if ("delivered".equals(outcome)) {
      lastSuccess
          .computeIfAbsent(
              d.orgId() + "/" + d.stream().id(),
              key -> {
                AtomicLong value = new AtomicLong();
                Gauge.builder("custodian.offload.last.success", value, AtomicLong::get)
                    .description("When the destination last received a batch, epoch seconds")
                    .tags("org", d.orgId(), "stream", d.stream().id())
                    .register(meters);
                return value;
              })
          .set(at.getEpochSecond());
    }
  }

  /** A destination's backlog now. */
  record Backlog(Destination destination, int batches, long bytes, Instant oldestCutAt) {}

  void backlog(List<Backlog> backlogs, Instant now) {
    List<MultiGauge.Row<?>> batches = new ArrayList<>();
    List<MultiGauge.Row<?>> bytes = new ArrayList<>();
    List<MultiGauge.Row<?>> ages = new ArrayList<>();
    List<MultiGauge.Row<?>> alerts = new ArrayList<>();
    for (Backlog b : backlogs) {
      Tags tags = Tags.of("org", b.destination().orgId(), "stream", b.destination().stream().id());
      long age = b.batches() == 0 ? 0 : Duration.between(b.oldestCutAt(), now).toSeconds();
      boolean alert =
          age > settings.backlogAlertAge().toSeconds()
              || b.bytes() > settings.backlogAlertSize().toBytes();
      batches.add(MultiGauge.Row.of(tags, b.batches()));
      bytes.add(MultiGauge.Row.of(tags, b.bytes()));
      ages.add(MultiGauge.Row.of(tags, age));
      alerts.add(MultiGauge.Row.of(tags, alert ? 1 : 0));
    }
    backlogBatches.register(batches, true);
    backlogBytes.register(bytes, true);
    backlogAge.register(ages, true);
    backlogAlert.register(alerts, true);
  }
}
