package io.custodian.records.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a content request is answered with, decided from its conditional and range headers before
 * anything is read: {@code If-None-Match} first (304), then a single {@code Range} (206 or 416),
 * honoured only while {@code If-Range}, if sent, names the current entity tag. A Range header that
 * is not one well-formed {@code bytes} range (several ranges, another unit, bad syntax) is ignored
 * and the whole content sent, as RFC 9110 allows.
 *
 * @param start first byte sent (partial answers)
 * @param end last byte sent, inclusive (partial answers)
 */
record ContentPlan(Answer answer, long start, long end) {

  /** The kinds of answer. */
  enum Answer {
    WHOLE,
    PARTIAL,
    NOT_MODIFIED,
    UNSATISFIABLE
  }

  static ContentPlan of(HttpServletRequest request, Representation representation) {
    String etag = representation.etag();
    if (matches(request.getHeader("If-None-Match"), etag)) {
      return new ContentPlan(Answer.NOT_MODIFIED, 0, -1);
    }
    Long length = representation.length();
    String range = request.getHeader("Range");
    String ifRange = request.getHeader("If-Range");
    if (range == null || length == null || (ifRange != null && !ifRange.trim().equals(etag))) {
      return whole();
    }
    return range(range, length);
  }

  /** The answer to one {@code Range} header value for content of {@code length} bytes. */
  static ContentPlan range(String header, long length) {
    String value = header.trim();
    if (!value.toLowerCase(Locale.ROOT).startsWith("bytes=")) {
      return whole();
    }
    String spec = value.substring("bytes=".length()).trim();
    int dash = spec.indexOf('-');
    if (spec.contains(",") || dash < 0) {
      return whole();
    }
    String first = spec.substring(0, dash).trim();
    String last = spec.substring(dash + 1).trim();
    if (!first.matches("[0-9]*") || !last.matches("[0-9]*") || (first + last).isEmpty()) {
      return whole();
    }
    if (first.isEmpty()) {
      long suffix = number(last);
      if (suffix == 0 || length == 0) {
        return unsatisfiable();
      }
      return new ContentPlan(Answer.PARTIAL, Math.max(0, length - suffix), length - 1);
    }
    long start = number(first);
    long end = last.isEmpty() ? Long.MAX_VALUE : number(last);
    if (end < start) {
      return whole(); // an invalid range-spec: the header is ignored
    }
    if (start >= length) {
      return unsatisfiable();
    }
    return new ContentPlan(Answer.PARTIAL, start, Math.min(end, length - 1));
  }

  /** How the audit trail describes the answer. */
  String describe(@Nullable Long length) {
    String size = length == null ? "*" : Long.toString(length);
    return switch (answer) {
      case WHOLE -> "whole " + size + " bytes";
      case PARTIAL -> "bytes " + start + "-" + end + "/" + size;
      case NOT_MODIFIED -> "not modified";
      case UNSATISFIABLE -> "range not satisfiable (" + size + " bytes)";
    };
  }

  private static ContentPlan whole() {
    return new ContentPlan(Answer.WHOLE, 0, -1);
  }

  private static ContentPlan unsatisfiable() {
    return new ContentPlan(Answer.UNSATISFIABLE, 0, -1);
  }

  /** A digit string as a number, saturating at {@code Long.MAX_VALUE}. */
  private static long number(String digits) {
    String trimmed = digits.replaceFirst("^0+(?=.)", "");
    return trimmed.length() > 18 ? Long.MAX_VALUE : Long.parseLong(trimmed);
  }

  /** Whether an {@code If-None-Match} list names this entity tag (weak comparison) or is *. */
  private static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("*") || t.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
