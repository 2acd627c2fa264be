package io.custodian.ingest;

import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;

/** Metadata that breaks a documented rule; the detail names the field. */
public final class InvalidMetadataException extends CustodianException {

  private static final long serialVersionUID = 1L;

  /** The named field breaks the rule described. */
  public InvalidMetadataException(String field, String rule) {
    super(ErrorCode.INVALID_METADATA, field + ": " + rule);
  }
}
