package io.custodian.offload.sftp;

import java.io.IOException;

/** The server presented a host key other than the pinned one: nothing was sent. */
public final class HostKeyRejectedException extends IOException {

  private static final long serialVersionUID = 1L;

  HostKeyRejectedException(String message) {
    super(message);
  }
}
