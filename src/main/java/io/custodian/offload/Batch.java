package io.custodian.offload;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cut batch: frozen items, a deterministic name, and where its delivery stands.
 *
 * @param seq the batch's number within its organisation and stream, from 1
 * @param afterIntakeSeq the batch holds records numbered above this…
 * @param toIntakeSeq …up to and including this
 * @param channelMode for voice, the destination's channel mode when the batch was cut ({@code keep}
 *     or {@code mix}), which its files keep; null for messages
 */
public record Batch(
    UUID id,
    String orgId,
    OffloadStream stream,
    long seq,
    String name,
    Instant cutAt,
    long afterIntakeSeq,
    long toIntakeSeq,
    int itemCount,
    String status,
    int attempts,
    @Nullable String lastError,
    Instant nextAttemptAt,
    @Nullable Instant deliveredAt,
    @Nullable String channelMode) {

  /** Whether the batch still waits for (or is in) delivery. */
  public boolean pending() {
    return "pending".equals(status);
  }
}
