package io.custodian.vault;

import java.io.InputStream;
import java.util.Set;
import java.util.UUID;

/**
 * Reads of objects whose audit entries were written together, beforehand ({@link
 * Vault#auditReads}). Opening an object outside the grant audits that read on its own, so no read
 * goes unaudited either way.
 */
public final class ReadGrant {

  private final ObjectReads reads;
  private final String orgId;
  private final Set<UUID> granted;
  private final String actor;

  ReadGrant(ObjectReads reads, String orgId, Set<UUID> granted, String actor) {
    this.reads = reads;
    this.orgId = orgId;
    this.granted = Set.copyOf(granted);
    this.actor = actor;
  }

  /** The plaintext of an object, decrypted and verified as it is read, as {@link Vault#open}. */
  public InputStream open(StoredObject object) throws IntegrityException {
    if (object.orgId().equals(orgId) && granted.contains(object.id())) {
      return reads.decrypt(object, actor);
    }
    return reads.open(object, actor);
  }

  /** How many objects' reads were audited beforehand. */
  public int size() {
    return granted.size();
  }
}
