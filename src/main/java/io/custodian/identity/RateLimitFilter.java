package io.custodian.identity;

import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The per-key rate limit, right behind the identity gate: each key has a token bucket; a request
 * that finds it empty answers 429 {@code RATE_LIMITED} with {@code Retry-After} in whole seconds,
 * and does nothing. Requests refused by the gate never reach it, so they cost no key's tokens.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimitSettings settings;
  private final Problems problems;
  private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimitFilter(RateLimitSettings settings, Problems problems) {
    this.settings = settings;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Object caller = request.getAttribute(Caller.ATTRIBUTE);
    if (!settings.enabled() || !(caller instanceof Caller who)) {
      chain.doFilter(request, response);
      return;
    }
    ConsumptionProbe probe =
        buckets.computeIfAbsent(who.keyId(), id -> bucket()).tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      chain.doFilter(request, response);
      return;
    }
    long seconds =
        Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() - 1) + 1);
    response.setHeader("Retry-After", Long.toString(seconds));
    problems.write(
        request,
        response,
        ErrorCode.RATE_LIMITED,
        "This key made more than "
            + settings.perSecond()
            + " requests a second; retry in "
            + seconds
            + " s");
  }

  private Bucket bucket() {
    int burst = Math.max(settings.burst(), settings.perSecond());
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(burst)
                .refillGreedy(settings.perSecond(), Duration.ofSeconds(1))
                .build())
        .build();
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(
        RateLimitSettings settings, Problems problems) {
      FilterRegistrationBean<RateLimitFilter> registration =
          new FilterRegistrationBean<>(new RateLimitFilter(settings, problems));
      registration.addUrlPatterns("/api/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
      return registration;
    }
  }
}
