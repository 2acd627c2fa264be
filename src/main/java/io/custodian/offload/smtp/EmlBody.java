package io.custodian.offload.smtp;

import io.custodian.records.Message;
import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The content of an EML: the body alone as {@code text/plain; charset=UTF-8}, or, with attachments,
 * {@code multipart/mixed} with the body first and each attachment after it in order. Every part is
 * base64, the one transfer encoding that carries any bytes exactly (NUL, a lone CR or LF, lines of
 * any length); quoted-printable cannot tell a lone LF in a text body from a line break. The
 * boundary is made from the record id, and since no base64 line and no header line can begin with
 * {@code --}, no content can contain it.
 */
final class EmlBody {

  static final String TEXT = "text/plain; charset=UTF-8";
  static final String BASE64 = "base64";
  static final String OCTETS = "application/octet-stream";
  private static final Pattern MEDIA_TYPE =
      Pattern.compile(
          "[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]{0,126}");

  private EmlBody() {}

  static void fill(
      MimeMessage message, Message record, byte[] body, List<MessageContent.Source> sources)
      throws MessagingException {
    if (record.attachments().isEmpty()) {
      text(message, body);
      return;
    }
    MimeMultipart mixed = new FixedBoundary("=_custodian_" + record.id());
    MimeBodyPart text = new MimeBodyPart();
    text(text, body);
    mixed.addBodyPart(text);
    for (int i = 0; i < record.attachments().size(); i++) {
      mixed.addBodyPart(attachment(record, record.attachments().get(i), sources.get(i)));
    }
    message.setContent(mixed);
  }

  /** The media type a part is declared with: the record's, or octets if it is not a plain one. */
  static String mediaType(String given) {
    return MEDIA_TYPE.matcher(given).matches() ? given : OCTETS;
  }

  private static void text(Part part, byte[] body) throws MessagingException {
    part.setDataHandler(new DataHandler(new ByteArrayDataSource(body, TEXT)));
    part.setHeader("Content-Type", TEXT);
    part.setHeader("Content-Transfer-Encoding", BASE64);
  }

  private static MimeBodyPart attachment(
      Message record, Message.Attachment attachment, MessageContent.Source source)
      throws MessagingException {
    String type = mediaType(attachment.mediaType());
    String what = "attachment " + attachment.index() + " of message " + record.id();
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(new DataHandler(new Checked(source, attachment, type, what)));
    String name = AttachmentNames.safe(attachment.fileName(), attachment.index());
    ContentType contentType = new ContentType(type);
    contentType.setParameterList(Rfc2231.parameter("name", name));
    part.setHeader("Content-Type", contentType.toString());
    part.setHeader(
        "Content-Disposition",
        new ContentDisposition(Part.ATTACHMENT, Rfc2231.parameter("filename", name)).toString());
    part.setHeader("Content-Transfer-Encoding", BASE64);
    header(part, "X-Custodian-Attachment-Index", Integer.toString(attachment.index()));
    if (attachment.fileName() != null) {
      header(part, "X-Custodian-Attachment-Name", attachment.fileName());
    }
    header(part, "X-Custodian-Attachment-Type", attachment.mediaType());
    header(part, "X-Custodian-Attachment-Size", Long.toString(attachment.content().size()));
    header(part, "X-Custodian-Attachment-SHA256", attachment.content().sha256());
    return part;
  }

  /** A part header: always ASCII, since part headers are ASCII even in SMTPUTF8 mode. */
  private static void header(MimeBodyPart part, String name, String value)
      throws MessagingException {
    part.setHeader(name, HeaderText.unstructured(name, value, HeaderMode.RFC2047));
  }

  /** An attachment's bytes, opened when written out and checked against its record as read. */
  private record Checked(
      MessageContent.Source source, Message.Attachment attachment, String type, String what)
      implements DataSource {

    @Override
    public InputStream getInputStream() throws IOException {
      InputStream in;
      try {
        in = source.open();
      } catch (IOException e) {
        throw new EmlContentException(what + " could not be opened", e);
      }
      return new VerifyingInputStream(
          in, what, attachment.content().size(), attachment.content().sha256());
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      throw new IOException("read only");
    }

    @Override
    public String getContentType() {
      return type;
    }

    @Override
    public String getName() {
      return what;
    }
  }

  /** {@code multipart/mixed} with a boundary of Custodian's choosing instead of a random one. */
  private static final class FixedBoundary extends MimeMultipart {

    FixedBoundary(String boundary) {
      super("mixed");
      ContentType type = new ContentType("multipart", "mixed", null);
      type.setParameter("boundary", boundary);
      contentType = type.toString();
    }
  }
}
