package io.custodian.ingest;

import java.util.UUID;

/**
 * A call recording was committed to the vault: published in the intake transaction, so that
 * listeners (offload) learn of every acknowledged recording exactly when it becomes durable.
 */
public record RecordingArchived(UUID recordingId, String orgId, long intakeSeq) {}
