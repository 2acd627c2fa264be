package io.custodian.ingest;

import java.util.UUID;

/** A message was committed to the vault; published in the intake transaction. */
public record MessageArchived(UUID messageId, String orgId, long intakeSeq) {}
