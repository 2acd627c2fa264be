package io.custodian.offload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The tick that drives offload in the running service. */
@Component
@ConditionalOnWebApplication
class OffloadScheduler {

  private static final Logger log = LoggerFactory.getLogger(OffloadScheduler.class);

  private final OffloadRuns runs;

  OffloadScheduler(OffloadRuns runs) {
    this.runs = runs;
  }

  @Scheduled(
      initialDelayString = "${custodian.offload.tick}",
      fixedDelayString = "${custodian.offload.tick}")
  void tick() {
    try {
      runs.runDue();
    } catch (RuntimeException e) {
      log.error("The offload tick failed; the next tick tries again", e);
    }
  }
}
