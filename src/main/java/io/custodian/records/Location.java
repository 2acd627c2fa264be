package io.custodian.records;

import org.jspecify.annotations.Nullable;

/** Where the recorded device was, as reported by it. */
public record Location(
    double latitude,
    double longitude,
    @Nullable Double accuracyMeters,
    @Nullable String description) {}
