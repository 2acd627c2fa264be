package io.custodian.compliance;

import java.util.UUID;

/** A record whose content someone asks to destroy. */
public record WipeCandidate(String orgId, RecordKind kind, UUID recordId) {

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + recordId + " of " + orgId;
  }
}
