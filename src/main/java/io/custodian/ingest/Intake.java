package io.custodian.ingest;

import java.util.UUID;

/**
 * The outcome of an intake: the stored record, and whether this request created it (201) or
 * replayed an earlier identical one (200), and its id.
 */
public record Intake<T>(T record, UUID id, boolean created) {}
