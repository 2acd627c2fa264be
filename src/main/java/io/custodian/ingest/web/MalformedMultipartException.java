package io.custodian.ingest.web;

import java.io.IOException;

/** A multipart body that breaks RFC 2046 / RFC 7578 as {@link FormDataReader} reads them (400). */
final class MalformedMultipartException extends IOException {

  private static final long serialVersionUID = 1L;

  MalformedMultipartException(String detail) {
    super(detail);
  }
}
