package io.custodian.offload;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a destination receives: call recordings, or SMS/MMS/WhatsApp messages. */
public enum OffloadStream {
  VOICE,
  MESSAGES;

  /**
   * The name used in paths, JSON, the database and batch names: {@code voice}, {@code messages}.
   */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
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
