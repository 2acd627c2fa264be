package io.custodian.identity;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The per-key rate limit of the API: each key may make {@code perSecond} requests a second on
 * average, in bursts of up to {@code burst}; 0 turns the limit off.
 */
@Validated
@ConfigurationProperties("custodian.identity.rate-limit")
public record RateLimitSettings(@PositiveOrZero int perSecond, @PositiveOrZero int burst) {

  boolean enabled() {
    return perSecond > 0;
  }
}
