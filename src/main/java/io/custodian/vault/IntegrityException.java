package io.custodian.vault;

import java.io.IOException;

/**
 * Stored content failed authentication or its SHA-256 check. An I/O exception, so it travels
 * through the stream that detected it; it has already been counted and audited when thrown.
 */
public final class IntegrityException extends IOException {

  private static final long serialVersionUID = 1L;

  /** An integrity failure of the named object. */
  public IntegrityException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An integrity failure found by comparing digests. */
  public IntegrityException(String message) {
    super(message);
  }
}
