package io.custodian.identity;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The audit of requests without a valid key: each of the first {@value #AUDITED_PER_MINUTE} a
 * minute from one client address is an {@code auth.failed} entry of its own; the rest of that
 * minute are one {@code auth.failed} entry that counts them. Every failure is also counted in the
 * metric {@code custodian.auth.failed}.
 */
@Component
class FailedAuthentications {

  static final int AUDITED_PER_MINUTE = 10;
  static final int MAX_SOURCES = 10_000;

  private final FailureWindows windows =
      new FailureWindows(AUDITED_PER_MINUTE, Duration.ofMinutes(1), MAX_SOURCES);
  private final AuditTrail audit;
  private final MeterRegistry meters;
  private final Clock clock;

  FailedAuthentications(AuditTrail audit, MeterRegistry meters, Clock clock) {
    this.audit = audit;
    this.meters = meters;
    this.clock = clock;
  }

  /** Records one request refused for want of a valid key. */
  void record(String source, String request, String reason) {
    meters.counter("custodian.auth.failed").increment();
    List<FailureWindows.Summary> ended = new ArrayList<>();
    boolean alone = windows.offer(source, clock.instant(), ended);
    ended.forEach(this::summarise);
    if (alone) {
      audit.record(
          new AuditEvent(
              "anonymous",
              "auth.failed",
              null,
              request,
              Outcome.DENIED,
              reason + "; from " + source));
    }
  }

  /** Writes the summaries of the windows that ended. */
  @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
  void flush() {
    windows.drain(clock.instant()).forEach(this::summarise);
  }

  /** Ends every window now, writing its summary; the next failure of any address starts afresh. */
  void endAllWindows() {
    windows.drain(java.time.Instant.MAX).forEach(this::summarise);
  }

  private void summarise(FailureWindows.Summary s) {
    audit.record(
        new AuditEvent(
            "anonymous",
            "auth.failed",
            null,
            "from " + s.source(),
            Outcome.DENIED,
            s.suppressed()
                + " more requests without a valid key from "
                + s.source()
                + " between "
                + s.from()
                + " and "
                + s.to()
                + ", counted, not audited one by one"));
  }
}
