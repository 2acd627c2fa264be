package io.custodian.records.web;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.identity.Caller;
import io.custodian.media.ChannelMode;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.records.Recording;
import io.custodian.records.Recordings;
import io.custodian.vault.StoredObject;
import io.custodian.vault.Vault;
import io.custodian.web.CustodianException;
import io.custodian.web.ErrorCode;
import io.custodian.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reads one record's metadata or content. Every read, found or not, is an audit entry; a record of
 * another organisation, or of another sub-organisation for a sub-organisation's key, is answered as
 * if it did not exist.
 */
@RestController
@RequestMapping("/api/v1/orgs/{org}")
class RecordController {

  private static final Set<String> CONTENT_PARAMETERS = Set.of("format", "channels");

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
    noParameters(request, org, id, "recording.metadata.read");
    return audited(request, org, id, "recording.metadata.read", recording(request, org, id), "");
  }

  @GetMapping("/recordings/{id}/content")
  void recordingContent(
      @PathVariable String org,
      @PathVariable UUID id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    String action = "recording.content.read";
    AudioForm form;
    try {
      form = AudioForm.of(request.getParameterMap());
    } catch (CustodianException e) {
      audit(request, org, id, action, Outcome.REJECTED, e.getMessage());
      throw e;
    }
    Optional<Recording.Audio> audio = recording(request, org, id).map(Recording::audio);
    send(
        request,
        response,
        org,
        id,
        action,
        audio.map(Recording.Audio::objectId),
        object ->
            form.ulaw()
                ? UlawRendition.of(audio.orElseThrow(), form.channels())
                : stored(object, "audio/wav"));
  }

  @GetMapping("/messages/{id}")
  Message message(@PathVariable String org, @PathVariable UUID id, HttpServletRequest request) {
    noParameters(request, org, id, "message.metadata.read");
    return audited(request, org, id, "message.metadata.read", message(request, org, id), "");
  }

  @GetMapping("/messages/{id}/content")
  void messageBody(
      @PathVariable String org,
      @PathVariable UUID id,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    noParameters(request, org, id, "message.content.read");
    send(
        request,
        response,
        org,
        id,
        "message.content.read",
        message(request, org, id).map(m -> m.body().objectId()),
        object -> stored(object, "text/plain;charset=UTF-8"));
  }

  @GetMapping("/messages/{id}/attachments/{index}")
  void attachment(
      @PathVariable String org,
      @PathVariable UUID id,
      @PathVariable int index,
      HttpServletRequest request,
      HttpServletResponse response)
      throws IOException {
    noParameters(request, org, id, "message.attachment.read");
    Optional<Message.Attachment> attachment =
        message(request, org, id)
            .flatMap(m -> m.attachments().stream().filter(a -> a.index() == index).findFirst());
    response.setHeader("Content-Disposition", "attachment");
    send(
        request,
        response,
        org,
        id,
        "message.attachment.read",
        attachment.map(a -> a.content().objectId()),
        object -> stored(object, attachment.orElseThrow().mediaType()));
  }

  /** The recording, if the caller may see it. */
  private Optional<Recording> recording(HttpServletRequest request, String org, UUID id) {
    Caller caller = Caller.of(request);
    return recordings.find(org, id).filter(r -> caller.sees(r.subOrg()));
  }

  /** The message, if the caller may see it. */
  private Optional<Message> message(HttpServletRequest request, String org, UUID id) {
    Caller caller = Caller.of(request);
    return messages.find(org, id).filter(m -> caller.sees(m.subOrg()));
  }

  /**
   * The form of a recording asked for: as stored, or with {@code format=ulaw} the G.711 u-law 8 kHz
   * rendition, stereo kept unless {@code channels=mix}.
   */
  private record AudioForm(boolean ulaw, ChannelMode channels) {

    static AudioForm of(Map<String, String[]> parameters) {
      for (Map.Entry<String, String[]> p : parameters.entrySet()) {
        if (!CONTENT_PARAMETERS.contains(p.getKey())) {
          throw invalid(
              "unknown parameter '"
                  + Problems.printable(p.getKey(), 64)
                  + "'; known: format, channels");
        }
        if (p.getValue().length != 1) {
          throw invalid(p.getKey() + ": given more than once");
        }
      }
      String format = parameters.containsKey("format") ? parameters.get("format")[0] : "stored";
      String channels = parameters.containsKey("channels") ? parameters.get("channels")[0] : null;
      if (!format.equals("stored") && !format.equals("ulaw")) {
        throw invalid("format: stored or ulaw");
      }
      if (channels != null
          && (format.equals("stored") || !Set.of("keep", "mix").contains(channels))) {
        throw invalid("channels: keep or mix, with format=ulaw only");
      }
      return new AudioForm(
          format.equals("ulaw"), "mix".equals(channels) ? ChannelMode.MIX : ChannelMode.KEEP);
    }

    private static CustodianException invalid(String detail) {
      return new CustodianException(ErrorCode.INVALID_REQUEST, detail);
    }
  }

  /**
   * Refuses any query parameter, as the recording's content refuses an unknown one: a misspelt
   * option is an error, never silently ignored. Audited as rejected.
   */
  private void noParameters(HttpServletRequest request, String org, UUID id, String action) {
    for (String name : request.getParameterMap().keySet()) {
      CustodianException e =
          new CustodianException(
              ErrorCode.INVALID_REQUEST,
              "unknown parameter '" + Problems.printable(name, 64) + "'; this resource takes none");
      audit(request, org, id, action, Outcome.REJECTED, e.getMessage());
      throw e;
    }
  }

  private static Representation stored(StoredObject object, String mediaType) {
    return Representation.stored(mediaType, object.size(), object.sha256Hex(), object.sha256());
  }

  /**
   * Answers a content request: audits it (with what is answered: whole, a range, not modified),
   * then sends the content verified.
   */
  private void send(
      HttpServletRequest request,
      HttpServletResponse response,
      String org,
      UUID id,
      String action,
      Optional<UUID> objectId,
      Function<StoredObject, Representation> representation)
      throws IOException {
    UUID found = audited(request, org, id, action, objectId, null);
    StoredObject object;
    try {
      object = vault.describe(org, found);
    } catch (CustodianException e) {
      audit(request, org, id, action, Outcome.REJECTED, e.code().name());
      throw e;
    }
    Representation chosen = representation.apply(object);
    ContentPlan plan = ContentPlan.of(request, chosen);
    audit(
        request,
        org,
        id,
        action,
        plan.answer() == ContentPlan.Answer.UNSATISFIABLE ? Outcome.REJECTED : Outcome.SUCCESS,
        (chosen.name().equals("stored") ? "" : "format=" + chosen.name() + " ")
            + plan.describe(chosen.length()));
    String actor = Caller.of(request).actor();
    VerifiedContent.send(plan, chosen, () -> vault.open(object, actor), request, response);
  }

  /**
   * Audits a read of a record that was not found; with {@code detail} given, also one that was.
   * Returns what was found or answers 404.
   */
  private <T> T audited(
      HttpServletRequest request,
      String org,
      UUID id,
      String action,
      Optional<T> found,
      @Nullable String detail) {
    if (found.isEmpty()) {
      audit(request, org, id, action, Outcome.REJECTED, "not found");
    } else if (detail != null) {
      audit(request, org, id, action, Outcome.SUCCESS, detail);
    }
    return found.orElseThrow(() -> CustodianException.notFound("Record " + id));
  }

  private void audit(
      HttpServletRequest request,
      String org,
      UUID id,
      String action,
      Outcome outcome,
      String detail) {
    audit.record(
        new AuditEvent(Caller.of(request).actor(), action, org, id.toString(), outcome, detail));
  }
}
