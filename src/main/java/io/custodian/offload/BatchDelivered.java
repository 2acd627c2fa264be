package io.custodian.offload;

import java.util.UUID;

/**
 * A batch reached its destination and was verified there: the moment from which the purge policy
 * may act on its records.
 */
public record BatchDelivered(UUID batchId, String orgId, OffloadStream stream, String name) {}
