package io.custodian.vault;

import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;

/** The blob store has too little free space to accept more content; answered 507. */
public final class StorageFullException extends CustodianException {

  private static final long serialVersionUID = 1L;

  StorageFullException(String detail) {
    super(ErrorCode.INSUFFICIENT_STORAGE, detail);
  }
}
