package io.custodian.vault;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.StreamingAead;
import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.vault.internal.BlobFiles;
import io.custodian.vault.internal.BlobInputStream;
import io.custodian.vault.internal.KeyEncryptionKey;
import io.custodian.vault.internal.SyncingFileOutputStream;
import io.custodian.vault.internal.VerifyingInputStream;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores and returns content. Each object gets its own data key (Tink streaming AEAD, AES-256-GCM
 * with HKDF, 256 KiB segments), wrapped by the key-encryption key; the associated data binds
 * ciphertext and wrapped key to the organisation and object id, so a blob or key moved to another
 * object fails authentication.
 */
@Service
public class Vault {

  private static final Logger log = LoggerFactory.getLogger(Vault.class);

  private static final int READS_PER_COMMIT = 200;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final DataKeys dataKeys;
  private final BlobFiles blobs;
  private final VaultSettings settings;
  private final AuditTrail audit;
  private final Clock clock;
  private final Counter integrityFailures;

  Vault(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KeyEncryptionKey kek,
      BlobFiles blobs,
      VaultSettings settings,
      AuditTrail audit,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.dataKeys = new DataKeys(kek);
    this.blobs = blobs;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
    this.integrityFailures =
        Counter.builder("custodian.vault.integrity.failures")
            .description("Reads whose content failed authentication or its SHA-256 check")
            .register(meters);
  }

  /** Starts a new object of the organisation; refuses (507) when storage runs low. */
  public PendingObject begin(String orgId) throws IOException {
    return begin(orgId, DataKeys.PARAMETERS);
  }

  /** As {@link #begin(String)}, with a data key of these parameters. */
  PendingObject begin(String orgId, Parameters dataKeyParameters) throws IOException {
    requireFreeSpace();
    UUID id = UUID.randomUUID();
    Path temporary = blobs.temporary(id);
    try {
      DataKeys.NewKey key = dataKeys.generate(orgId, id, dataKeyParameters);
      SyncingFileOutputStream file = new SyncingFileOutputStream(temporary);
      OutputStream encrypting =
          key.aead().newEncryptingStream(file, DataKeys.associatedData(orgId, id));
      return new PendingObject(
          id,
          orgId,
          temporary,
          blobs.sealed(orgId, id),
          file,
          encrypting,
          key.wrapped(),
          dataKeys.kekId());
    } catch (GeneralSecurityException e) {
      throw new IOException("Cannot create a data key", e);
    }
  }

  /** Records a sealed object in the caller's transaction, with its wrapped key. */
  @Transactional(propagation = Propagation.MANDATORY)
  public void register(StoredObject object, String actor) {
    jdbc.sql(
            """
            insert into vault_objects (id, org_id, sha256, size_bytes, wrapped_key, kek_id, created_at)
            values (:id, :org, :sha, :size, :key, :kek, :at)
            """)
        .param("id", object.id())
        .param("org", object.orgId())
        .param("sha", object.sha256())
        .param("size", object.size())
        .param("key", object.wrappedKey())
        .param("kek", object.kekId())
        .param("at", Timestamp.from(clock.instant()))
        .update();
    audit.record(
        new AuditEvent(
            actor,
            "vault.key.wrap",
            object.orgId(),
            object.id().toString(),
            Outcome.SUCCESS,
            "kek=" + object.kekId()));
  }

  /** Deletes a sealed object's blob that will not be registered (a duplicate, a failed commit). */
  public void discard(StoredObject object) {
    try {
      Files.deleteIfExists(blobs.sealed(object.orgId(), object.id()));
    } catch (IOException e) {
      log.warn("Could not delete unregistered blob {}; the sweeper will", object.id(), e);
    }
  }

  /**
   * What is stored of an object of the organisation, without reading it; a purged object is
   * answered with {@link ErrorCode#CONTENT_PURGED}.
   */
  public StoredObject describe(String orgId, UUID id) {
    Described found =
        jdbc.sql(
                """
                select id, org_id, sha256, size_bytes, wrapped_key, kek_id, shredded_at
                  from vault_objects where id = :id and org_id = :org
                """)
            .param("id", id)
            .param("org", orgId)
            .query(
                (rs, n) -> {
                  Timestamp shredded = rs.getTimestamp("shredded_at");
                  if (shredded != null) {
                    return new Described(null, shredded.toInstant());
                  }
                  return new Described(storedObject(rs), null);
                })
            .optional()
            .orElseThrow(() -> CustodianException.notFound("Object " + id));
    if (found.object() == null) {
      throw new CustodianException(
          ErrorCode.CONTENT_PURGED,
          "The content was purged at " + found.shreddedAt() + "; its metadata remains");
    }
    return found.object();
  }

  private record Described(@Nullable StoredObject object, @Nullable Instant shreddedAt) {}

  private static StoredObject storedObject(ResultSet rs) throws SQLException {
    return new StoredObject(
        rs.getObject("id", UUID.class),
        rs.getString("org_id"),
        rs.getBytes("sha256"),
        rs.getLong("size_bytes"),
        rs.getBytes("wrapped_key"),
        rs.getString("kek_id"));
  }

  /**
   * What is stored of several objects of the organisation, by id, in one query. Purged and unknown
   * objects are left out: {@link #describe} says why for each.
   */
  public Map<UUID, StoredObject> describeAll(String orgId, Collection<UUID> ids) {
    Map<UUID, StoredObject> found = new HashMap<>();
    if (ids.isEmpty()) {
      return found;
    }
    jdbc.sql(
            """
            select id, org_id, sha256, size_bytes, wrapped_key, kek_id from vault_objects
             where org_id = :org and id in (:ids) and shredded_at is null
            """)
        .param("org", orgId)
        .param("ids", List.copyOf(new HashSet<>(ids)))
        .query((rs, n) -> storedObject(rs))
        .list()
        .forEach(object -> found.put(object.id(), object));
    return found;
  }

  /**
   * Crypto-shreds an object in the caller's transaction: its wrapped data key is destroyed, so the
   * ciphertext can never be decrypted again, and the ciphertext is deleted once the transaction
   * commits (the orphan sweeper deletes it if the process dies first). Only the compliance gate's
   * purge calls this. Returns false if the object was shredded before.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean shred(String orgId, UUID id, String actor) {
    int changed =
        jdbc.sql(
                """
                update vault_objects set wrapped_key = null, shredded_at = :at
                 where id = :id and org_id = :org and shredded_at is null
                """)
            .param("at", Timestamp.from(clock.instant()))
            .param("id", id)
            .param("org", orgId)
            .update();
    if (changed == 0) {
      return false;
    }
    audit.record(
        new AuditEvent(actor, "vault.key.destroy", orgId, id.toString(), Outcome.SUCCESS, ""));
    Path blob = blobs.sealed(orgId, id);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            try {
              Files.deleteIfExists(blob);
            } catch (IOException e) {
              log.warn("Could not delete the blob of shredded object {}; the sweeper will", id, e);
            }
          }
        });
    return true;
  }

  /**
   * The plaintext of an object, decrypted and verified as it is read. The key use is audited; an
   * integrity failure is counted, audited and thrown as {@link IntegrityException}.
   */
  public InputStream open(StoredObject object, String actor) throws IntegrityException {
    audit.record(unwrapEntry(object.orgId(), object.id(), object.kekId(), actor));
    return decrypt(object, actor);
  }

  /**
   * Audits the coming reads of several objects of one organisation at once, in one transaction, so
   * that a batch of reads costs one commit instead of one each. The grant then opens those objects
   * without a further entry; any other object it is asked for is audited on its own, as {@link
   * #open} does. Shredded and unknown objects are left out. The entries are committed in chunks of
   * {@value #READS_PER_COMMIT}, so the audit chain is never held for long.
   */
  public ReadGrant auditReads(String orgId, Collection<UUID> objectIds, String actor) {
    Set<UUID> granted = new HashSet<>();
    if (objectIds.isEmpty()) {
      return new ReadGrant(this, orgId, granted, actor);
    }
    List<Readable> readable =
        jdbc.sql(
                """
                select id, kek_id from vault_objects
                 where org_id = :org and id in (:ids) and shredded_at is null order by id
                """)
            .param("org", orgId)
            .param("ids", List.copyOf(new HashSet<>(objectIds)))
            .query((rs, n) -> new Readable(rs.getObject("id", UUID.class), rs.getString("kek_id")))
            .list();
    for (int from = 0; from < readable.size(); from += READS_PER_COMMIT) {
      List<Readable> chunk =
          readable.subList(from, Math.min(readable.size(), from + READS_PER_COMMIT));
      List<AuditEvent> entries = new ArrayList<>(chunk.size());
      for (Readable object : chunk) {
        entries.add(unwrapEntry(orgId, object.id(), object.kekId(), actor));
      }
      transactions.executeWithoutResult(status -> audit.recordAll(entries));
      chunk.forEach(object -> granted.add(object.id()));
    }
    return new ReadGrant(this, orgId, granted, actor);
  }

  private record Readable(UUID id, String kekId) {}

  private static AuditEvent unwrapEntry(String orgId, UUID id, String kekId, String actor) {
    return new AuditEvent(
        actor, "vault.key.unwrap", orgId, id.toString(), Outcome.SUCCESS, "kek=" + kekId);
  }

  /** Decrypts and verifies an object whose read is already audited. */
  InputStream decrypt(StoredObject object, String actor) throws IntegrityException {
    VerifyingInputStream.FailureListener onFailure =
        (reason, cause) -> integrityFailure(object, reason, cause, actor);
    try {
      StreamingAead aead = dataKeys.unwrap(object);
      InputStream file = new BlobInputStream(blobs.sealed(object.orgId(), object.id()));
      return new VerifyingInputStream(
          aead.newDecryptingStream(file, DataKeys.associatedData(object.orgId(), object.id())),
          object.sha256(),
          object.size(),
          onFailure);
    } catch (GeneralSecurityException e) {
      throw integrityFailure(object, "the data key failed authentication", e, actor);
    } catch (IOException e) {
      throw integrityFailure(object, "the blob cannot be read", e, actor);
    }
  }

  private IntegrityException integrityFailure(
      StoredObject object, String reason, @Nullable Throwable cause, String actor) {
    integrityFailures.increment();
    log.error(
        "Integrity failure of object {} of {}: {}{}",
        object.id(),
        object.orgId(),
        reason,
        cause == null ? "" : " (" + cause + ")");
    audit.record(
        new AuditEvent(
            actor,
            "vault.integrity.failure",
            object.orgId(),
            object.id().toString(),
            Outcome.FAILED,
            reason));
    String message = "Object " + object.id() + ": " + reason;
    return cause == null ? new IntegrityException(message) : new IntegrityException(message, cause);
  }

  private void requireFreeSpace() throws IOException {
    long usable = Files.getFileStore(blobs.root()).getUsableSpace();
    if (usable < settings.minFreeSpace().toBytes()) {
      throw new StorageFullException(
          "The vault has "
              + usable / (1024 * 1024)
              + " MiB free, below its reserve of "
              + settings.minFreeSpace().toMegabytes()
              + " MiB");
    }
  }
}
