package io.custodian.vault;

import com.google.crypto.tink.Parameters;
import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.vault.internal.BlobFiles;
import io.custodian.vault.internal.KeyEncryptionKey;
import io.custodian.vault.internal.SyncingFileOutputStream;
import io.custodian.web.ErrorCode;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
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

  private final JdbcClient jdbc;
  private final DataKeys dataKeys;
  private final Catalogue catalogue;
  private final ObjectReads reads;
  private final BlobFiles blobs;
  private final VaultSettings settings;
  private final AuditTrail audit;
  private final Clock clock;

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
    this.dataKeys = new DataKeys(kek);
    this.catalogue = new Catalogue(jdbc);
    this.reads = new ObjectReads(jdbc, transactions, dataKeys, blobs, audit, meters);
    this.blobs = blobs;
    this.settings = settings;
    this.audit = audit;
    this.clock = clock;
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
    return catalogue.describe(orgId, id);
  }

  /**
   * What is stored of several objects of the organisation, by id, in one query. Purged and unknown
   * objects are left out: {@link #describe} says why for each.
   */
  public Map<UUID, StoredObject> describeAll(String orgId, Collection<UUID> ids) {
    return catalogue.describeAll(orgId, ids);
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
    return reads.open(object, actor);
  }

  /**
   * Audits the coming reads of several objects of one organisation at once, in one transaction, so
   * that a batch of reads costs one commit instead of one each. The grant then opens those objects
   * without a further entry; any other object it is asked for is audited on its own, as {@link
   * #open} does. Shredded and unknown objects are left out. The entries are committed in chunks of
   * {@value ObjectReads#READS_PER_COMMIT}, so the audit chain is never held for long.
   */
  public ReadGrant auditReads(String orgId, Collection<UUID> objectIds, String actor) {
    return reads.auditReads(orgId, objectIds, actor);
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
