package io.custodian.ingest.web;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.identity.Caller;
import io.custodian.ingest.CallIntake;
import io.custodian.ingest.IngestSettings;
import io.custodian.ingest.Intake;
import io.custodian.ingest.MessageIntake;
import io.custodian.ingest.UploadPart;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /calls} (multipart, streamed) and {@code POST /messages} (JSON, bounded). 201 for a
 * new record, 200 for an identical replay; every rejection is audited.
 */
@RestController
class IntakeController {

  private final CallIntake calls;
  private final MessageIntake messages;
  private final IngestSettings settings;
  private final AuditTrail audit;

  IntakeController(
      CallIntake calls, MessageIntake messages, IngestSettings settings, AuditTrail audit) {
    this.calls = calls;
    this.messages = messages;
    this.settings = settings;
    this.audit = audit;
  }

  @PostMapping("/api/v1/orgs/{org}/calls")
  ResponseEntity<?> call(@PathVariable String org, HttpServletRequest request) throws IOException {
    String actor = Caller.of(request).actor();
    return rejectionsAudited(
        org,
        actor,
        "recording.intake",
        () -> {
          if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new CustodianException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A call is sent as multipart/form-data");
          }
          long max =
              settings.maxAudioSize().toBytes() + settings.maxMetadataSize().toBytes() + 65536;
          if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
          }
          JakartaServletFileUpload<?, ?> upload = new JakartaServletFileUpload<>();
          upload.setSizeMax(max);
          upload.setFileCountMax(4);
          Intake<?> intake = calls.accept(org, actor, parts(upload.getItemIterator(request), max));
          return answer(org, "recordings", intake);
        });
  }

  @PostMapping("/api/v1/orgs/{org}/messages")
  ResponseEntity<?> message(@PathVariable String org, HttpServletRequest request)
      throws IOException {
    String actor = Caller.of(request).actor();
    return rejectionsAudited(
        org,
        actor,
        "message.intake",
        () -> {
          MediaType type = contentType(request);
          if (!MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
            throw new CustodianException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A message is sent as application/json");
          }
          long max = settings.maxMessageSize().toBytes();
          if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
          }
          byte[] body;
          try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
          }
          if (body.length > max) {
            throw tooLarge(max);
          }
          return answer(org, "messages", messages.accept(org, actor, body));
        });
  }

  private interface IntakeCall {
    ResponseEntity<?> run() throws IOException;
  }

  private ResponseEntity<?> rejectionsAudited(
      String org, String actor, String action, IntakeCall call) throws IOException {
    try {
      return call.run();
    } catch (CustodianException e) {
      if (e.code() != ErrorCode.IDEMPOTENCY_CONFLICT) {
        audit.record(new AuditEvent(actor, action, org, null, Outcome.REJECTED, e.code().name()));
      }
      throw e;
    } catch (FileUploadSizeException e) {
      audit.record(new AuditEvent(actor, action, org, null, Outcome.REJECTED, "PAYLOAD_TOO_LARGE"));
      throw new CustodianException(ErrorCode.PAYLOAD_TOO_LARGE, "The upload is too large", e);
    } catch (FileUploadException e) {
      audit.record(new AuditEvent(actor, action, org, null, Outcome.REJECTED, "MALFORMED_REQUEST"));
      throw new CustodianException(ErrorCode.MALFORMED_REQUEST, "Malformed multipart body", e);
    }
  }

  private static ResponseEntity<?> answer(String org, String collection, Intake<?> intake) {
    URI location = URI.create("/api/v1/orgs/" + org + "/" + collection + "/" + intake.id());
    return intake.created()
        ? ResponseEntity.created(location).body(intake.record())
        : ResponseEntity.ok().location(location).body(intake.record());
  }

  private static Iterator<UploadPart> parts(FileItemInputIterator items, long max) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        try {
          return items.hasNext();
        } catch (FileUploadSizeException e) {
          throw tooLarge(max);
        } catch (IOException e) {
          throw new CustodianException(ErrorCode.MALFORMED_REQUEST, "Malformed multipart body", e);
        }
      }

      @Override
      public UploadPart next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          FileItemInput item = items.next();
          return new UploadPart(item.getFieldName(), item.getInputStream());
        } catch (IOException e) {
          throw new CustodianException(ErrorCode.MALFORMED_REQUEST, "Malformed multipart body", e);
        }
      }
    };
  }

  private static MediaType contentType(HttpServletRequest request) {
    try {
      String header = request.getContentType();
      return header == null ? MediaType.APPLICATION_OCTET_STREAM : MediaType.parseMediaType(header);
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      return MediaType.APPLICATION_OCTET_STREAM;
    }
  }

  private static CustodianException tooLarge(long max) {
    return new CustodianException(
        ErrorCode.PAYLOAD_TOO_LARGE, "The request is larger than " + max + " bytes");
  }
}
