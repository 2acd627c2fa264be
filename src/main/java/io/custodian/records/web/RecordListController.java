package io.custodian.records.web;

import io.custodian.audit.AuditEvent;
import io.custodian.audit.AuditEvent.Outcome;
import io.custodian.audit.AuditTrail;
import io.custodian.identity.Caller;
import io.custodian.records.Message;
import io.custodian.records.Messages;
import io.custodian.records.RecordQuery;
import io.custodian.records.Recording;
import io.custodian.records.Recordings;
import io.custodian.records.web.ListParameters.Kind;
import io.custodian.web.CustodianException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lists an organisation's recordings or messages: metadata and links, never content, in intake
 * order, a page at a time behind a cursor. Each list request is one audit entry (the chain is
 * appended under a lock, so not one per record), naming the query and the records returned.
 */
@RestController
@RequestMapping("/api/v1/orgs/{org}")
class RecordListController {

  private final Recordings recordings;
  private final Messages messages;
  private final AuditTrail audit;
  private final JsonMapper json;

  RecordListController(
      Recordings recordings, Messages messages, AuditTrail audit, JsonMapper json) {
    this.recordings = recordings;
    this.messages = messages;
    this.audit = audit;
    this.json = json;
  }

  @GetMapping("/recordings")
  RecordPage recordings(@PathVariable String org, HttpServletRequest request) {
    return list(
        org, Kind.RECORDINGS, request, recordings::list, Recording::intakeSeq, this::recordingItem);
  }

  @GetMapping("/messages")
  RecordPage messages(@PathVariable String org, HttpServletRequest request) {
    return list(org, Kind.MESSAGES, request, messages::list, Message::intakeSeq, this::messageItem);
  }

  private <T> RecordPage list(
      String org,
      Kind kind,
      HttpServletRequest request,
      Function<RecordQuery, List<T>> source,
      ToLongFunction<T> seq,
      Function<T, ObjectNode> item) {
    Caller caller = Caller.of(request);
    String action = kind == Kind.RECORDINGS ? "recording.list" : "message.list";
    String base = "/api/v1/orgs/" + org + "/" + kind.path();
    String asked = request.getQueryString() == null ? "" : request.getQueryString();
    ListParameters parameters;
    try {
      parameters = ListParameters.of(kind, request.getParameterMap());
    } catch (CustodianException e) {
      record(caller, action, org, kind.path() + "?" + asked, Outcome.REJECTED, e.getMessage());
      throw e;
    }
    String subject = kind.path() + "?" + parameters.query(parameters.values().get("cursor"));
    String subOrg = parameters.subOrg();
    if (caller.subOrg() != null) {
      if (subOrg != null && !caller.sees(subOrg)) {
        record(caller, action, org, subject, Outcome.DENIED, "outside the sub-organisation");
        throw CustodianException.notFound("Sub-organisation " + subOrg);
      }
      subOrg = caller.subOrg();
    }
    int limit = parameters.limit();
    List<T> found =
        source.apply(
            new RecordQuery(
                org,
                subOrg,
                parameters.timeFrom(),
                parameters.timeBefore(),
                parameters.receivedFrom(),
                parameters.receivedBefore(),
                parameters.channel(),
                parameters.direction(),
                parameters.participant(),
                parameters.delivered(),
                parameters.afterSeq(),
                limit + 1));
    boolean more = found.size() > limit;
    List<T> page = more ? found.subList(0, limit) : found;
    String resume =
        page.isEmpty()
            ? parameters.values().get("cursor")
            : Cursor.after(seq.applyAsLong(page.get(page.size() - 1)));
    String next = more ? resume : null;
    record(
        caller,
        action,
        org,
        subject,
        Outcome.SUCCESS,
        page.isEmpty()
            ? "items=0"
            : "items="
                + page.size()
                + " intakeSeq="
                + seq.applyAsLong(page.get(0))
                + ".."
                + seq.applyAsLong(page.get(page.size() - 1)));
    return new RecordPage(
        page.stream().map(item).toList(),
        next,
        resume,
        new RecordPage.Links(
            link(base, parameters.query(parameters.values().get("cursor"))),
            next == null ? null : link(base, parameters.query(next))));
  }

  private ObjectNode recordingItem(Recording r) {
    ObjectNode node = json.valueToTree(r);
    String self = "/api/v1/orgs/" + r.orgId() + "/recordings/" + r.id();
    ObjectNode links = node.putObject("links");
    links.put("self", self);
    links.put("content", self + "/content");
    links.put("ulaw", self + "/content?format=ulaw");
    return node;
  }

  private ObjectNode messageItem(Message m) {
    ObjectNode node = json.valueToTree(m);
    String self = "/api/v1/orgs/" + m.orgId() + "/messages/" + m.id();
    ObjectNode links = node.putObject("links");
    links.put("self", self);
    links.put("content", self + "/content");
    ArrayNode attachments = links.putArray("attachments");
    for (Message.Attachment a : m.attachments()) {
      attachments.add(self + "/attachments/" + a.index());
    }
    return node;
  }

  private void record(
      Caller caller,
      String action,
      String org,
      String subject,
      Outcome outcome,
      @Nullable String detail) {
    audit.record(
        new AuditEvent(
            caller.actor(),
            action,
            org,
            subject.length() > 2000 ? subject.substring(0, 2000) + "…" : subject,
            outcome,
            detail == null ? "" : detail));
  }

  private static String link(String base, String query) {
    return query.isEmpty() ? base : base + "?" + query;
  }
}
