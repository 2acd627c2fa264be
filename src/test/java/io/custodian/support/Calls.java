package io.custodian.support;

import io.custodian.media.AudioEncoding;
import io.custodian.media.TestAudio;
import java.time.Duration;
import java.util.UUID;

/** Call metadata and audio for tests. */
public final class Calls {

  private Calls() {}

  public static String metadata(String sourceId) {
    return """
        {"sourceId":"%s","direction":"inbound","callId":"c-%s",
         "participants":[{"role":"caller","number":"+442071234567","userId":"u1",
                          "displayName":"Trader One","jurisdiction":"GB"},
                         {"role":"callee","number":"+15551234567","jurisdiction":"US-CA"}],
         "startedAt":"2026-11-21T10:00:00Z","endedAt":"2026-11-21T10:00:02Z",
         "deviceId":"dev-1"}
        """
        .formatted(sourceId, sourceId);
  }

  public static String newSourceId() {
    return "src-" + UUID.randomUUID();
  }

  /** Two seconds of u-law mono 8 kHz. */
  public static byte[] ulaw() {
    return TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(2));
  }
}
