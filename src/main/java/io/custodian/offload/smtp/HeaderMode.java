package io.custodian.offload.smtp;

/**
 * How header text that is not plain ASCII is written. {@link #SMTPUTF8} only when the server offers
 * the SMTPUTF8 extension ({@link SmtpConnection#smtpUtf8()}): a message written so and sent to a
 * server without it would reach readers that cannot decode it.
 */
public enum HeaderMode {
  /** Every header is 7-bit ASCII; other text is written as RFC 2047 encoded words (UTF-8, B). */
  RFC2047,
  /**
   * The top-level headers may hold raw UTF-8 (RFC 6532) where the text has no control characters;
   * text that does is still written as encoded words, and MIME part headers stay ASCII.
   */
  SMTPUTF8
}
