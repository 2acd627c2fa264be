package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.offload.format.BatchName;
import io.custodian.offload.format.BatchStream;
import io.custodian.offload.format.CutManifest;
import io.custodian.offload.format.FileNames;
import io.custodian.records.IntakeEntry;
import io.custodian.records.Messages;
import io.custodian.records.Recordings;
import io.custodian.tenancy.Organisations;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Cuts batches. In one transaction, under the destination's row lock, it freezes every record of
 * the stream numbered above the last batch and up to the organisation's committed intake sequence:
 * batches follow intake order, not the wall clock, so a clock jump neither skips nor repeats a
 * record. A cut batch never changes.
 */
@Service
public class BatchCutter {

  private final JdbcClient jdbc;
  private final Batches batches;
  private final Destinations destinations;
  private final Organisations organisations;
  private final Recordings recordings;
  private final Messages messages;
  private final AuditTrail audit;
  private final OffloadSettings settings;
  private final Clock clock;

  BatchCutter(
      JdbcClient jdbc,
      Batches batches,
      Destinations destinations,
      Organisations organisations,
      Recordings recordings,
      Messages messages,
      AuditTrail audit,
      OffloadSettings settings,
      Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.destinations = destinations;
    this.organisations = organisations;
    this.recordings = recordings;
    this.messages = messages;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
  }

  /** Cuts the destination's next batch now, if it has pending records. */
  @Transactional
  public Optional<Batch> cut(String orgId, OffloadStream stream) {
    jdbc.sql("select 1 from offload_destinations where org_id = :org and stream = :s for update")
        .param("org", orgId)
        .param("s", stream.id())
        .query()
        .listOfRows();
    Destination destination =
        destinations
            .find(orgId, stream)
            .orElseThrow(() -> new IllegalStateException("no destination"));
    // A clock set back must not make a batch's name sort before the one cut before it.
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant last = batches.lastCutAt(orgId, stream).orElse(now);
    now = now.isBefore(last) ? last : now;
    long after = batches.lastIntakeSeq(orgId, stream);
    long upTo = organisations.committedIntakeSeq(orgId);
    int max = settings.maxBatchItems();
    List<IntakeEntry> entries =
        stream == OffloadStream.VOICE
            ? recordings.inIntakeRange(orgId, after, upTo, max)
            : messages.inIntakeRange(orgId, after, upTo, max);
    boolean full = entries.size() == max;
    if (!full) {
      destinations.scheduled(destination, clock.instant());
    }
    if (entries.isEmpty()) {
      return Optional.empty();
    }
    CutManifest manifest = new CutManifest();
    List<BatchItems.Item> items = new ArrayList<>();
    for (IntakeEntry entry : entries) {
      manifest.add(entry.id(), entry.contentSha256());
      items.add(
          new BatchItems.Item(
              items.size(),
              entry.id(),
              stream == OffloadStream.VOICE ? FileNames.wav(entry.id()) : null,
              null,
              null));
    }
    long toSeq = full ? entries.get(entries.size() - 1).intakeSeq() : upTo;
    long seq = batches.nextSeq(orgId, stream);
    BatchStream format =
        switch (stream) {
          case VOICE -> BatchStream.VOICE;
          case MESSAGES -> BatchStream.MESSAGES;
          case MAIL -> BatchStream.MAIL;
        };
    String name = BatchName.of(format, now, seq, manifest.sha256()).toString();
    Batch batch =
        new Batch(
            UUID.randomUUID(),
            orgId,
            stream,
            seq,
            name,
            now,
            after,
            toSeq,
            entries.size(),
            "pending",
            0,
            null,
            now,
            null,
            stream == OffloadStream.VOICE ? destination.channelMode() : null);
    batches.insert(batch, items);
    audit.record(
        new AuditEvent(
            AuditEvent.SYSTEM,
            "offload.batch.cut",
            orgId,
            name,
            Outcome.SUCCESS,
            "items=" + entries.size() + " intake=(" + after + "," + toSeq + "]"));
    return Optional.of(batch);
  }
}
