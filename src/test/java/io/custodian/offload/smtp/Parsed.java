package io.custodian.offload.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An EML read back the way a mailbox would: Jakarta Mail's own parser and decoders, plus a line by
 * line look at the raw header blocks, which is where an injected header would show.
 */
public final class Parsed {

  /** Every header name Custodian writes at the top of a message. */
  static final Set<String> MESSAGE_HEADERS =
      Set.of(
          "date",
          "from",
          "to",
          "message-id",
          "subject",
          "mime-version",
          "content-type",
          "content-transfer-encoding",
          "auto-submitted",
          "x-custodian-record-id",
          "x-custodian-org",
          "x-custodian-sub-org",
          "x-custodian-channel",
          "x-custodian-direction",
          "x-custodian-source-id",
          "x-custodian-thread-id",
          "x-custodian-from",
          "x-custodian-to",
          "x-custodian-sent-at",
          "x-custodian-received-at",
          "x-custodian-intake-sequence",
          "x-custodian-body-size",
          "x-custodian-body-sha256",
          "x-custodian-attachment-count");

  /** Every header name Custodian writes on a MIME part. */
  static final Set<String> PART_HEADERS =
      Set.of(
          "content-type",
          "content-transfer-encoding",
          "content-disposition",
          "x-custodian-attachment-index",
          "x-custodian-attachment-name",
          "x-custodian-attachment-type",
          "x-custodian-attachment-size",
          "x-custodian-attachment-sha256");

  final byte[] raw;
  final MimeMessage message;

  public Parsed(byte[] raw, boolean utf8) throws MessagingException {
    this.raw = raw;
    Properties properties = new Properties();
    properties.setProperty("mail.mime.allowutf8", Boolean.toString(utf8));
    this.message = new MimeMessage(Session.getInstance(properties), new ByteArrayInputStream(raw));
  }

  /** A header decoded as a reader would: unfolded, then RFC 2047 decoded. */
  public @Nullable String header(String name) throws MessagingException {
    return decode(message.getHeader(name, null));
  }

  public List<String> headers(String name) throws MessagingException {
    List<String> values = new ArrayList<>();
    String[] raw = message.getHeader(name);
    if (raw != null) {
      for (String value : raw) {
        values.add(decode(value));
      }
    }
    return values;
  }

  static @Nullable String decode(@Nullable String value) {
    try {
      return value == null ? null : MimeUtility.decodeText(MimeUtility.unfold(value));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  String fromName() throws MessagingException {
    return ((InternetAddress) message.getFrom()[0]).getPersonal();
  }

  String fromAddress() throws MessagingException {
    return ((InternetAddress) message.getFrom()[0]).getAddress();
  }

  List<InternetAddress> to() throws MessagingException {
    List<InternetAddress> to = new ArrayList<>();
    for (var address : message.getRecipients(MimeMessage.RecipientType.TO)) {
      to.add((InternetAddress) address);
    }
    return to;
  }

  /** The decoded bytes of the body. */
  public byte[] body() throws IOException, MessagingException {
    if (message.isMimeType("multipart/*")) {
      return read(multipart().getBodyPart(0).getInputStream());
    }
    return read(message.getInputStream());
  }

  /** The attachments, in order. */
  public List<BodyPart> attachments() throws IOException, MessagingException {
    List<BodyPart> parts = new ArrayList<>();
    if (message.isMimeType("multipart/*")) {
      MimeMultipart multipart = multipart();
      for (int i = 1; i < multipart.getCount(); i++) {
        parts.add(multipart.getBodyPart(i));
      }
    }
    return parts;
  }

  private MimeMultipart multipart() throws IOException, MessagingException {
    return (MimeMultipart) message.getContent();
  }

  public static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  /**
   * Checks the raw text: every line ends in CRLF and is at most 998 bytes; each header block (the
   * message's, then each part's) holds only header lines of the names Custodian writes, each {@code
   * Name: value}, or continuation lines beginning with a space or tab.
   *
   * @return the header names of every block, lower case, in order, message first
   */
  public List<List<String>> checkLayout() {
    String text = new String(raw, StandardCharsets.UTF_8);
    assertThat(firstBadByte(raw)).as("a NUL, or a CR or LF not in a CRLF, at").isEqualTo(-1);
    assertThat(text).endsWith("\r\n");
    String[] lines = text.substring(0, text.length() - 2).split("\r\n", -1);
    int longest = 0;
    for (String line : lines) {
      longest = Math.max(longest, line.getBytes(StandardCharsets.UTF_8).length);
    }
    assertThat(longest).as("the longest line").isLessThanOrEqualTo(998);
    List<List<String>> blocks = new ArrayList<>();
    String boundary = null;
    int i = 0;
    blocks.add(headerBlock(lines, i, MESSAGE_HEADERS));
    while (i < lines.length && !lines[i].isEmpty()) {
      i++;
    }
    String contentType = text.substring(0, text.indexOf("\r\n\r\n"));
    int at = contentType.indexOf("boundary=\"");
    if (at >= 0) {
      boundary = contentType.substring(at + 10, contentType.indexOf('"', at + 10));
    }
    if (boundary != null) {
      for (int j = i; j < lines.length; j++) {
        if (lines[j].equals("--" + boundary)) {
          blocks.add(headerBlock(lines, j + 1, PART_HEADERS));
        }
      }
    }
    return blocks;
  }

  /** The index of the first NUL, lone CR or lone LF, or -1. */
  private static int firstBadByte(byte[] raw) {
    for (int i = 0; i < raw.length; i++) {
      boolean loneCr = raw[i] == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n');
      boolean loneLf = raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r');
      if (raw[i] == 0 || loneCr || loneLf) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> headerBlock(String[] lines, int from, Set<String> allowed) {
    List<String> names = new ArrayList<>();
    for (int i = from; i < lines.length && !lines[i].isEmpty(); i++) {
      String line = lines[i];
      if (line.startsWith(" ") || line.startsWith("\t")) {
        assertThat(names).as("a continuation line follows a header: %s", line).isNotEmpty();
        continue;
      }
      int colon = line.indexOf(':');
      assertThat(colon).as("header line %s", line).isPositive();
      String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
      assertThat(allowed).as("header %s in %s", name, line).contains(name);
      assertThat(line.substring(colon)).startsWith(": ");
      names.add(name);
    }
    return names;
  }
}
