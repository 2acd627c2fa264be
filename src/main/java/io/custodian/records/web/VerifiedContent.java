package io.custodian.records.web;

import io.custodian.vault.IntegrityException;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * Sends verified content, whole or a range of it. The stored object is always read from its first
 * byte to its last, decrypted and checked against the SHA-256 taken at intake, also for a range
 * (the bytes outside it are read and dropped); the last byte of the answer is held back until that
 * check passed. The first block is read before anything is answered, so content that fails at once
 * (a single-segment object, a wrong key) gets a clean 500 problem; a failure later aborts the
 * response before its last byte, which the client sees as a short body.
 */
final class VerifiedContent {

  private static final int FIRST_BLOCK = 64 * 1024;

  /** Opens the stored bytes, decrypting and verifying as they are read; audits the key use. */
  interface Opener {
    InputStream open() throws IntegrityException;
  }

  private VerifiedContent() {}

  static void send(
      ContentPlan plan,
      Representation representation,
      Opener opener,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Long length = representation.length();
    response.setHeader("ETag", representation.etag());
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Accept-Ranges", length == null ? "none" : "bytes");
    switch (plan.answer()) {
      case NOT_MODIFIED -> {
        response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
        return;
      }
      case UNSATISFIABLE -> {
        response.setHeader("Content-Range", "bytes */" + length);
        throw new CustodianException(
            ErrorCode.RANGE_NOT_SATISFIABLE,
            "The range lies outside the " + length + " bytes of the content");
      }
      default -> {}
    }
    boolean partial = plan.answer() == ContentPlan.Answer.PARTIAL;
    long start = partial ? plan.start() : 0;
    long end = partial ? plan.end() : length == null ? Long.MAX_VALUE : length - 1;
    if ("HEAD".equals(request.getMethod())) {
      answerHeaders(representation, partial, start, end, response);
      return;
    }
    try (InputStream in = open(opener)) {
      byte[] first = new byte[FIRST_BLOCK];
      int read;
      try {
        read = in.readNBytes(first, 0, first.length);
      } catch (IntegrityException e) {
        throw integrityFailure(e);
      }
      answerHeaders(representation, partial, start, end, response);
      InputStream all = new SequenceInputStream(new ByteArrayInputStream(first, 0, read), in);
      OutputStream out = response.getOutputStream();
      RangeWindow window = new RangeWindow(out, start, end);
      try {
        representation.transfer().write(all, window);
        all.transferTo(OutputStream.nullOutputStream()); // to the end: the SHA-256 is checked
        window.finish(length == null ? -1 : length);
      } catch (IntegrityException e) {
        throw abort(response, integrityFailure(e));
      } catch (RenditionException e) {
        throw abort(response, new CustodianException(ErrorCode.INTERNAL_ERROR, e.getMessage(), e));
      }
      out.flush();
    }
  }

  private static void answerHeaders(
      Representation representation,
      boolean partial,
      long start,
      long end,
      HttpServletResponse response) {
    Long length = representation.length();
    response.setStatus(
        partial ? HttpServletResponse.SC_PARTIAL_CONTENT : HttpServletResponse.SC_OK);
    response.setContentType(representation.mediaType());
    if (partial) {
      response.setContentLengthLong(end - start + 1);
      response.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + length);
    } else if (length != null) {
      response.setContentLengthLong(length);
    }
    byte[] sha256 = representation.sha256();
    if (sha256 != null) {
      response.setHeader(
          "Repr-Digest", "sha-256=:" + Base64.getEncoder().encodeToString(sha256) + ":");
    }
  }

  private static InputStream open(Opener opener) {
    try {
      return opener.open();
    } catch (IntegrityException e) {
      throw integrityFailure(e);
    }
  }

  private static CustodianException integrityFailure(IntegrityException e) {
    return new CustodianException(
        ErrorCode.INTEGRITY_FAILURE, "Stored content failed its integrity check", e);
  }

  /**
   * A failure while sending: if nothing went out yet, the headers set for the content are dropped
   * so that a clean problem answers instead; otherwise the response is aborted by the container.
   */
  private static CustodianException abort(HttpServletResponse response, CustodianException e) {
    if (!response.isCommitted()) {
      response.reset();
    }
    return e;
  }

  /** The stored audio could not be made into the asked rendition. */
  static final class RenditionException extends IOException {
    private static final long serialVersionUID = 1L;

    RenditionException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
