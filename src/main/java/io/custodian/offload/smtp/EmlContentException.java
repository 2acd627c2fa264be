package io.custodian.offload.smtp;

import java.io.IOException;

/**
 * A message's content could not be read, or was not the content its record describes (size or
 * SHA-256): the message was not written out, and a server it was being sent to got no end of data,
 * so it holds nothing of it.
 */
public final class EmlContentException extends IOException {

  private static final long serialVersionUID = 1L;

  EmlContentException(String message) {
    super(message);
  }

  EmlContentException(String message, Throwable cause) {
    super(message, cause);
  }
}
