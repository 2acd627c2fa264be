package io.custodian.offload;

import java.time.Instant;

/**
 * An organisation's API destination: it pulls records over the API and acknowledges each one once
 * archived. While it exists, a record is delivered only once acknowledged (beside any SFTP or mail
 * destination that carries it).
 *
 * @param purgeAfterAcknowledgement whether an acknowledged record may be purged, once every other
 *     destination carrying it has it too and is set to purge as well
 */
public record ApiDestination(String orgId, boolean purgeAfterAcknowledgement, Instant updatedAt) {}
