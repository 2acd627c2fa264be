package io.custodian.offload.smtp;

import java.io.IOException;

/**
 * No session could be had with the server: it could not be reached, its TLS certificate was not
 * trusted, it does not offer STARTTLS or AUTH where the endpoint needs them, or it refused the
 * greeting or the credentials. Nothing was sent.
 */
public final class SmtpConnectException extends IOException {

  private static final long serialVersionUID = 1L;

  private final int replyCode;

  SmtpConnectException(String message, int replyCode, Throwable cause) {
    super(message, cause);
    this.replyCode = replyCode;
  }

  SmtpConnectException(String message) {
    super(message);
    this.replyCode = 0;
  }

  /** The server's reply code, such as 535 for refused credentials; 0 when none came. */
  public int replyCode() {
    return replyCode;
  }

  /**
   * Whether the server refused with a 5xx reply (credentials, policy): retrying without a change to
   * the destination is unlikely to help.
   */
  public boolean permanent() {
    return replyCode >= 500 && replyCode < 600;
  }
}
