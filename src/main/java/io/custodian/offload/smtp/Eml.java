package io.custodian.offload.smtp;

import io.custodian.records.Message;
import jakarta.mail.MessagingException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One message record as an RFC 5322 message, ready to be written out or sent: every time it is
 * written it gives the same bytes, its attachments read afresh from their sources and checked.
 */
public final class Eml {

  private final EmlWriter writer;
  private final Message record;
  private final byte[] body;
  private final List<MessageContent.Source> attachments;
  private final HeaderMode mode;
  private final String messageId;

  Eml(
      EmlWriter writer,
      Message record,
      byte[] body,
      List<MessageContent.Source> attachments,
      HeaderMode mode,
      String messageId) {
    this.writer = writer;
    this.record = record;
    this.body = body;
    this.attachments = attachments;
    this.mode = mode;
    this.messageId = messageId;
  }

  /** The {@code Message-ID}, angle brackets included. */
  public String messageId() {
    return messageId;
  }

  /** The record this message was written from. */
  public Message record() {
    return record;
  }

  /** Whether its headers may hold raw UTF-8, so that it may only go to an SMTPUTF8 server. */
  public HeaderMode headerMode() {
    return mode;
  }

  /**
   * Writes the message, every line (the last included) ending in CRLF, so that what a server
   * receives after DATA is these bytes exactly.
   *
   * @throws EmlContentException if an attachment cannot be read or is not the content its record
   *     describes; what was written until then is not a complete message
   */
  public void writeTo(OutputStream out) throws IOException {
    LineEnd end = new LineEnd(out);
    try {
      writer.build(record, body, attachments, mode, messageId).writeTo(end);
    } catch (MessagingException e) {
      throw new IOException("message " + record.id() + " could not be written", e);
    }
    if (!end.atLineStart()) {
      out.write(new byte[] {'\r', '\n'});
    }
  }

  /** Remembers whether the last byte written ended a line. */
  private static final class LineEnd extends FilterOutputStream {

    private int last = '\n';

    LineEnd(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      last = b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      if (len > 0) {
        last = b[off + len - 1];
      }
    }

    boolean atLineStart() {
      return last == '\n';
    }
  }

  @Override
  public String toString() {
    return messageId;
  }
}
