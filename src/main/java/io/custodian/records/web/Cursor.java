package io.custodian.records.web;

import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list position: opaque to clients, base64url of the last listed record's intake sequence number
 * with a version tag, so that other orders can get cursors of their own later. Only a position, not
 * a permission: the organisation and filters come from each request.
 */
final class Cursor {

  private static final Pattern FORM = Pattern.compile("i1\\.(0|[1-9][0-9]{0,17})");

  private Cursor() {}

  /** The cursor that continues after the record with this intake sequence number. */
  static String after(long intakeSeq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("i1." + intakeSeq).getBytes(StandardCharsets.US_ASCII));
  }

  /** The intake sequence number a cursor continues after. */
  static long parse(String cursor) {
    if (cursor.length() <= 32) {
      try {
        String decoded =
            new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        Matcher matcher = FORM.matcher(decoded);
        if (matcher.matches()) {
          return Long.parseLong(matcher.group(1));
        }
      } catch (IllegalArgumentException e) {
        // not base64url: refused below
      }
    }
    throw new CustodianException(
        ErrorCode.INVALID_REQUEST, "cursor: not a cursor this API returned");
  }
}
