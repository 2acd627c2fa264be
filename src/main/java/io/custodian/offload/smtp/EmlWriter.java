package io.custodian.offload.smtp;

import io.custodian.records.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Writes a message record as one RFC 5322 message, laid out as {@code docs/offload-formats.md}
 * ("EML messages") documents. The output depends only on the record, its content, the address rules
 * and the header mode: no clock, no random boundary, no host name; so a message sent again is the
 * same bytes with the same {@code Message-ID}. Every value from a record reaches a header through
 * {@link HeaderText}, so none can end a header line or start another.
 */
public final class EmlWriter {

  static {
    MailStreams.named();
  }

  /** The default right-hand side of {@code Message-ID}s: a reserved name, never a real host. */
  public static final String DEFAULT_MESSAGE_ID_DOMAIN = "custodian.invalid";

  /** How many recipients the {@code Subject} names before {@code and N more}. */
  static final int SUBJECT_RECIPIENTS = 3;

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss xx", Locale.US)
          .withZone(ZoneOffset.UTC);
  private static final Session ASCII = session(false);
  private static final Session UTF8 = session(true);

  private final ParticipantAddresses addresses;
  private final String messageIdDomain;

  /**
   * @param messageIdDomain the right-hand side of every {@code Message-ID}, such as {@link
   *     #DEFAULT_MESSAGE_ID_DOMAIN}
   */
  public EmlWriter(ParticipantAddresses addresses, String messageIdDomain) {
    if (!ParticipantAddresses.isDomain(messageIdDomain)) {
      throw new IllegalArgumentException("not a plain ASCII domain: " + messageIdDomain);
    }
    this.addresses = addresses;
    this.messageIdDomain = messageIdDomain;
  }

  /**
   * The {@code Message-ID} of a record, the same whenever it is sent: {@code <record id>.<local
   * part of the organisation>@<domain>}, angle brackets included.
   */
  public String messageId(Message record) {
    return "<"
        + record.id()
        + "."
        + ParticipantAddresses.localPart(record.orgId())
        + "@"
        + messageIdDomain
        + ">";
  }

  /**
   * The message of a record, ready to be written out or sent.
   *
   * @param content the body, whose UTF-8 bytes must be the ones the record's size and SHA-256
   *     describe, and one source for each of the record's attachments, in order (their bytes are
   *     checked as they are written out)
   * @throws IllegalArgumentException if the body or the number of attachments does not match the
   *     record, so a message never carries another's content
   */
  public Eml eml(Message record, MessageContent content, HeaderMode mode) {
    byte[] body = content.body().getBytes(StandardCharsets.UTF_8);
    if (body.length != record.body().size()
        || !HexFormat.of().formatHex(sha256(body)).equals(record.body().sha256())) {
      throw new IllegalArgumentException("body does not match message " + record.id());
    }
    if (content.attachments().size() != record.attachments().size()) {
      throw new IllegalArgumentException(
          "message "
              + record.id()
              + " has "
              + record.attachments().size()
              + " attachments, not "
              + content.attachments().size());
    }
    return new Eml(this, record, body, content.attachments(), mode, messageId(record));
  }

  /** Builds the message; called each time it is written out, since attachments are streams. */
  MimeMessage build(
      Message record,
      byte[] body,
      List<MessageContent.Source> sources,
      HeaderMode mode,
      String messageId)
      throws MessagingException {
    MimeMessage message = new RecordMessage(mode == HeaderMode.SMTPUTF8 ? UTF8 : ASCII, messageId);
    message.setHeader("Date", DATE.format(record.sentAt()));
    message.setFrom(address(record.from(), mode));
    List<InternetAddress> to = new ArrayList<>();
    for (String recipient : record.to()) {
      to.add(address(recipient, mode));
    }
    message.setRecipients(MimeMessage.RecipientType.TO, to.toArray(new InternetAddress[0]));
    unstructured(message, "Subject", subject(record), mode);
    message.setHeader("Auto-Submitted", "auto-generated");
    custodianHeaders(message, record, mode);
    EmlBody.fill(message, record, body, sources);
    return message;
  }

  private void custodianHeaders(MimeMessage message, Message record, HeaderMode mode)
      throws MessagingException {
    unstructured(message, "X-Custodian-Record-Id", record.id().toString(), mode);
    unstructured(message, "X-Custodian-Org", record.orgId(), mode);
    if (record.subOrg() != null) {
      unstructured(message, "X-Custodian-Sub-Org", record.subOrg(), mode);
    }
    unstructured(message, "X-Custodian-Channel", record.channel(), mode);
    unstructured(message, "X-Custodian-Direction", record.direction(), mode);
    unstructured(message, "X-Custodian-Source-Id", record.sourceId(), mode);
    if (record.threadId() != null) {
      unstructured(message, "X-Custodian-Thread-Id", record.threadId(), mode);
    }
    unstructured(message, "X-Custodian-From", record.from(), mode);
    for (String recipient : record.to()) {
      message.addHeader(
          "X-Custodian-To", HeaderText.unstructured("X-Custodian-To", recipient, mode));
    }
    unstructured(message, "X-Custodian-Sent-At", instant(record.sentAt()), mode);
    unstructured(message, "X-Custodian-Received-At", instant(record.receivedAt()), mode);
    unstructured(message, "X-Custodian-Intake-Sequence", Long.toString(record.intakeSeq()), mode);
    unstructured(message, "X-Custodian-Body-Size", Long.toString(record.body().size()), mode);
    unstructured(message, "X-Custodian-Body-SHA256", record.body().sha256(), mode);
    unstructured(
        message,
        "X-Custodian-Attachment-Count",
        Integer.toString(record.attachments().size()),
        mode);
  }

  /**
   * {@code <Channel> <direction> from <sender> to <recipients>}, naming at most {@value
   * #SUBJECT_RECIPIENTS} recipients and counting the rest.
   */
  static String subject(Message record) {
    StringBuilder subject =
        new StringBuilder(channel(record.channel()))
            .append(' ')
            .append(record.direction())
            .append(" from ")
            .append(record.from())
            .append(" to ");
    List<String> to = record.to();
    int named = Math.min(to.size(), SUBJECT_RECIPIENTS);
    subject.append(String.join(", ", to.subList(0, named)));
    if (to.size() > named) {
      subject.append(" and ").append(to.size() - named).append(" more");
    }
    return subject.toString();
  }

  private static String channel(String channel) {
    return switch (channel) {
      case "sms" -> "SMS";
      case "mms" -> "MMS";
      case "whatsapp" -> "WhatsApp";
      default -> channel;
    };
  }

  /**
   * A participant's address, with the participant as its display name unless it holds a control or
   * line-separator character (which intake never accepts): such a name shows nothing useful, and
   * some mail libraries refuse a display name with a line break in it even when encoded. The exact
   * participant is in {@code X-Custodian-From} and {@code X-Custodian-To} either way.
   */
  private InternetAddress address(String participant, HeaderMode mode) {
    InternetAddress address = new InternetAddress();
    address.setAddress(addresses.address(participant));
    if (isDisplayable(participant)) {
      try {
        address.setPersonal(HeaderText.phrase(participant, mode), "UTF-8");
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException("every JDK has UTF-8", e);
      }
    }
    return address;
  }

  static boolean isDisplayable(String participant) {
    return !participant.isEmpty()
        && participant
            .chars()
            .noneMatch(c -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
  }

  private static void unstructured(MimeMessage message, String name, String value, HeaderMode mode)
      throws MessagingException {
    message.setHeader(name, HeaderText.unstructured(name, value, mode));
  }

  /** RFC 3339 in UTC, fractional seconds only when not zero, as the CSVs write instants. */
  static String instant(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }

  private static Session session(boolean utf8) {
    Properties properties = new Properties();
    properties.setProperty("mail.mime.allowutf8", Boolean.toString(utf8));
    return Session.getInstance(properties);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A message whose {@code Message-ID} is the record's, not one Jakarta Mail makes up. */
  private static final class RecordMessage extends MimeMessage {

    private final String messageId;

    RecordMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
  }
}
