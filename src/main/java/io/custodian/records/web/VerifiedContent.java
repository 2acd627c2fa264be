package io.custodian.records.web;

import io.custodian.vault.IntegrityException;
import io.custodian.vault.StoredObject;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;

/**
 * Sends verified content. The first block is read before anything is answered, so content that
 * fails at once (a single-segment object, a wrong key) gets a clean 500 problem; a failure later
 * aborts the response before its last byte, which the client sees as a short body.
 */
final class VerifiedContent {

  private VerifiedContent() {}

  static void send(
      StoredObject object, InputStream content, String mediaType, HttpServletResponse response)
      throws IOException {
    try (InputStream in = content) {
      byte[] buffer = new byte[64 * 1024];
      int first;
      try {
        first = in.readNBytes(buffer, 0, buffer.length);
      } catch (IntegrityException e) {
        throw new CustodianException(
            ErrorCode.INTEGRITY_FAILURE, "Stored content failed its integrity check", e);
      }
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType(mediaType);
      response.setContentLengthLong(object.size());
      response.setHeader(
          "Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(object.sha256()) + ":");
      response.setHeader("ETag", "\"" + object.sha256Hex() + "\"");
      response.setHeader("X-Content-Type-Options", "nosniff");
      response.setHeader("Cache-Control", "no-store");
      OutputStream out = response.getOutputStream();
      out.write(buffer, 0, first);
      try {
        in.transferTo(out);
      } catch (IntegrityException e) {
        throw new CustodianException(ErrorCode.INTEGRITY_FAILURE, e.getMessage(), e);
      }
      out.flush();
    }
  }
}
