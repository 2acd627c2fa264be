package io.custodian.ingest;

import io.custodian.audit.AuditTrail;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.tenancy.Organisations;
import io.custodian.vault.PendingObject;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes in a message: body and attachments are sealed in the vault as separate objects, then the
 * record, the objects and the audit entry commit in one transaction.
 */
@Service
public class MessageIntake {

  private final Vault vault;
  private final Messages messages;
  private final Organisations organisations;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final JsonMapper json;
  private final IntakeMetrics metrics;
  private final IntakeOutcomes outcomes;
  private final ApplicationEventPublisher events;

  MessageIntake(
      Vault vault,
      Messages messages,
      Organisations organisations,
      AuditTrail audit,
      TransactionTemplate transactions,
      Clock clock,
      JsonMapper json,
      IntakeMetrics metrics,
      IntakeOutcomes outcomes,
      ApplicationEventPublisher events) {
    this.vault = vault;
    this.messages = messages;
    this.organisations = organisations;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.json = json;
    this.metrics = metrics;
    this.outcomes = outcomes;
    this.events = events;
  }

  /** Reads, validates, stores and commits a message; a replay returns the earlier record. */
  public Intake<Message> accept(String orgId, String actor, byte[] document) throws IOException {
    Timer.Sample timing = metrics.start();
    MessageSubmission m =
        StrictJson.read(json, document, MessageSubmission.class, "message").validated();
    List<MessageSubmission.DecodedAttachment> files = m.decodedAttachments();
    if (m.subOrg() != null && !organisations.hasSubOrg(orgId, m.subOrg())) {
      throw new InvalidMetadataException("subOrg", "is not a sub-organisation of " + orgId);
    }
    byte[] digest = Digests.sha256(json.writeValueAsBytes(m));
    List<StoredObject> objects = new ArrayList<>();
    StoredObject body = seal(orgId, m.body().getBytes(StandardCharsets.UTF_8));
    objects.add(body);
    List<Message.Attachment> attachments = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      MessageSubmission.DecodedAttachment file = files.get(i);
      StoredObject object = seal(orgId, file.content());
      objects.add(object);
      attachments.add(
          new Message.Attachment(i, file.mediaType(), file.fileName(), content(object)));
    }
    Intake<Message> intake =
        transactions.execute(
            status -> {
              long seq = organisations.nextIntakeSeq(orgId);
              Optional<Message> existing = messages.findBySource(orgId, m.sourceId());
              if (existing.isPresent()) {
                status.setRollbackOnly();
                return new Intake<>(existing.get(), existing.get().id(), false);
              }
              objects.forEach(o -> vault.register(o, actor));
              Message created =
                  new Message(
                      UUID.randomUUID(),
                      orgId,
                      m.subOrg(),
                      seq,
                      m.sourceId(),
                      m.channel(),
                      m.direction(),
                      m.from(),
                      m.to(),
                      m.sentAt(),
                      m.threadId(),
                      content(body),
                      attachments,
                      clock.instant().truncatedTo(ChronoUnit.MICROS),
                      Message.Delivery.NONE,
                      digest);
              messages.insert(created);
              events.publishEvent(new MessageArchived(created.id(), orgId, seq));
              outcomes.accepted(
                  "message.intake",
                  orgId,
                  actor,
                  created.id(),
                  m.sourceId(),
                  seq,
                  body.sha256Hex(),
                  " attachments=" + attachments.size());
              return new Intake<>(created, created.id(), true);
            });
    if (!Objects.requireNonNull(intake).created()) {
      objects.forEach(vault::discard);
      return replay(orgId, actor, intake.record(), digest);
    }
    // As inserted is as stored (instants already in microseconds), so it is not read back.
    long bytes = objects.stream().mapToLong(StoredObject::size).sum();
    metrics.accepted("message", bytes, timing);
    return intake;
  }

  private Intake<Message> replay(String orgId, String actor, Message earlier, byte[] digest) {
    outcomes.replayed(
        "message",
        "message.intake",
        orgId,
        actor,
        earlier.id(),
        earlier.sourceId(),
        earlier.requestDigest(),
        digest);
    return new Intake<>(earlier, earlier.id(), false);
  }

  private StoredObject seal(String orgId, byte[] content) throws IOException {
    try (PendingObject pending = vault.begin(orgId)) {
      pending.content().write(content);
      return pending.seal();
    }
  }

  private static Message.Content content(StoredObject object) {
    return new Message.Content(object.id(), object.size(), object.sha256Hex());
  }
}
