package io.custodian.media;

import java.util.Optional;

/**
 * The sample encodings Custodian accepts and stores; each has a fixed WAVE format tag and sample
 * width, so recordings can be validated and described without guessing.
 */
public enum AudioEncoding {
  /** Linear PCM, signed 16-bit little-endian samples (WAVE_FORMAT_PCM). */
  PCM_S16LE(1, "pcm_s16le", 16),
  /** ITU-T G.711 u-law, 8-bit samples (WAVE_FORMAT_MULAW). */
  ULAW(7, "ulaw", 8),
  /** ITU-T G.711 A-law, 8-bit samples (WAVE_FORMAT_ALAW). */
  ALAW(6, "alaw", 8);

  private final int formatTag;
  private final String label;
  private final int bitsPerSample;

  AudioEncoding(int formatTag, String label, int bitsPerSample) {
    this.formatTag = formatTag;
    this.label = label;
    this.bitsPerSample = bitsPerSample;
  }

  /**
   * The WAVE {@code wFormatTag} (and EXTENSIBLE SubFormat GUID prefix) of this encoding: 1, 7 or 6.
   */
  public int formatTag() {
    return formatTag;
  }

  /**
   * A stable lower-case name for APIs and storage: {@code pcm_s16le}, {@code ulaw} or {@code alaw}.
   */
  public String label() {
    return label;
  }

  /** The only sample width accepted for this encoding. */
  int bitsPerSample() {
    return bitsPerSample;
  }

  /** The encoding whose format tag is {@code tag}, if any. */
  static Optional<AudioEncoding> fromFormatTag(int tag) {
    for (AudioEncoding encoding : values()) {
      if (encoding.formatTag == tag) {
        return Optional.of(encoding);
      }
    }
    return Optional.empty();
  }
}
