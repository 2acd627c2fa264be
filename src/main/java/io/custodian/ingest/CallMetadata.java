package io.custodian.ingest;

import io.custodian.records.Location;
import io.custodian.records.Participant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The {@code metadata} part of a call intake, as documented in {@code docs/api.md}. */
public record CallMetadata(
    @Nullable String sourceId,
    @Nullable String subOrg,
    @Nullable String callId,
    @Nullable String direction,
    @Nullable List<Participant> participants,
    @Nullable Instant startedAt,
    @Nullable Instant endedAt,
    @Nullable String deviceId,
    @Nullable Location location) {

  static final int MAX_PARTICIPANTS = 64;
  static final int MAX_TEXT = 1024;

  /** This metadata after every rule was checked; throws {@link InvalidMetadataException}. */
  CallMetadata validated() {
    Fields.required("sourceId", sourceId);
    Fields.optional("subOrg", subOrg);
    Fields.optional("callId", callId);
    Fields.oneOf("direction", direction, "inbound", "outbound", "internal");
    if (participants == null || participants.isEmpty() || participants.size() > MAX_PARTICIPANTS) {
      throw new InvalidMetadataException(
          "participants", "must list 1 to " + MAX_PARTICIPANTS + " parties");
    }
    List<Participant> parties = new ArrayList<>();
    for (int i = 0; i < participants.size(); i++) {
      Participant p = participants.get(i);
      String at = "participants[" + i + "]";
      if (p == null) {
        throw new InvalidMetadataException(at, "must be an object");
      }
      Fields.required(at + ".role", p.role());
      Fields.e164(at + ".number", p.number());
      Fields.optional(at + ".userId", p.userId());
      Fields.text(at + ".displayName", p.displayName(), MAX_TEXT);
      Fields.jurisdiction(at + ".jurisdiction", p.jurisdiction());
      parties.add(p);
    }
    if (startedAt == null || endedAt == null) {
      throw new InvalidMetadataException("startedAt, endedAt", "are required");
    }
    if (endedAt.isBefore(startedAt)) {
      throw new InvalidMetadataException("endedAt", "must not be before startedAt");
    }
    Fields.optional("deviceId", deviceId);
    if (location != null) {
      if (!(Math.abs(location.latitude()) <= 90) || !(Math.abs(location.longitude()) <= 180)) {
        throw new InvalidMetadataException("location", "latitude or longitude out of range");
      }
      Double accuracy = location.accuracyMeters();
      if (accuracy != null && !(accuracy >= 0)) {
        throw new InvalidMetadataException("location.accuracyMeters", "must not be negative");
      }
      Fields.text("location.description", location.description(), MAX_TEXT);
    }
    return new CallMetadata(
        sourceId,
        subOrg,
        callId,
        direction,
        List.copyOf(parties),
        startedAt.truncatedTo(ChronoUnit.MICROS),
        endedAt.truncatedTo(ChronoUnit.MICROS),
        deviceId,
        location);
  }
}
