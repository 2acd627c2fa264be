package io.custodian.offload;

import io.custodian.compliance.DeliveryEvidence;
import io.custodian.compliance.WipeCandidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Offload's proof of delivery. A record counts as delivered only when every destination the
 * organisation configured for its kind has it: for a message, both the daily CSV over SFTP and the
 * journaling mailbox when both are set up. Over SFTP, delivered means the record's batch was listed
 * on the server with every file's size (and, if configured, read back and hashed) before its
 * completion marker was written; by mail, the server answered 250 to the end of its data; with an
 * API destination, the customer acknowledged it.
 */
@Component
class DeliveredBatchEvidence implements DeliveryEvidence {

  private final PurgePolicy policy;
  private final Batches batches;
  private final ApiDestinations apiDestinations;

  DeliveredBatchEvidence(PurgePolicy policy, Batches batches, ApiDestinations apiDestinations) {
    this.policy = policy;
    this.batches = batches;
    this.apiDestinations = apiDestinations;
  }

  @Override
  public Optional<String> verifiedDelivery(WipeCandidate candidate) {
    List<String> proofs = new ArrayList<>();
    for (OffloadStream stream : policy.carrying(candidate.orgId(), candidate.kind())) {
      Optional<Batch> batch =
          batches.deliveredWith(candidate.orgId(), stream, candidate.recordId());
      if (batch.isEmpty()) {
        return Optional.empty();
      }
      Batch b = batch.get();
      proofs.add(
          (stream == OffloadStream.MAIL
                  ? "accepted by the journaling mailbox in batch "
                  : "delivered over SFTP in batch ")
              + b.name()
              + " at "
              + b.deliveredAt());
    }
    if (apiDestinations.find(candidate.orgId()).isPresent()) {
      Optional<java.time.Instant> acknowledged =
          apiDestinations.acknowledgedAt(candidate.orgId(), candidate.recordId());
      if (acknowledged.isEmpty()) {
        return Optional.empty();
      }
      proofs.add("acknowledged over the API at " + acknowledged.get());
    }
    return proofs.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", proofs));
  }
}
