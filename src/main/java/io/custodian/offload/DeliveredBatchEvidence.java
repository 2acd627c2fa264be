package io.custodian.offload;

import io.custodian.compliance.DeliveryEvidence;
import io.custodian.compliance.RecordKind;
import io.custodian.compliance.WipeCandidate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * SFTP offload's proof of delivery: the record is in a batch that was delivered, which means every
 * file of the batch was listed on the server with its size (and, if configured, read back and
 * hashed) before the completion marker was written and the batch marked delivered.
 */
@Component
class DeliveredBatchEvidence implements DeliveryEvidence {

  private final Batches batches;

  DeliveredBatchEvidence(Batches batches) {
    this.batches = batches;
  }

  @Override
  public Optional<String> verifiedDelivery(WipeCandidate candidate) {
    OffloadStream stream =
        candidate.kind() == RecordKind.RECORDING ? OffloadStream.VOICE : OffloadStream.MESSAGES;
    return batches
        .deliveredWith(candidate.orgId(), stream, candidate.recordId())
        .map(b -> "delivered over SFTP in batch " + b.name() + " at " + b.deliveredAt());
  }
}
