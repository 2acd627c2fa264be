package io.custodian.offload.format;

import java.util.Optional;

/** The streams offloaded on their own schedules, each with the name prefix of its batches. */
public enum BatchStream {
  /** Call recordings: WAV files and a CSV, every 30 minutes by default. */
  VOICE("voice"),
  /** SMS, MMS and WhatsApp messages: a CSV with their bodies, daily by default. */
  MESSAGES("messages"),
  /** SMS, MMS and WhatsApp messages, each sent as mail; continuously or daily. */
  MAIL("mail");

  private final String label;

  BatchStream(String label) {
    this.label = label;
  }

  /** The lower-case prefix of this stream's batch names. */
  public String label() {
    return label;
  }

  static Optional<BatchStream> fromLabel(String label) {
    for (BatchStream stream : values()) {
      if (stream.label.equals(label)) {
        return Optional.of(stream);
      }
    }
    return Optional.empty();
  }
}
