package io.custodian.offload.sftp;

import java.io.IOException;

/** A file was not delivered within the destination's transfer timeout and was abandoned. */
public final class TransferTimeoutException extends IOException {

  private static final long serialVersionUID = 1L;

  TransferTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
