package io.custodian.web;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds problem details for a code and counts every rejection by code, so the metrics show which
 * kinds of bad input arrive.
 */
@Component
public class Problems {

  private final MeterRegistry meters;
  private final JsonMapper json;

  Problems(MeterRegistry meters, JsonMapper json) {
    this.meters = meters;
    this.json = json;
  }

  /**
   * A client's text as it may be shown back in a problem's detail: control characters as {@code ?},
   * at most {@code max} code points, then {@code …}.
   */
  public static String printable(String text, int max) {
    String shown =
        text.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .limit(max)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return shown.length() < text.length() ? shown + "…" : shown;
  }

  /** The problem body for a code; also counts it. */
  public ProblemDetail of(ErrorCode code, String detail, HttpServletRequest request) {
    meters.counter("custodian.requests.rejected", "code", code.name()).increment();
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
    problem.setType(code.type());
    problem.setTitle(code.title());
    problem.setInstance(URI.create(request.getRequestURI()));
    problem.setProperty("code", code.name());
    return problem;
  }

  /** Writes a problem straight to a servlet response, for filters that answer before MVC. */
  public void write(
      HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
      throws IOException {
    ProblemDetail problem = of(code, detail, request);
    response.setStatus(code.status().value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }
}
