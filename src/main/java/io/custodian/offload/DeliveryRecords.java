package io.custodian.offload;

import io.custodian.records.DeliveredTo;
import io.custodian.records.Messages;
import io.custodian.records.Recordings;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the records when a batch has reached its SFTP server, so that each record's metadata says
 * so and lists filter by it. It listens in the delivering transaction: the records' delivery time
 * commits with the batch's, or neither does. Mail is recorded per message as each is accepted, and
 * acknowledgements as they are made.
 */
@Component
class DeliveryRecords {

  private final Batches batches;
  private final Recordings recordings;
  private final Messages messages;
  private final Clock clock;

  DeliveryRecords(Batches batches, Recordings recordings, Messages messages, Clock clock) {
    this.batches = batches;
    this.recordings = recordings;
    this.messages = messages;
    this.clock = clock;
  }

  @EventListener
  void on(BatchDelivered delivered) {
    if (delivered.stream() == OffloadStream.MAIL) {
      return;
    }
    List<UUID> ids =
        batches.items(delivered.batchId()).stream().map(Batches.Item::recordId).toList();
    if (delivered.stream() == OffloadStream.VOICE) {
      recordings.markDelivered(delivered.orgId(), DeliveredTo.SFTP, ids, clock.instant());
    } else {
      messages.markDelivered(delivered.orgId(), DeliveredTo.SFTP, ids, clock.instant());
    }
  }
}
