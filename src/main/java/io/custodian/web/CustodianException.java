package io.custodian.web;

/**
 * A domain outcome that ends a request with a problem answer. Modules throw typed subclasses or
 * this class with a code; the web edge renders it as RFC 9457 problem details.
 */
public class CustodianException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  /** A problem with the given code and a detail message safe to show to the client. */
  public CustodianException(ErrorCode code, String detail) {
    super(detail);
    this.code = code;
  }

  /** A problem with a cause kept for the log, never for the client. */
  public CustodianException(ErrorCode code, String detail, Throwable cause) {
    super(detail, cause);
    this.code = code;
  }

  /** The stable code clients match on. */
  public ErrorCode code() {
    return code;
  }

  /** Shorthand for the 404 that also hides the existence of other tenants' data. */
  public static CustodianException notFound(String what) {
    return new CustodianException(ErrorCode.NOT_FOUND, what + " not found");
  }
}
