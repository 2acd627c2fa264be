package io.custodian.offload;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.offload.format.BatchName;
import io.custodian.offload.format.MessageCsv;
import io.custodian.offload.format.Sha256Manifest;
import io.custodian.offload.format.VoiceCsv;
import io.custodian.offload.sftp.PendingConnection;
import io.custodian.offload.sftp.SftpConnection;
import io.custodian.offload.sftp.SftpConnector;
import io.custodian.offload.sftp.SftpEndpoint;
import io.custodian.records.DeliveredTo;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.records.Recordings;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers one batch over SFTP into its own directory: every WAV (converted to G.711 u-law 8 kHz as
 * it streams out of the vault, verified on the way), then the CSV, then the {@code sha256sum}
 * manifest; then lists and verifies the directory, and only then writes the completion marker and
 * records the delivery. Files already there with their size are skipped, so a failed or killed
 * delivery resumes where it stopped.
 */
@Service
public class BatchDelivery {

  static final String ACTOR = "system:offload";

  private final SftpConnector connector = new SftpConnector();
  private final Destinations destinations;
  private final PurgePolicy policy;
  private final Batches batches;
  private final BatchItems batchItems;
  private final WavSender wavs;
  private final Recordings recordings;
  private final Messages messages;
  private final Vault vault;
  private final AuditTrail audit;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  BatchDelivery(
      Destinations destinations,
      PurgePolicy policy,
      Batches batches,
      BatchItems batchItems,
      WavSender wavs,
      Recordings recordings,
      Messages messages,
      Vault vault,
      AuditTrail audit,
      TransactionTemplate transactions,
      ApplicationEventPublisher events,
      Clock clock) {
    this.destinations = destinations;
    this.policy = policy;
    this.batches = batches;
    this.batchItems = batchItems;
    this.wavs = wavs;
    this.recordings = recordings;
    this.messages = messages;
    this.vault = vault;
    this.audit = audit;
    this.transactions = transactions;
    this.events = events;
    this.clock = clock;
  }

  /** What one delivery attempt did. */
  public record Result(int filesSent, int filesSkipped, long bytesSent) {}

  /**
   * Delivers the batch, or throws leaving it pending; files already delivered stay. {@code
   * stillMine} is asked after every file: it renews the caller's lease when due and says whether it
   * still holds it.
   */
  public Result deliver(Destination destination, Batch batch, BooleanSupplier stillMine)
      throws IOException {
    BatchName name = BatchName.parse(batch.name()).orElseThrow();
    SftpEndpoint endpoint = destinations.endpoint(destination).into(name.directory());
    Tally tally = new Tally();
    // The connection is opened while the batch's items are read from the database; the completion
    // uses the same items.
    PendingConnection connecting = connector.openInBackground(endpoint);
    @Nullable VoicePlan plan;
    List<BatchItems.Item> items;
    try {
      plan = destination.stream() == OffloadStream.VOICE ? wavs.plan(batch) : null;
      items = plan != null ? plan.items() : batchItems.items(batch.id());
    } catch (RuntimeException | Error e) {
      connecting.abandon();
      throw e;
    }
    try (SftpConnection sftp = connecting.await()) {
      sftp.ensureDirectory();
      Map<String, Expected> expected = new java.util.LinkedHashMap<>();
      ByteArrayOutputStream manifest = new ByteArrayOutputStream();
      try (Sha256Manifest sums = new Sha256Manifest(manifest)) {
        byte[] csv =
            plan != null
                ? voice(destination, batch, plan, endpoint, sftp, sums, expected, tally, stillMine)
                : messages(batch, items);
        send(sftp, name.csv(), csv, tally);
        expected.put(name.csv(), new Expected(csv.length, sha256(csv)));
        sums.add(name.csv(), sha256(csv));
      }
      byte[] sums = manifest.toByteArray();
      send(sftp, name.manifest(), sums, tally);
      expected.put(name.manifest(), new Expected(sums.length, sha256(sums)));
      verify(sftp, destination, expected, name);
      send(sftp, name.marker(), new byte[0], tally);
    }
    complete(batch, items, policy.agreed(batch.orgId(), batch.stream()));
    return new Result(tally.sent, tally.skipped, tally.bytes);
  }

  private byte[] voice(
      Destination destination,
      Batch batch,
      VoicePlan plan,
      SftpEndpoint endpoint,
      SftpConnection first,
      Sha256Manifest sums,
      Map<String, Expected> expected,
      Tally tally,
      BooleanSupplier stillMine)
      throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    try (VoiceCsv rows = new VoiceCsv(csv)) {
      for (WavSender.Sent wav :
          wavs.sendAll(destination, batch, plan, endpoint, first, stillMine)) {
        tally.count(wav.transfer());
        expected.put(wav.file().name(), new Expected(wav.file().size(), wav.file().sha256()));
        sums.add(wav.file().name(), wav.file().sha256());
        rows.write(wav.call(), wav.file());
      }
    }
    return csv.toByteArray();
  }

  private byte[] messages(Batch batch, List<BatchItems.Item> items) throws IOException {
    ByteArrayOutputStream csv = new ByteArrayOutputStream();
    try (MessageCsv rows = new MessageCsv(csv)) {
      for (BatchItems.Item item : items) {
        Message message = messages.find(batch.orgId(), item.recordId()).orElseThrow();
        StoredObject body = vault.describe(batch.orgId(), message.body().objectId());
        try (InputStream in = vault.open(body, ACTOR)) {
          rows.write(message, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return csv.toByteArray();
  }

  /** Sizes match, no temporary of ours is left, and (if configured) contents hash as sent. */
  private void verify(
      SftpConnection sftp, Destination destination, Map<String, Expected> expected, BatchName name)
      throws IOException {
    Map<String, Long> remote = new HashMap<>();
    for (SftpConnection.RemoteFile file : sftp.list()) {
      remote.put(file.name(), file.size());
    }
    for (String file : remote.keySet()) {
      if (file.endsWith(SftpConnection.PARTIAL)) {
        sftp.remove(file);
      }
    }
    for (Map.Entry<String, Expected> file : expected.entrySet()) {
      Long size = remote.get(file.getKey());
      if (size == null || size != file.getValue().size()) {
        throw new IOException(
            name
                + "/"
                + file.getKey()
                + " has "
                + size
                + " bytes on the server, not "
                + file.getValue().size());
      }
      if (destination.verifyContent()
          && !sftp.sha256(file.getKey()).equals(file.getValue().sha256())) {
        throw new IOException(name + "/" + file.getKey() + " does not hash as it was sent");
      }
    }
  }

  /** What a delivered file must be on the server. */
  private record Expected(long size, String sha256) {}

  private void complete(Batch batch, List<BatchItems.Item> items, boolean purgeDue) {
    transactions.executeWithoutResult(
        status -> {
          Instant at = clock.instant();
          batches.markDelivered(batch.id(), at, purgeDue);
          // The records' own delivery time, for their metadata and the lists' filters.
          List<UUID> ids = items.stream().map(BatchItems.Item::recordId).toList();
          if (batch.stream() == OffloadStream.VOICE) {
            recordings.markDelivered(batch.orgId(), DeliveredTo.SFTP, ids, at);
          } else {
            messages.markDelivered(batch.orgId(), DeliveredTo.SFTP, ids, at);
          }
          List<AuditEvent> entries = new ArrayList<>();
          for (BatchItems.Item item : items) {
            entries.add(
                new AuditEvent(
                    ACTOR,
                    "offload.delivered",
                    batch.orgId(),
                    item.recordId().toString(),
                    Outcome.SUCCESS,
                    "batch=" + batch.name()));
          }
          audit.recordAll(entries);
          events.publishEvent(
              new BatchDelivered(batch.id(), batch.orgId(), batch.stream(), batch.name()));
        });
  }

  private static void send(SftpConnection sftp, String file, byte[] content, Tally tally)
      throws IOException {
    tally.count(sftp.put(file, content.length, out -> out.write(content)));
  }

  private static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(sha256Digest().digest(bytes));
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Tally {
    int sent;
    int skipped;
    long bytes;

    void count(SftpConnection.Transfer transfer) {
      if (transfer.sent()) {
        sent++;
        bytes += transfer.size();
      } else {
        skipped++;
      }
    }
  }
}
