package io.custodian.ingest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A message intake document, as documented in {@code docs/api.md}. */
public record MessageSubmission(
    @Nullable String sourceId,
    @Nullable String subOrg,
    @Nullable String channel,
    @Nullable String direction,
    @Nullable String from,
    @Nullable List<String> to,
    @Nullable Instant sentAt,
    @Nullable String threadId,
    @Nullable String body,
    @Nullable List<NewAttachment> attachments) {

  static final int MAX_RECIPIENTS = 1000;
  static final int MAX_ATTACHMENTS = 100;

  /**
   * An attachment as submitted.
   *
   * @param content the bytes, base64 (RFC 4648, standard alphabet)
   */
  public record NewAttachment(
      @Nullable String mediaType, @Nullable String fileName, @Nullable String content) {}

  /** A decoded attachment, ready to store. */
  record DecodedAttachment(String mediaType, @Nullable String fileName, byte[] content) {}

  /** This message after every rule was checked; throws {@link InvalidMetadataException}. */
  MessageSubmission validated() {
    Fields.required("sourceId", sourceId);
    Fields.optional("subOrg", subOrg);
    Fields.oneOf("channel", channel, "sms", "mms", "whatsapp");
    Fields.oneOf("direction", direction, "inbound", "outbound", "internal");
    Fields.required("from", from);
    if (to == null || to.isEmpty() || to.size() > MAX_RECIPIENTS) {
      throw new InvalidMetadataException("to", "must list 1 to " + MAX_RECIPIENTS + " recipients");
    }
    for (int i = 0; i < to.size(); i++) {
      Fields.required("to[" + i + "]", to.get(i));
    }
    if (sentAt == null) {
      throw new InvalidMetadataException("sentAt", "is required");
    }
    Fields.optional("threadId", threadId);
    if (body == null) {
      throw new InvalidMetadataException("body", "is required (it may be empty)");
    }
    Fields.text("body", body, Integer.MAX_VALUE);
    List<NewAttachment> files = attachments == null ? List.of() : attachments;
    if (files.size() > MAX_ATTACHMENTS) {
      throw new InvalidMetadataException("attachments", "at most " + MAX_ATTACHMENTS);
    }
    return new MessageSubmission(
        sourceId,
        subOrg,
        channel,
        direction,
        from,
        List.copyOf(to),
        sentAt.truncatedTo(ChronoUnit.MICROS),
        threadId,
        body,
        List.copyOf(files));
  }

  /** The attachments, validated and decoded. */
  List<DecodedAttachment> decodedAttachments() {
    List<DecodedAttachment> decoded = new ArrayList<>();
    List<NewAttachment> files = attachments == null ? List.of() : attachments;
    for (int i = 0; i < files.size(); i++) {
      NewAttachment a = files.get(i);
      String at = "attachments[" + i + "]";
      if (a == null || a.content() == null) {
        throw new InvalidMetadataException(at + ".content", "is required");
      }
      String mediaType = Fields.mediaType(at + ".mediaType", a.mediaType());
      Fields.text(at + ".fileName", a.fileName(), CallMetadata.MAX_TEXT);
      try {
        decoded.add(
            new DecodedAttachment(
                mediaType, a.fileName(), Base64.getDecoder().decode(a.content())));
      } catch (IllegalArgumentException e) {
        throw new InvalidMetadataException(at + ".content", "must be base64");
      }
    }
    return decoded;
  }
}
