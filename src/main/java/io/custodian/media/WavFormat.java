package io.custodian.media;

import java.time.Duration;

/**
 * What a validated WAV file contains: encoding, layout and the size of its audio payload, from
 * which the frame count and exact playing time follow.
 *
 * @param encoding sample encoding
 * @param channels number of interleaved channels
 * @param sampleRate frames per second
 * @param bitsPerSample bits in one sample of one channel
 * @param blockAlign bytes in one frame (all channels)
 * @param dataBytes size of the {@code data} chunk payload, a whole number of frames
 */
public record WavFormat(
    AudioEncoding encoding,
    int channels,
    int sampleRate,
    int bitsPerSample,
    int blockAlign,
    long dataBytes) {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Rejects layouts no valid WAV file can have. */
  public WavFormat {
    if (channels < 1 || sampleRate < 1 || bitsPerSample < 1 || blockAlign < 1 || dataBytes < 0) {
      throw new IllegalArgumentException(
          "impossible WAV format: channels="
              + channels
              + ", sampleRate="
              + sampleRate
              + ", bitsPerSample="
              + bitsPerSample
              + ", blockAlign="
              + blockAlign
              + ", dataBytes="
              + dataBytes);
    }
  }

  /** Number of frames (one sample per channel) in the audio payload. */
  public long frames() {
    return dataBytes / blockAlign;
  }

  /** Playing time, {@code frames * 1e9 / sampleRate} nanoseconds rounded down. */
  public Duration duration() {
    long frames = frames();
    long seconds = frames / sampleRate;
    long nanos = (frames % sampleRate) * NANOS_PER_SECOND / sampleRate;
    return Duration.ofSeconds(seconds, nanos);
  }
}
