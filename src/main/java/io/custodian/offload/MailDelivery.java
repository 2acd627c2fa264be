package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.offload.smtp.Eml;
import io.custodian.offload.smtp.EmlContentException;
import io.custodian.offload.smtp.HeaderMode;
import io.custodian.offload.smtp.MessageContent;
import io.custodian.offload.smtp.SmtpConnection;
import io.custodian.offload.smtp.SmtpConnector;
import io.custodian.offload.smtp.SmtpOutcome;
import io.custodian.records.DeliveredTo;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.vault.IntegrityException;
import io.custodian.vault.ReadGrant;
import io.custodian.vault.Vault;
import io.custodian.web.CustodianException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one mail batch: each pending message as one EML to the journaling recipients, several
 * per connection, each settled on its own. A 250 after the data marks it delivered (with the queue
 * id the server gave, audited) in its own commit, so a crash resends at most the message in flight,
 * with the same {@code Message-ID}. A 5xx reply, or a 4xx one too often, makes it a dead letter:
 * kept in the vault, never purged, until an operator retries it. A lost connection or a 4xx reply
 * leaves it pending, and the batch waits with backoff; it is delivered once no message is pending.
 */
@Service
class MailDelivery {

  private final SmtpConnector connector = new SmtpConnector();
  private final MailDestinations destinations;
  private final PurgePolicy policy;
  private final MailItems items;
  private final Batches batches;
  private final Messages messages;
  private final Vault vault;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final OffloadSettings settings;
  private final OffloadMetrics metrics;
  private final Clock clock;

  MailDelivery(
      MailDestinations destinations,
      PurgePolicy policy,
      MailItems items,
      Batches batches,
      Messages messages,
      Vault vault,
      AuditTrail audit,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      OffloadSettings settings,
      OffloadMetrics metrics,
      Clock clock) {
    this.destinations = destinations;
    this.policy = policy;
    this.items = items;
    this.batches = batches;
    this.messages = messages;
    this.vault = vault;
    this.audit = audit;
    this.transactions = transactions;
    this.events = events;
    this.settings = settings;
    this.metrics = metrics;
    this.clock = clock;
  }

  /**
   * Sends the batch's pending messages; delivered once none is left pending.
   *
   * @throws PartialDeliveryException if messages are left pending: the connection was lost or
   *     refused, or the server deferred some
   */
  BatchDelivery.Result deliver(Destination d, Batch batch, BooleanSupplier stillMine)
      throws IOException {
    MailDestinations.Route route = destinations.route(d);
    List<MailItems.Pending> pending = items.pending(batch.id());
    Pacer pacer = new Pacer(route.ratePerMinute());
    Tally tally = new Tally();
    int next = 0;
    try {
      while (next < pending.size()) {
        next = connection(batch, route, pending, next, pacer, tally, stillMine);
      }
    } catch (IOException e) {
      throw new PartialDeliveryException(e.getMessage(), tally.result(), e);
    }
    if (tally.deferred > 0) {
      throw new PartialDeliveryException(
          tally.deferred + " message(s) deferred, the last with: " + tally.lastDeferral,
          tally.result(),
          null);
    }
    transactions.executeWithoutResult(
        status -> {
          batches.markDelivered(
              batch.id(), clock.instant(), policy.agreed(batch.orgId(), OffloadStream.MAIL));
          events.publishEvent(
              new BatchDelivered(batch.id(), batch.orgId(), batch.stream(), batch.name()));
        });
    return tally.result();
  }

  /**
   * Sends pending messages from {@code from} on over one connection, at most the route's messages
   * per connection; answers where to go on from. That is before the end of the slice only when a
   * message's content failed, which closes the connection after that message was settled.
   */
  private int connection(
      Batch batch,
      MailDestinations.Route route,
      List<MailItems.Pending> pending,
      int from,
      Pacer pacer,
      Tally tally,
      BooleanSupplier stillMine)
      throws IOException {
    List<MailItems.Pending> slice =
        pending.subList(from, Math.min(pending.size(), from + route.perConnection()));
    List<Message> records = new ArrayList<>();
    List<UUID> objects = new ArrayList<>();
    Map<UUID, Message> found =
        messages.findAll(batch.orgId(), slice.stream().map(MailItems.Pending::recordId).toList());
    for (MailItems.Pending item : slice) {
      Message m = found.get(item.recordId());
      if (m == null) {
        throw new IllegalStateException("message " + item.recordId() + " of a batch is gone");
      }
      records.add(m);
      objects.add(m.body().objectId());
      m.attachments().forEach(a -> objects.add(a.content().objectId()));
    }
    try (SmtpConnection smtp = connector.open(route.endpoint())) {
      ReadGrant reads = vault.auditReads(batch.orgId(), objects, BatchDelivery.ACTOR);
      HeaderMode mode = smtp.smtpUtf8() ? HeaderMode.SMTPUTF8 : HeaderMode.RFC2047;
      for (int i = 0; i < slice.size(); i++) {
        if (!stillMine.getAsBoolean()) {
          throw new IOException("the destination's lease was lost");
        }
        if (!smtp.isOpen()) {
          return from + i; // after a content failure: the rest go over a new connection
        }
        pacer.await();
        send(batch, route, smtp, reads, mode, slice.get(i), records.get(i), tally);
      }
    }
    return from + slice.size();
  }

  private void send(
      Batch batch,
      MailDestinations.Route route,
      SmtpConnection smtp,
      ReadGrant reads,
      HeaderMode mode,
      MailItems.Pending item,
      Message record,
      Tally tally)
      throws IOException {
    SmtpOutcome outcome;
    try {
      Eml eml = route.writer().eml(record, content(batch, record, reads), mode);
      outcome = smtp.send(eml);
    } catch (EmlContentException | IntegrityException | CustodianException e) {
      dead(batch, item, "content: " + e.getMessage(), item.attempts());
      return;
    }
    if (outcome instanceof SmtpOutcome.Delivered delivered) {
      delivered(batch, item, record, delivered);
      tally.sent++;
      tally.bytes += contentBytes(record);
    } else if (outcome instanceof SmtpOutcome.Rejected rejected) {
      dead(batch, item, rejected.reply(), item.attempts());
    } else if (outcome instanceof SmtpOutcome.Deferred deferred) {
      deferred(batch, item, deferred, smtp.isOpen(), tally);
    }
  }

  /**
   * A 4xx reply to this message: counted, and the message stays pending, unless it was deferred too
   * often. A lost connection (or 421, the server closing it) is the server's state, not the
   * message's: nothing is counted and the attempt ends.
   */
  private void deferred(
      Batch batch, MailItems.Pending item, SmtpOutcome.Deferred deferred, boolean open, Tally tally)
      throws IOException {
    if (deferred.code() == 0 || deferred.code() == 421 || !open) {
      throw new IOException("the connection was lost: " + deferred.reply());
    }
    metrics.mail("deferred");
    if (item.attempts() + 1 >= settings.mailMaxDeferrals()) {
      dead(batch, item, deferred.reply(), item.attempts() + 1);
      return;
    }
    tally.deferred++;
    tally.lastDeferral = deferred.reply();
    transactions.executeWithoutResult(
        status -> {
          items.deferred(batch.id(), item.position(), deferred.reply());
          audit.record(
              new AuditEvent(
                  BatchDelivery.ACTOR,
                  "offload.mail.deferred",
                  batch.orgId(),
                  item.recordId().toString(),
                  Outcome.FAILED,
                  "batch=" + batch.name() + " reply=" + deferred.reply()));
        });
  }

  private MessageContent content(Batch batch, Message record, ReadGrant reads) throws IOException {
    String body;
    try (InputStream in = reads.open(vault.describe(batch.orgId(), record.body().objectId()))) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<MessageContent.Source> attachments = new ArrayList<>();
    for (Message.Attachment a : record.attachments()) {
      attachments.add(() -> reads.open(vault.describe(batch.orgId(), a.content().objectId())));
    }
    return new MessageContent(body, attachments);
  }

  private void delivered(
      Batch batch, MailItems.Pending item, Message record, SmtpOutcome.Delivered delivered) {
    transactions.executeWithoutResult(
        status -> {
          Instant at = clock.instant();
          items.delivered(batch.id(), item.position(), delivered.reply(), delivered.queueId(), at);
          messages.markDelivered(batch.orgId(), DeliveredTo.MAIL, List.of(record.id()), at);
          audit.record(
              new AuditEvent(
                  BatchDelivery.ACTOR,
                  "offload.mail.delivered",
                  batch.orgId(),
                  record.id().toString(),
                  Outcome.SUCCESS,
                  "batch="
                      + batch.name()
                      + " queue-id="
                      + (delivered.queueId() == null ? "-" : delivered.queueId())));
        });
    metrics.mail("delivered");
  }

  private void dead(Batch batch, MailItems.Pending item, String reason, int attempts) {
    transactions.executeWithoutResult(
        status -> {
          items.dead(batch.id(), item.position(), reason, clock.instant(), attempts);
          audit.record(
              new AuditEvent(
                  BatchDelivery.ACTOR,
                  "offload.mail.dead-letter",
                  batch.orgId(),
                  item.recordId().toString(),
                  Outcome.FAILED,
                  "batch=" + batch.name() + " reason=" + reason));
        });
    metrics.mail("dead");
  }

  private static long contentBytes(Message record) {
    long bytes = record.body().size();
    for (Message.Attachment a : record.attachments()) {
      bytes += a.content().size();
    }
    return bytes;
  }

  /** What one attempt did, for the run's record. */
  private static final class Tally {
    int sent;
    long bytes;
    int deferred;
    String lastDeferral = "";

    BatchDelivery.Result result() {
      return new BatchDelivery.Result(sent, 0, bytes);
    }
  }
}
