package io.custodian.records;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.custodian.media.AudioEncoding;
import io.custodian.media.WavFormat;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A call recording's metadata as stored.
 *
 * @param intakeSeq the organisation's intake sequence number of this record
 * @param sourceId the sender's id for the call, unique per organisation (the idempotency key)
 * @param audio the audio as received and stored
 * @param delivery when the recording was first delivered to each destination
 */
public record Recording(
    UUID id,
    String orgId,
    @Nullable String subOrg,
    long intakeSeq,
    String sourceId,
    @Nullable String callId,
    String direction,
    List<Participant> participants,
    Instant startedAt,
    Instant endedAt,
    @Nullable String deviceId,
    @Nullable Location location,
    Audio audio,
    Instant receivedAt,
    Delivery delivery,
    @JsonIgnore byte[] requestDigest) {

  /**
   * When a recording was first delivered to each destination; null where it has not been.
   *
   * @param sftp its voice batch verified on the SFTP server
   * @param acknowledged acknowledged over the API
   */
  public record Delivery(@Nullable Instant sftp, @Nullable Instant acknowledged) {

    /** Not delivered anywhere: a new recording. */
    public static final Delivery NONE = new Delivery(null, null);
  }

  /**
   * The stored audio.
   *
   * @param encoding {@code pcm_s16le}, {@code ulaw} or {@code alaw}
   * @param size bytes of the WAV file as received
   * @param sha256 SHA-256 of the WAV file as received, lower-case hex
   * @param dataBytes length of the WAV's data chunk; 0 when not known
   */
  public record Audio(
      @JsonIgnore UUID objectId,
      String encoding,
      int channels,
      int sampleRate,
      long durationMs,
      long size,
      String sha256,
      @JsonIgnore long dataBytes) {

    /**
     * The WAV format of the stored audio, as the media converters take it: the encoding, channels,
     * rate, sample width and data length recorded at intake.
     */
    @JsonIgnore
    public WavFormat wavFormat() {
      AudioEncoding format =
          switch (encoding) {
            case "ulaw" -> AudioEncoding.ULAW;
            case "alaw" -> AudioEncoding.ALAW;
            default -> AudioEncoding.PCM_S16LE;
          };
      int bits = format == AudioEncoding.PCM_S16LE ? 16 : 8;
      return new WavFormat(format, channels, sampleRate, bits, channels * bits / 8, dataBytes);
    }
  }
}
