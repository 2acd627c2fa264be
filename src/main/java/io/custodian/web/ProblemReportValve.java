package io.custodian.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report for what it refuses before the application sees it (an encoded slash in the
 * path, a character not allowed in a request line, a malformed header): an RFC 9457 problem with
 * the API's stable codes instead of Tomcat's HTML page, which also named the server's version.
 * Nothing of the request is echoed back.
 */
public final class ProblemReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean writable = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, writable);
    if (!writable.get()) {
      return;
    }
    ErrorCode code = code(status);
    String body =
        "{\"type\":\""
            + code.type()
            + "\",\"title\":\""
            + code.title()
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + (status >= 500
                ? "The server could not handle the request"
                : "The request was refused before it reached the API: its path or headers could"
                    + " not be read")
            + "\",\"code\":\""
            + code.name()
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone, or the response was taken over; nothing more to say
    }
  }

  static ErrorCode code(int status) {
    return switch (status) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
      case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
      case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.MALFORMED_REQUEST;
    };
  }
}
