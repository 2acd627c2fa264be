package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a destination receives: call recordings, or SMS/MMS/WhatsApp messages, either as a daily CSV
 * over SFTP or one by one as mail to a journaling mailbox.
 */
public enum OffloadStream {
  /** Call recordings: WAV files and a CSV over SFTP. */
  VOICE,
  /** Messages: a CSV with their bodies over SFTP. */
  MESSAGES,
  /** Messages: each one an EML sent over SMTP to the organisation's journaling mailbox. */
  MAIL;

  /**
   * The name used in paths, JSON, the database and batch names: {@code voice}, {@code messages}.
   */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the stream carries messages (as a CSV or as mail) rather than call recordings. */
  public boolean carriesMessages() {
    return this != VOICE;
  }

  /** The stream named in a path; empty for anything else. */
  public static java.util.Optional<OffloadStream> of(String id) {
    for (OffloadStream stream : values()) {
      if (stream.id().equals(id)) {
        return java.util.Optional.of(stream);
      }
    }
    return java.util.Optional.empty();
  }
}
