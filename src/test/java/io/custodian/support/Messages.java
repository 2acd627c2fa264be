package io.custodian.support;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Message intake documents for tests. */
public final class Messages {

  private Messages() {}

  /** An inbound SMS; the map is mutable so a test can change or add fields. */
  public static Map<String, Object> sms(String sourceId, String body) {
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("sourceId", sourceId);
    message.put("channel", "sms");
    message.put("direction", "inbound");
    message.put("from", "+15550001");
    message.put("to", List.of("+15550002"));
    message.put("sentAt", "2026-11-21T09:00:00Z");
    message.put("body", body);
    return message;
  }
}
