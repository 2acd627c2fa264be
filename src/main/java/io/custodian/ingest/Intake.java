package io.custodian.ingest;

/**
 * The outcome of an intake: the stored record, and whether this request created it (201) or
 * replayed an earlier identical one (200).
 */
public record Intake<T>(T record, boolean created) {}
