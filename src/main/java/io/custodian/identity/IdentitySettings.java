package io.custodian.identity;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of API-key authentication.
 *
 * @param bootstrapAdminKey an admin key to accept from configuration instead of generating one at
 *     first start; it must start with {@code cus_} and carry at least 32 random characters
 */
@ConfigurationProperties("custodian.identity")
public record IdentitySettings(@Nullable String bootstrapAdminKey) {}
