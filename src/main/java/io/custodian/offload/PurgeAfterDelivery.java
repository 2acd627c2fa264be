package io.custodian.offload;

import io.custodian.compliance.Purges;
import io.custodian.compliance.RecordKind;
import io.custodian.compliance.WipeCandidate;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Purges the records of batches delivered while their destination was set to purge after delivery.
 * Each record goes through the compliance gate on its own; a batch is marked purged once every
 * record was ruled on, so a crash midway repeats the pass (purging is idempotent) and a record the
 * gate refuses stays, with the refusal in the audit trail.
 */
@Service
class PurgeAfterDelivery {

  private static final Logger log = LoggerFactory.getLogger(PurgeAfterDelivery.class);
  private static final int BATCHES_PER_PASS = 100;

  private final Batches batches;
  private final BatchItems batchItems;
  private final Purges purges;
  private final Clock clock;

  PurgeAfterDelivery(Batches batches, BatchItems batchItems, Purges purges, Clock clock) {
    this.batches = batches;
    this.batchItems = batchItems;
    this.purges = purges;
    this.clock = clock;
  }

  /** Purges what is due; a failure leaves the batch for the next pass. */
  void run() {
    for (Batch batch : batches.awaitingPurge(BATCHES_PER_PASS)) {
      try {
        purge(batch);
      } catch (RuntimeException e) {
        log.error("Purging the records of batch {} failed; the next pass retries", batch.name(), e);
        return;
      }
    }
  }

  private void purge(Batch batch) {
    RecordKind kind = batch.stream().carriesMessages() ? RecordKind.MESSAGE : RecordKind.RECORDING;
    Map<Purges.Result, Integer> results = new EnumMap<>(Purges.Result.class);
    for (BatchItems.Item item : batchItems.items(batch.id())) {
      Purges.Result result =
          purges.purge(
              new WipeCandidate(batch.orgId(), kind, item.recordId()), BatchDelivery.ACTOR);
      results.merge(result, 1, Integer::sum);
    }
    batches.markPurged(batch.id(), clock.instant());
    log.info(
        "offload purge org={} stream={} batch={} purged={} already={} refused={}",
        batch.orgId(),
        batch.stream().id(),
        batch.name(),
        results.getOrDefault(Purges.Result.PURGED, 0),
        results.getOrDefault(Purges.Result.ALREADY_PURGED, 0),
        results.getOrDefault(Purges.Result.REFUSED, 0));
  }
}
