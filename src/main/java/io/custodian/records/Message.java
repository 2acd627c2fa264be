package io.custodian.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An SMS, MMS or WhatsApp message's metadata as stored; its body and attachments are content, kept
 * in the vault.
 *
 * @param from the sender's address (E.164 number or messaging id)
 * @param to the recipients' addresses
 * @param body the body's size and SHA-256 (UTF-8 bytes)
 * @param delivery when the message was first delivered to each destination
 */
public record Message(
    UUID id,
    String orgId,
    @Nullable String subOrg,
    long intakeSeq,
    String sourceId,
    String channel,
    String direction,
    String from,
    List<String> to,
    Instant sentAt,
    @Nullable String threadId,
    Content body,
    List<Attachment> attachments,
    Instant receivedAt,
    Delivery delivery,
    @JsonIgnore byte[] requestDigest) {

  /**
   * When a message was first delivered to each destination; null where it has not been.
   *
   * @param sftp its messages batch verified on the SFTP server
   * @param mail accepted by the journaling mailbox's SMTP server
   * @param acknowledged acknowledged over the API
   */
  public record Delivery(
      @Nullable Instant sftp, @Nullable Instant mail, @Nullable Instant acknowledged) {

    /** Not delivered anywhere: a new message. */
    public static final Delivery NONE = new Delivery(null, null, null);
  }

  /** A stored piece of content: its size and SHA-256 (lower-case hex). */
  public record Content(@JsonIgnore UUID objectId, long size, String sha256) {}

  /**
   * An attachment.
   *
   * @param index its position in the message, from 0
   * @param fileName the name the sender gave; metadata only, never used as a path
   */
  public record Attachment(
      int index, String mediaType, @Nullable String fileName, Content content) {}
}
