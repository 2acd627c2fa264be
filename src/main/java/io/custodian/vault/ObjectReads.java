package io.custodian.vault;

import com.google.crypto.tink.StreamingAead;
import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.vault.internal.BlobFiles;
import io.custodian.vault.internal.BlobInputStream;
import io.custodian.vault.internal.VerifyingInputStream;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The vault's read path: audited key use, decryption verified as it reads, integrity failures. */
final class ObjectReads {

  /** Integrity failures are logged under the vault's name. */
  private static final Logger log = LoggerFactory.getLogger(Vault.class);

  /** How many objects' audited reads {@link #auditReads} commits at a time. */
  static final int READS_PER_COMMIT = 200;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final DataKeys dataKeys;
  private final BlobFiles blobs;
  private final AuditTrail audit;
  private final Counter integrityFailures;

  ObjectReads(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      DataKeys dataKeys,
      BlobFiles blobs,
      AuditTrail audit,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.dataKeys = dataKeys;
    this.blobs = blobs;
    this.audit = audit;
    this.integrityFailures =
        Counter.builder("custodian.vault.integrity.failures")
            .description("Reads whose content failed authentication or its SHA-256 check")
            .register(meters);
  }

  /** As {@link Vault#open}: audits the key's use, then decrypts. */
  InputStream open(StoredObject object, String actor) throws IntegrityException {
    audit.record(unwrapEntry(object.orgId(), object.id(), object.kekId(), actor));
    return decrypt(object, actor);
  }

  /** As {@link Vault#auditReads}. */
  ReadGrant auditReads(String orgId, Collection<UUID> objectIds, String actor) {
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
}
