package io.custodian.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the API. Clients match on {@link #name()}, which never changes meaning;
 * each code has one HTTP status and a problem type URI.
 */
public enum ErrorCode {
  MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "The request could not be read"),
  INVALID_REQUEST(HttpStatus.BAD_REQUEST, "The request is invalid"),
  INVALID_METADATA(HttpStatus.BAD_REQUEST, "The metadata is invalid"),
  INVALID_WAV(HttpStatus.BAD_REQUEST, "The audio is not a valid WAV file"),
  UNSUPPORTED_AUDIO(HttpStatus.BAD_REQUEST, "The audio format is not accepted"),
  UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "A valid API key is required"),
  NOT_FOUND(HttpStatus.NOT_FOUND, "No such resource"),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
  NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "No acceptable representation"),
  ALREADY_EXISTS(HttpStatus.CONFLICT, "The resource already exists"),
  IDEMPOTENCY_CONFLICT(HttpStatus.CONFLICT, "The sourceId was already used with different content"),
  PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "The request is larger than allowed"),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type"),
  RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests for this key; retry later"),
  INSUFFICIENT_STORAGE(HttpStatus.INSUFFICIENT_STORAGE, "Not enough storage to accept this"),
  PURGE_REFUSED(HttpStatus.CONFLICT, "The content may not be purged now"),
  CONTENT_PURGED(HttpStatus.GONE, "The content was purged after its verified delivery"),
  RANGE_NOT_SATISFIABLE(
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE, "The range lies outside the content"),
  INTEGRITY_FAILURE(HttpStatus.INTERNAL_SERVER_ERROR, "Stored content failed its integrity check"),
  INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

  private final HttpStatus status;
  private final String title;

  ErrorCode(HttpStatus status, String title) {
    this.status = status;
    this.title = title;
  }

  /** The HTTP status this code is always answered with. */
  public HttpStatus status() {
    return status;
  }

  /** A short human summary, the same for every occurrence. */
  public String title() {
    return title;
  }

  /** The problem type, a URN naming the code: {@code urn:custodian:problem:invalid-wav}. */
  public URI type() {
    return URI.create("urn:custodian:problem:" + name().toLowerCase(Locale.ROOT).replace('_', '-'));
  }
}
