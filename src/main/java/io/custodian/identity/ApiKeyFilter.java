package io.custodian.identity;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one gate in front of {@code /api/v1}: authenticates the bearer key, then keeps admin keys on
 * {@code /api/v1/admin} and organisation keys on {@code /api/v1/orgs/<their org>}; a key limited to
 * a sub-organisation only reads records there. Any other access is answered 404, as if the resource
 * did not exist, and audited. Paths must be plain (no percent-encoding, dot segments or path
 * parameters), so what this gate checks is exactly what the controllers see. The OpenAPI document
 * alone is open to anyone.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

  private static final Pattern PLAIN_PATH = Pattern.compile("(/[A-Za-z0-9_~-][A-Za-z0-9_.~-]*)+");

  /** The OpenAPI document, which anyone may read; every other path needs a key. */
  private static final Set<String> OPEN_PATHS =
      Set.of("/api/v1/openapi.yaml", "/api/v1/openapi.json");

  private final ApiKeys keys;
  private final AuditTrail audit;
  private final FailedAuthentications failures;
  private final Problems problems;

  ApiKeyFilter(ApiKeys keys, AuditTrail audit, FailedAuthentications failures, Problems problems) {
    this.keys = keys;
    this.audit = audit;
    this.failures = failures;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!PLAIN_PATH.matcher(path).matches()) {
      problems.write(request, response, ErrorCode.MALFORMED_REQUEST, "Malformed path");
      return;
    }
    if (OPEN_PATHS.contains(path)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Caller> caller = bearer(request).flatMap(keys::authenticate);
    if (caller.isEmpty()) {
      failures.record(
          request.getRemoteAddr(),
          request.getMethod() + " " + path,
          bearer(request).isPresent() ? "unknown or revoked key" : "no key");
      response.setHeader("WWW-Authenticate", "Bearer");
      problems.write(request, response, ErrorCode.UNAUTHENTICATED, "A valid API key is required");
      return;
    }
    String[] segments = path.split("/");
    // segments: "", "api", "v1", area, ...
    String area = segments.length > 3 ? segments[3] : "";
    Caller who = caller.get();
    boolean allowed =
        switch (area) {
          case "admin" -> who.admin();
          case "orgs" ->
              segments.length > 4
                  && segments[4].equals(who.orgId())
                  && (who.subOrg() == null || subOrgMayUse(request.getMethod(), segments));
          default -> true;
        };
    if (!allowed) {
      String org = "orgs".equals(area) && segments.length > 4 ? segments[4] : null;
      audit.record(
          new AuditEvent(
              who.actor(),
              "access.denied",
              org,
              request.getMethod() + " " + path,
              Outcome.DENIED,
              who.admin()
                  ? "admin key on organisation data"
                  : who.subOrg() != null && segments.length > 4 && segments[4].equals(who.orgId())
                      ? "outside the sub-organisation key's scope"
                      : "outside the key's scope"));
      problems.write(request, response, ErrorCode.NOT_FOUND, "No such resource");
      return;
    }
    request.setAttribute(Caller.ATTRIBUTE, who);
    chain.doFilter(request, response);
  }

  /**
   * A sub-organisation's key reads its sub-organisation's records and content (the record endpoints
   * check the sub-organisation of each record); it sends nothing and reads nothing else of the
   * organisation.
   */
  private static boolean subOrgMayUse(String method, String[] segments) {
    boolean read = "GET".equals(method) || "HEAD".equals(method);
    return read
        && segments.length > 5
        && ("recordings".equals(segments[5]) || "messages".equals(segments[5]));
  }

  private static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).trim());
  }

  /** Registers the gate for the API paths only. */
  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(
        ApiKeys keys, AuditTrail audit, FailedAuthentications failures, Problems problems) {
      FilterRegistrationBean<ApiKeyFilter> registration =
          new FilterRegistrationBean<>(new ApiKeyFilter(keys, audit, failures, problems));
      registration.addUrlPatterns("/api/*");
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
      return registration;
    }
  }
}
