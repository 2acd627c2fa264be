package io.custodian.media;

/**
 * Stable reason codes for rejecting a WAV upload; the names are part of the API (clients and audit
 * records see them), so constants may be added but never renamed.
 */
public enum WavProblem {
  /** The stream contained no bytes at all. */
  EMPTY("The upload is empty"),
  /** The first four bytes are not {@code RIFF}. */
  NOT_RIFF("Not a RIFF file"),
  /** The RIFF form type is not {@code WAVE}. */
  NOT_WAVE("RIFF file is not of form WAVE"),
  /** The stream ended inside a header or before a declared size was satisfied. */
  TRUNCATED("The file is truncated: it ends before a declared size is satisfied"),
  /** No {@code fmt } chunk was found. */
  MISSING_FMT("No 'fmt ' chunk"),
  /** The {@code fmt } chunk has a size not valid for its format tag. */
  FMT_SIZE("The 'fmt ' chunk size is invalid (must be 16 or 18, or 40 for WAVE_FORMAT_EXTENSIBLE)"),
  /** More than one {@code fmt } chunk. */
  DUPLICATE_FMT("More than one 'fmt ' chunk"),
  /** More than one {@code data} chunk. */
  DUPLICATE_DATA("More than one 'data' chunk"),
  /** A {@code data} chunk came before the {@code fmt } chunk. */
  DATA_BEFORE_FMT("The 'data' chunk comes before the 'fmt ' chunk"),
  /** No {@code data} chunk was found. */
  MISSING_DATA("No 'data' chunk"),
  /** The format tag (or EXTENSIBLE SubFormat) is not PCM, u-law or A-law. */
  UNSUPPORTED_FORMAT_TAG("Unsupported audio format (only PCM, u-law and A-law are accepted)"),
  /** The sample rate is not 8000 or 16000 Hz. */
  UNSUPPORTED_SAMPLE_RATE("Unsupported sample rate (only 8000 and 16000 Hz are accepted)"),
  /** The channel count is not 1 or 2. */
  UNSUPPORTED_CHANNELS("Unsupported channel count (only mono and stereo are accepted)"),
  /** The sample width does not fit the encoding (PCM 16-bit, u-law/A-law 8-bit). */
  UNSUPPORTED_BITS_PER_SAMPLE(
      "Unsupported bits per sample (PCM must be 16-bit, u-law and A-law 8-bit)"),
  /** Block align is not channels * bitsPerSample / 8. */
  BLOCK_ALIGN("Block align does not equal channels * bitsPerSample / 8"),
  /** Byte rate is not sampleRate * blockAlign. */
  BYTE_RATE("Byte rate does not equal sampleRate * blockAlign"),
  /** The {@code data} size is not a multiple of the block align. */
  DATA_NOT_WHOLE_FRAMES("The 'data' chunk is not a whole number of frames"),
  /**
   * A declared size is the 0xFFFFFFFF "unknown length" marker or reaches past the 4 GiB RIFF limit.
   */
  CHUNK_SIZE_OVERFLOW(
      "A declared size is the unknown-length marker 0xFFFFFFFF or overflows the 32-bit RIFF limit"),
  /** The RIFF size does not equal the number of bytes after the first 8. */
  RIFF_SIZE_MISMATCH("The RIFF size does not match the file length"),
  /** Too many bytes before the audio payload. */
  HEADER_TOO_LARGE("Too many bytes before the audio data"),
  /** The file declares, or has, more bytes than allowed. */
  TOO_LARGE("The file is larger than allowed");

  private final String description;

  WavProblem(String description) {
    this.description = description;
  }

  /** A human-readable English sentence for error responses and logs. */
  public String description() {
    return description;
  }
}
