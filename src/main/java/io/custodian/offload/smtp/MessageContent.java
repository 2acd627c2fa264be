package io.custodian.offload.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * A message's content as read from the vault: its body text and, in the order of the record's
 * attachments, a way to read each attachment.
 */
public record MessageContent(String body, List<Source> attachments) {

  /** Opens an attachment's bytes; called once each time the message is written out. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  public MessageContent {
    attachments = List.copyOf(attachments);
  }

  /** A body without attachments. */
  public static MessageContent text(String body) {
    return new MessageContent(body, List.of());
  }
}
