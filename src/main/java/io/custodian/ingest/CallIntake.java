package io.custodian.ingest;

import io.custodian.audit.AuditTrail;
import io.custodian.media.InvalidWavException;
import io.custodian.media.WavFormat;
import io.custodian.media.WavValidator;
import io.custodian.records.Recording;
import io.custodian.records.Recordings;
import io.custodian.tenancy.Organisations;
import io.custodian.vault.PendingObject;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in a call: the WAV is validated while it streams into the vault, then record, object and
 * audit entry commit in one transaction. Only then is the sender answered.
 */
@Service
public class CallIntake {

  private final Vault vault;
  private final Recordings recordings;
  private final Organisations organisations;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final IngestSettings settings;
  private final JsonMapper json;
  private final IntakeMetrics metrics;
  private final IntakeOutcomes outcomes;
  private final ApplicationEventPublisher events;

  CallIntake(
      Vault vault,
      Recordings recordings,
      Organisations organisations,
      AuditTrail audit,
      TransactionTemplate transactions,
      Clock clock,
      IngestSettings settings,
      JsonMapper json,
      IntakeMetrics metrics,
      IntakeOutcomes outcomes,
      ApplicationEventPublisher events) {
    this.vault = vault;
    this.recordings = recordings;
    this.organisations = organisations;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.settings = settings;
    this.json = json;
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.events = events;
  }

  /**
   * Takes in a call from its multipart upload: a {@code metadata} JSON part and an {@code audio}
   * WAV part, in either order. The audio is streamed; nothing is left behind on failure.
   */
  public Intake<Recording> accept(String orgId, String actor, Iterator<UploadPart> parts)
      throws IOException {
    Timer.Sample timing = metrics.start();
    CallMetadata metadata = null;
    StoredAudio audio = null;
    try {
      while (parts.hasNext()) {
        UploadPart part = parts.next();
        switch (part.name()) {
          case "metadata" -> {
            if (metadata != null) {
              throw malformed("more than one metadata part");
            }
            metadata = parse(part.body()).validated();
          }
          case "audio" -> {
            if (audio != null) {
              throw malformed("more than one audio part");
            }
            audio = store(orgId, part.body());
          }
          default -> throw malformed("unexpected part " + StrictJson.brief(part.name()));
        }
      }
      if (metadata == null || audio == null) {
        throw malformed("a call needs a metadata part and an audio part");
      }
    } catch (RuntimeException | IOException e) {
      if (audio != null) {
        vault.discard(audio.object());
      }
      throw e;
    }
    return commit(orgId, actor, metadata, audio, timing);
  }

  private CallMetadata parse(InputStream body) throws IOException {
    long max = settings.maxMetadataSize().toBytes();
    byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
    if (bytes.length > max) {
      throw new CustodianException(
          ErrorCode.PAYLOAD_TOO_LARGE, "The metadata part is larger than " + max + " bytes");
    }
    return StrictJson.read(json, bytes, CallMetadata.class, "metadata");
  }

  private static CustodianException malformed(String detail) {
    return new CustodianException(ErrorCode.MALFORMED_REQUEST, detail);
  }

  /** Audio validated and sealed in the vault, not yet part of any record. */
  public record StoredAudio(StoredObject object, WavFormat format) {}

  /** Streams a WAV upload into the vault, validating it strictly on the way. */
  StoredAudio store(String orgId, InputStream audio) throws IOException {
    try (PendingObject pending = vault.begin(orgId)) {
      WavFormat format =
          new WavValidator(settings.maxAudioSize().toBytes()).copy(audio, pending.content());
      return new StoredAudio(pending.seal(), format);
    } catch (InvalidWavException e) {
      throw new CustodianException(errorCode(e), e.getMessage(), e);
    }
  }

  /** Commits a call whose audio is stored; a replay returns the earlier record. */
  private Intake<Recording> commit(
      String orgId, String actor, CallMetadata metadata, StoredAudio audio, Timer.Sample timing) {
    CallMetadata m = metadata.validated();
    if (m.subOrg() != null && !organisations.hasSubOrg(orgId, m.subOrg())) {
      vault.discard(audio.object());
      throw new InvalidMetadataException("subOrg", "is not a sub-organisation of " + orgId);
    }
    byte[] digest = Digests.sha256(json.writeValueAsBytes(m), audio.object().sha256());
    Intake<Recording> intake =
        transactions.execute(
            status -> {
              long seq = organisations.nextIntakeSeq(orgId);
              Optional<Recording> existing = recordings.findBySource(orgId, m.sourceId());
              if (existing.isPresent()) {
                status.setRollbackOnly();
                return new Intake<>(existing.get(), existing.get().id(), false);
              }
              vault.register(audio.object(), actor);
              Recording created = recording(orgId, seq, m, audio, digest);
              recordings.insert(created);
              events.publishEvent(new RecordingArchived(created.id(), orgId, seq));
              outcomes.accepted(
                  "recording.intake",
                  orgId,
                  actor,
                  created.id(),
                  m.sourceId(),
                  seq,
                  audio.object().sha256Hex(),
                  "");
              return new Intake<>(created, created.id(), true);
            });
    if (!Objects.requireNonNull(intake).created()) {
      vault.discard(audio.object());
      return replay(orgId, actor, intake.record(), digest);
    }
    // The record as inserted is the record as stored: every instant in it is already truncated
    // to the database's microseconds, so it is not read back.
    metrics.accepted("call", audio.object().size(), timing);
    return intake;
  }

  private Intake<Recording> replay(String orgId, String actor, Recording earlier, byte[] digest) {
    outcomes.replayed(
        "call",
        "recording.intake",
        orgId,
        actor,
        earlier.id(),
        earlier.sourceId(),
        earlier.requestDigest(),
        digest);
    return new Intake<>(earlier, earlier.id(), false);
  }

  private Recording recording(
      String orgId, long seq, CallMetadata m, StoredAudio audio, byte[] digest) {
    WavFormat f = audio.format();
    return new Recording(
        UUID.randomUUID(),
        orgId,
        m.subOrg(),
        seq,
        m.sourceId(),
        m.callId(),
        m.direction(),
        m.participants(),
        m.startedAt(),
        m.endedAt(),
        m.deviceId(),
        m.location(),
        new Recording.Audio(
            audio.object().id(),
            f.encoding().label(),
            f.channels(),
            f.sampleRate(),
            f.duration().toMillis(),
            audio.object().size(),
            audio.object().sha256Hex(),
            f.dataBytes()),
        clock.instant().truncatedTo(ChronoUnit.MICROS),
        Recording.Delivery.NONE,
        digest);
  }

  private static ErrorCode errorCode(InvalidWavException e) {
    return switch (e.problem()) {
      case TOO_LARGE -> ErrorCode.PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_FORMAT_TAG,
          UNSUPPORTED_SAMPLE_RATE,
          UNSUPPORTED_CHANNELS,
          UNSUPPORTED_BITS_PER_SAMPLE ->
          ErrorCode.UNSUPPORTED_AUDIO;
      default -> ErrorCode.INVALID_WAV;
    };
  }
}
