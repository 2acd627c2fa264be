package io.custodian.media;

import java.util.Optional;

/**
 * A decoded and fully checked {@code fmt } chunk; parsing and checking live together so that an
 * instance always describes an accepted layout. The EXTENSIBLE channel mask is informative and not
 * checked.
 */
record FmtChunk(
    AudioEncoding encoding, int channels, int sampleRate, int bitsPerSample, int blockAlign) {

  /** Smallest and largest {@code fmt } sizes ever read into memory. */
  static final int MIN_SIZE = 16;

  static final int MAX_SIZE = 40;

  /**
   * Parses and checks the {@code size}-byte payload in {@code bytes}.
   *
   * @param size the declared chunk size, between {@link #MIN_SIZE} and {@link #MAX_SIZE}
   */
  static FmtChunk parse(byte[] bytes, int size) throws InvalidWavException {
    int tag = LittleEndian.u16(bytes, 0);
    int channels = LittleEndian.u16(bytes, 2);
    long sampleRate = LittleEndian.u32(bytes, 4);
    long byteRate = LittleEndian.u32(bytes, 8);
    int blockAlign = LittleEndian.u16(bytes, 12);
    int bits = LittleEndian.u16(bytes, 14);
    int validBits = bits;
    AudioEncoding encoding;
    if (tag == Riff.FORMAT_EXTENSIBLE) {
      if (size != MAX_SIZE || LittleEndian.u16(bytes, 16) != Riff.EXTENSIBLE_CB_SIZE) {
        throw fail(
            WavProblem.FMT_SIZE,
            "WAVE_FORMAT_EXTENSIBLE needs a 40-byte fmt with cbSize 22;"
                + " got size "
                + size
                + (size >= 18 ? ", cbSize " + LittleEndian.u16(bytes, 16) : ""));
      }
      validBits = LittleEndian.u16(bytes, 18);
      long subTag = Riff.subFormatTag(bytes, 24);
      encoding =
          encodingFor(subTag)
              .orElseThrow(
                  () ->
                      fail(
                          WavProblem.UNSUPPORTED_FORMAT_TAG,
                          subTag < 0
                              ? "EXTENSIBLE with a non-standard SubFormat GUID"
                              : "EXTENSIBLE SubFormat 0x" + Long.toHexString(subTag)));
    } else {
      encoding =
          encodingFor(tag)
              .orElseThrow(
                  () ->
                      fail(
                          WavProblem.UNSUPPORTED_FORMAT_TAG,
                          String.format("format tag 0x%04X", tag)));
      boolean sizeOk = size == 16 || (size == 18 && LittleEndian.u16(bytes, 16) == 0);
      if (!sizeOk) {
        throw fail(
            WavProblem.FMT_SIZE,
            encoding.label()
                + " needs a 16-byte fmt, or 18 bytes with cbSize 0;"
                + " got size "
                + size
                + (size >= 18 ? ", cbSize " + LittleEndian.u16(bytes, 16) : ""));
      }
    }
    if (channels != 1 && channels != 2) {
      throw fail(WavProblem.UNSUPPORTED_CHANNELS, channels + " channels");
    }
    if (sampleRate != 8000 && sampleRate != 16000) {
      throw fail(WavProblem.UNSUPPORTED_SAMPLE_RATE, sampleRate + " Hz");
    }
    if (bits != encoding.bitsPerSample() || validBits != bits) {
      throw fail(
          WavProblem.UNSUPPORTED_BITS_PER_SAMPLE,
          encoding.label()
              + " with "
              + bits
              + " bits per sample"
              + (validBits != bits ? " (" + validBits + " valid)" : ""));
    }
    int expectedAlign = channels * bits / 8;
    if (blockAlign != expectedAlign) {
      throw fail(
          WavProblem.BLOCK_ALIGN, "block align " + blockAlign + ", expected " + expectedAlign);
    }
    long expectedRate = sampleRate * blockAlign;
    if (byteRate != expectedRate) {
      throw fail(WavProblem.BYTE_RATE, "byte rate " + byteRate + ", expected " + expectedRate);
    }
    return new FmtChunk(encoding, channels, (int) sampleRate, bits, blockAlign);
  }

  /**
   * The format of a file with this {@code fmt } and a {@code data} payload of {@code dataBytes}.
   */
  WavFormat withData(long dataBytes) {
    return new WavFormat(encoding, channels, sampleRate, bitsPerSample, blockAlign, dataBytes);
  }

  private static Optional<AudioEncoding> encodingFor(long tag) {
    return tag < 0 || tag > 0xFFFF ? Optional.empty() : AudioEncoding.fromFormatTag((int) tag);
  }

  private static InvalidWavException fail(WavProblem problem, String detail) {
    return new InvalidWavException(problem, detail);
  }
}
