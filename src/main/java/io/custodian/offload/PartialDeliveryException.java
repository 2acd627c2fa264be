package io.custodian.offload;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** A delivery attempt that left part of its batch undelivered, and what it did deliver. */
final class PartialDeliveryException extends IOException {

  private static final long serialVersionUID = 1L;

  private final transient BatchDelivery.Result result;

  PartialDeliveryException(String message, BatchDelivery.Result result, @Nullable Throwable cause) {
    super(message, cause);
    this.result = result;
  }

  BatchDelivery.Result result() {
    return result;
  }
}
