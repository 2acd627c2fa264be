package io.custodian.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Translates domain exceptions and framework errors into RFC 9457 answers at the web edge. */
@RestControllerAdvice
class ProblemResponses {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

  private final Problems problems;

  ProblemResponses(Problems problems) {
    this.problems = problems;
  }

  @ExceptionHandler(CustodianException.class)
  ResponseEntity<ProblemDetail> custodian(
      CustodianException e, HttpServletRequest request, HttpServletResponse response) {
    if (response.isCommitted()) {
      // Part of the body is out: no problem can follow it. Rethrown unchanged, the exception
      // reaches the container, which logs it once and closes the connection, so the client
      // sees a body shorter than its declared length instead of a reusable connection.
      throw e;
    }
    if (e.code() == ErrorCode.INTERNAL_ERROR) {
      log.error("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
    } else if (e.code() == ErrorCode.INTEGRITY_FAILURE) {
      log.error("{} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
    }
    return answer(e.code(), e.getMessage(), request);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ProblemDetail> noResource(HttpServletRequest request) {
    return answer(ErrorCode.NOT_FOUND, "No such resource", request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ProblemDetail> method(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(ErrorCode.METHOD_NOT_ALLOWED, e.getMessage(), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> mediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return answer(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.getMessage(), request);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ProblemDetail> notAcceptable(HttpServletRequest request) {
    return answer(ErrorCode.NOT_ACCEPTABLE, "No acceptable representation", request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemDetail> unreadableBody(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      return answer(
          ErrorCode.INVALID_REQUEST,
          "Unknown field '" + Problems.printable(unknown.getPropertyName(), 64) + "'",
          request);
    }
    return answer(ErrorCode.MALFORMED_REQUEST, "The request could not be read", request);
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request) {
    return answer(ErrorCode.MALFORMED_REQUEST, "The request could not be read", request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(
      Exception e, HttpServletRequest request, HttpServletResponse response) throws Exception {
    if (response.isCommitted()) {
      throw e;
    }
    log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
    return answer(ErrorCode.INTERNAL_ERROR, "Internal error", request);
  }

  private ResponseEntity<ProblemDetail> answer(
      ErrorCode code, String detail, HttpServletRequest request) {
    return ResponseEntity.status(code.status())
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problems.of(code, detail, request));
  }
}
