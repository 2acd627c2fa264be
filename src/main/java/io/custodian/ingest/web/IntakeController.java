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
import org.jspecify.annotations.Nullable;
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
          String type = request.getContentType();
          if (type == null || !FormDataReader.isFormData(type)) {
            throw new CustodianException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE, "A call is sent as multipart/form-data");
          }
          long max =
              settings.maxAudioSize().toBytes() + settings.maxMetadataSize().toBytes() + 65536;
          if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
          }
          FormDataReader form = FormDataReader.open(type, request.getInputStream(), max);
          Intake<?> intake = calls.accept(org, actor, parts(form));
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
    } catch (MultipartTooLargeException e) {
      audit.record(new AuditEvent(actor, action, org, null, Outcome.REJECTED, "PAYLOAD_TOO_LARGE"));
      throw new CustodianException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), e);
    } catch (MalformedMultipartException e) {
      audit.record(new AuditEvent(actor, action, org, null, Outcome.REJECTED, "MALFORMED_REQUEST"));
      throw new CustodianException(ErrorCode.MALFORMED_REQUEST, e.getMessage(), e);
    }
  }

  private static ResponseEntity<?> answer(String org, String collection, Intake<?> intake) {
    URI location = URI.create("/api/v1/orgs/" + org + "/" + collection + "/" + intake.id());
    return intake.created()
        ? ResponseEntity.created(location).body(intake.record())
        : ResponseEntity.ok().location(location).body(intake.record());
  }

  /** The parts as {@link CallIntake} takes them; the reader's exceptions become problems. */
  private static Iterator<UploadPart> parts(FormDataReader form) {
    return new Iterator<>() {
      private @Nullable UploadPart next;
      private boolean ended;

      @Override
      public boolean hasNext() {
        if (next == null && !ended) {
          try {
            next = form.next();
          } catch (MultipartTooLargeException e) {
            throw new CustodianException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), e);
          } catch (MalformedMultipartException e) {
            throw new CustodianException(ErrorCode.MALFORMED_REQUEST, e.getMessage(), e);
          } catch (IOException e) {
            throw new CustodianException(
                ErrorCode.MALFORMED_REQUEST, "The multipart body could not be read", e);
          }
          ended = next == null;
        }
        return next != null;
      }

      @Override
      public UploadPart next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        UploadPart part = next;
        next = null;
        return part;
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
