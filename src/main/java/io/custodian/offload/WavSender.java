package io.custodian.offload;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.custodian.media.AudioEncoding;
import io.custodian.media.ChannelMode;
import io.custodian.media.UlawConverter;
import io.custodian.media.WavFormat;
import io.custodian.offload.format.VoiceFile;
import io.custodian.offload.sftp.IoFutures;
import io.custodian.offload.sftp.SftpConnection;
import io.custodian.offload.sftp.SftpConnector;
import io.custodian.offload.sftp.SftpEndpoint;
import io.custodian.records.Recording;
import io.custodian.records.Recordings;
import io.custodian.vault.ReadGrant;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends a voice batch's WAV files: each converted to G.711 u-law 8 kHz as it streams out of the
 * vault (verified on the way), on several SFTP sessions at once, its delivered size and SHA-256
 * recorded per item so that a resumed delivery knows what it already sent.
 */
@Component
class WavSender {

  private static final Logger log = LoggerFactory.getLogger(WavSender.class);

  /**
   * Files sent on one session at a time. A file's last requests wait on the server (its fsync,
   * close and rename, which the server carries out in turn); meanwhile the next file's bytes are
   * read, encrypted and sent on the same session, so neither side waits for the other.
   */
  private static final int FILES_PER_SESSION = 2;

  private final SftpConnector connector = new SftpConnector();
  private final BatchItems batchItems;
  private final Recordings recordings;
  private final Vault vault;
  private final TransactionTemplate transactions;

  WavSender(
      BatchItems batchItems, Recordings recordings, Vault vault, TransactionTemplate transactions) {
    this.batchItems = batchItems;
    this.recordings = recordings;
    this.vault = vault;
    this.transactions = transactions;
  }

  /** Reads the batch's items, recordings and vault objects: database work only, no reads. */
  VoicePlan plan(Batch batch) {
    return VoicePlan.read(batch, batchItems, recordings, vault);
  }

  /**
   * Sends the batch's WAVs on up to {@code parallelism} sessions ({@code first} and new ones), and
   * returns what was sent in batch order.
   */
  List<Sent> sendAll(
      Destination destination,
      Batch batch,
      VoicePlan plan,
      SftpEndpoint endpoint,
      SftpConnection first,
      BooleanSupplier stillMine)
      throws IOException {
    String mode = batch.channelMode() == null ? destination.channelMode() : batch.channelMode();
    boolean mix = "mix".equals(mode);
    UlawConverter converter = new UlawConverter(mix ? ChannelMode.MIX : ChannelMode.KEEP);
    List<BatchItems.Item> items = plan.items();
    Map<String, Long> listed = new HashMap<>();
    for (SftpConnection.RemoteFile file : first.list()) {
      listed.put(file.name(), file.size());
    }
    // The reads are audited only once the server has answered: a destination that is down does
    // not add a batch's worth of audit entries at every retry.
    ReadGrant reads = vault.auditReads(batch.orgId(), plan.toRead(listed), BatchDelivery.ACTOR);
    DeliveredFiles delivered = new DeliveredFiles(batch.id(), batchItems, transactions);
    int sessions = Math.max(1, Math.min(destination.parallelism(), items.size()));
    int workers = Math.max(1, Math.min(sessions * FILES_PER_SESSION, items.size()));
    // A session appears once for each file it may carry at a time.
    BlockingQueue<SftpConnection> connections =
        new ArrayBlockingQueue<>(sessions * FILES_PER_SESSION);
    for (int i = 0; i < FILES_PER_SESSION; i++) {
      connections.add(first);
    }
    List<SftpConnection> extra = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(workers, daemon("offload-" + batch.name()));
    // The other sessions are SFTP channels on the first one's SSH connection, so that the batch
    // pays for one key exchange (a good part of a second of CPU with sntrup761), not one each; a
    // server that refuses another channel gets another connection. They are opened while the
    // first one already sends. A session that cannot be opened leaves the batch to the others.
    ExecutorService openers =
        Executors.newFixedThreadPool(
            Math.max(1, sessions - 1), daemon("offload-connect-" + batch.name()));
    try {
      for (int i = 1; i < sessions; i++) {
        openers.execute(
            () -> {
              try {
                SftpConnection connection = anotherSession(first, endpoint);
                extra.add(connection);
                for (int j = 0; j < FILES_PER_SESSION; j++) {
                  connections.add(connection);
                }
              } catch (IOException | RuntimeException e) {
                log.warn("Could not open another session to {}: {}", endpoint, e.toString());
              }
            });
      }
      // Files go out on several sessions at once; results are taken in batch order.
      List<Future<Sent>> sent = new ArrayList<>();
      for (BatchItems.Item item : items) {
        sent.add(
            pool.submit(
                () -> {
                  SftpConnection sftp = connections.take();
                  try {
                    Sent wav =
                        sendWav(batch, item, converter, sftp, mix, reads, delivered, plan, listed);
                    if (!stillMine.getAsBoolean()) {
                      throw new IOException("The lease on the destination was lost");
                    }
                    return wav;
                  } finally {
                    connections.put(sftp);
                  }
                }));
      }
      List<Sent> results = new ArrayList<>();
      for (Future<Sent> future : sent) {
        results.add(IoFutures.result(future, "delivering"));
      }
      return results;
    } finally {
      pool.shutdownNow();
      delivered.flushQuietly();
      openers.shutdown();
      awaitOpeners(openers, endpoint);
      synchronized (extra) {
        for (SftpConnection connection : extra) {
          closeQuietly(connection);
        }
      }
    }
  }

  /** One WAV sent (or found already there), with what the CSV and manifest say of it. */
  record Sent(Recording call, VoiceFile file, SftpConnection.Transfer transfer) {}

  private Sent sendWav(
      Batch batch,
      BatchItems.Item item,
      UlawConverter converter,
      SftpConnection sftp,
      boolean mix,
      ReadGrant reads,
      DeliveredFiles delivered,
      VoicePlan plan,
      Map<String, Long> listed)
      throws IOException {
    Recording call = plan.calls().get(item.recordId());
    if (call == null) {
      call = recordings.find(batch.orgId(), item.recordId()).orElseThrow();
    }
    StoredObject object = plan.objects().get(call.audio().objectId());
    if (object == null) {
      object = vault.describe(batch.orgId(), call.audio().objectId());
    }
    StoredObject audio = object;
    WavFormat format = call.audio().wavFormat();
    long size =
        call.audio().dataBytes() > 0
            ? converter.outputSize(format)
            : WavStreams.convert(converter, object, OutputStream.nullOutputStream(), reads);
    // u-law 8 kHz stored in the canonical layout goes out as stored: then the SHA-256 that the
    // vault verifies while reading is that of the file sent, and it need not be hashed again.
    boolean mayBeStored =
        call.audio().dataBytes() > 0 && converter.copiesSamples(format) && audio.size() == size;
    String fileName = item.fileName();
    Long there = listed.get(fileName);
    @Nullable String[] sentSha256 = new String[1];
    SftpConnection.Transfer transfer =
        sftp.put(
            fileName,
            size,
            there == null ? OptionalLong.empty() : OptionalLong.of(there),
            out ->
                sentSha256[0] = WavStreams.send(converter, format, audio, out, reads, mayBeStored));
    String sha256 = transfer.sent() ? sentSha256[0] : item.fileSha256();
    if (sha256 == null) {
      sha256 = WavStreams.sha256(converter, object, reads);
    }
    if (!sha256.equals(item.fileSha256())) {
      delivered.add(new BatchItems.Delivered(item.position(), size, sha256));
    }
    int channels = mix ? 1 : call.audio().channels();
    return new Sent(
        call, new VoiceFile(fileName, size, sha256, AudioEncoding.ULAW, 8000, channels), transfer);
  }

  private SftpConnection anotherSession(SftpConnection first, SftpEndpoint endpoint)
      throws IOException {
    try {
      return first.openChannel();
    } catch (IOException e) {
      log.debug("{} refused another channel ({}); opening another connection", endpoint, e);
      return connector.open(endpoint);
    }
  }

  /** Waits for sessions still being opened, so that none is left open once the batch is over. */
  private static void awaitOpeners(ExecutorService openers, SftpEndpoint endpoint) {
    try {
      if (!openers.awaitTermination(endpoint.timeout().multipliedBy(2).toMillis(), MILLISECONDS)) {
        log.warn("Sessions to {} were still being opened after the batch", endpoint);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  private static void closeQuietly(SftpConnection connection) {
    try {
      connection.close();
    } catch (IOException | RuntimeException e) {
      // the session is going away either way
    }
  }
}
