package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The API destination as an administrator sends it; the read-only fields of the stored one are
 * accepted and ignored.
 *
 * @param purgeAfterAcknowledgement default {@code false}
 */
@JsonIgnoreProperties({"orgId", "updatedAt"})
public record ApiDestinationRequest(@Nullable Boolean purgeAfterAcknowledgement) {}
