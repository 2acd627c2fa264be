package io.custodian.records;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which records of one organisation a list returns: those after a position in the organisation's
 * intake order that pass every filter given, in intake order. Null filters do not filter.
 *
 * @param subOrg only records of this sub-organisation
 * @param timeFrom only records that started (a call) or were sent (a message) at or after this
 * @param timeBefore only records that started or were sent before this
 * @param receivedFrom only records taken in at or after this
 * @param receivedBefore only records taken in before this
 * @param channel only messages of this channel ({@code sms}, {@code mms}, {@code whatsapp});
 *     recordings have no channel and ignore it
 * @param direction only records of this direction
 * @param participant only records in which this address took part: a call participant's number or
 *     user id, a message's sender or a recipient
 * @param delivered only records delivered (true) or not delivered (false) to each destination
 *     named; recordings are never delivered by mail
 * @param afterSeq only records whose intake sequence number is greater (0 for all)
 * @param limit at most this many records
 */
public record RecordQuery(
    String orgId,
    @Nullable String subOrg,
    @Nullable Instant timeFrom,
    @Nullable Instant timeBefore,
    @Nullable Instant receivedFrom,
    @Nullable Instant receivedBefore,
    @Nullable String channel,
    @Nullable String direction,
    @Nullable String participant,
    Map<DeliveredTo, Boolean> delivered,
    long afterSeq,
    int limit) {

  public RecordQuery {
    EnumMap<DeliveredTo, Boolean> ordered = new EnumMap<>(DeliveredTo.class);
    ordered.putAll(delivered);
    delivered = Collections.unmodifiableMap(ordered);
  }
}
