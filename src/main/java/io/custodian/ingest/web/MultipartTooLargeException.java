package io.custodian.ingest.web;

import java.io.IOException;

/** A multipart body over one of {@link FormDataReader}'s caps: bytes, part headers, parts (413). */
final class MultipartTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  MultipartTooLargeException(String detail) {
    super(detail);
  }
}
