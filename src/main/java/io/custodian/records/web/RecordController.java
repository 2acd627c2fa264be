package io.custodian.records.web;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.identity.Caller;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.records.Recording;
import io.custodian.records.Recordings;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import io.custodian.web.CustodianException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads one record's metadata or content. Every read, found or not, is an audit entry; a record of
 * another organisation is answered as if it did not exist.
 */
@RestController
@RequestMapping("/api/v1/orgs/{org}")
class RecordController {

  private final Recordings recordings;
  private final Messages messages;
  private final Vault vault;
  private final AuditTrail audit;

  RecordController(Recordings recordings, Messages messages, Vault vault, AuditTrail audit) {
    this.recordings = recordings;
    this.messages = messages;
    this.vault = vault;
    this.audit = audit;
  }

  @GetMapping("/recordings/{id}")
  Recording recording(@PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    return audited(request, org, id, "recording.metadata.read", recordings.find(org, id));
  }

  @GetMapping("/recordings/{id}/content")
  void recordingContent(
      @PathVariable String org,
      @PathVariable UUID id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Recording recording =
        audited(request, org, id, "recording.content.read", recordings.find(org, id));
    send(request, org, recording.audio().objectId(), "audio/wav", response);
  }

  @GetMapping("/messages/{id}")
  Message message(@PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    return audited(request, org, id, "message.metadata.read", messages.find(org, id));
  }

  @GetMapping("/messages/{id}/content")
  void messageBody(
      @PathVariable String org,
      @PathVariable UUID id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Message message = audited(request, org, id, "message.content.read", messages.find(org, id));
    send(request, org, message.body().objectId(), "text/plain;charset=UTF-8", response);
  }

  @GetMapping("/messages/{id}/attachments/{index}")
  void attachment(
      @PathVariable String org,
      @PathVariable UUID id,
      @PathVariable int index,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    Optional<Message.Attachment> attachment =
        messages
            .find(org, id)
            .flatMap(m -> m.attachments().stream().filter(a -> a.index() == index).findFirst());
    Message.Attachment found = audited(request, org, id, "message.attachment.read", attachment);
    response.setHeader("Content-Disposition", "attachment");
    send(request, org, found.content().objectId(), found.mediaType(), response);
  }

  private void send(
      HttpServletRequest request,
      String org,
      UUID objectId,
      String mediaType,
      HttpServletResponse response)
      throws IOException {
    StoredObject object = vault.describe(org, objectId);
    VerifiedContent.send(
        object, vault.open(object, Caller.of(request).actor()), mediaType, response);
  }

  private <T> T audited(
      HttpServletRequest request, String org, UUID id, String action, Optional<T> found) {
    audit.record(
        new AuditEvent(
            Caller.of(request).actor(),
            action,
            org,
            id.toString(),
            found.isPresent() ? Outcome.SUCCESS : Outcome.REJECTED,
            found.isPresent() ? "" : "not found"));
    return found.orElseThrow(() -> CustodianException.notFound("Record " + id));
  }
}
