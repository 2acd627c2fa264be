package io.custodian.ingest;

import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads intake documents strictly: an unknown field is an error, not silently dropped metadata. The
 * error names the problem without echoing control characters back.
 */
final class StrictJson {

  private StrictJson() {}

  static <T> T read(JsonMapper json, byte[] document, Class<T> type, String what) {
    try {
      return json.readerFor(type)
          .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .readValue(document);
    } catch (JacksonException e) {
      throw new CustodianException(
          ErrorCode.INVALID_METADATA,
          "The " + what + " is not valid: " + brief(e.getOriginalMessage()));
    }
  }

  /** One line, at most 200 characters, control characters shown as {@code ?}. */
  static String brief(String message) {
    return Problems.printable(message, 200);
  }
}
