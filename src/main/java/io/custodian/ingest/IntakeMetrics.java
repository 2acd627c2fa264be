package io.custodian.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** Counts accepted and replayed intakes and their bytes, and times them, by kind. */
@Component
class IntakeMetrics {

  private final MeterRegistry meters;

  IntakeMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  Timer.Sample start() {
    return Timer.start(meters);
  }

  void accepted(String kind, long bytes, Timer.Sample sample) {
    meters.counter("custodian.intake.accepted", "kind", kind).increment();
    meters.counter("custodian.intake.bytes", "kind", kind).increment(bytes);
    sample.stop(meters.timer("custodian.intake.duration", "kind", kind));
  }

  void replayed(String kind) {
    meters.counter("custodian.intake.replayed", "kind", kind).increment();
  }
}
