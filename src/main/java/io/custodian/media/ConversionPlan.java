package io.custodian.media;

/**
 * What converting one input layout to G.711 u-law 8 kHz involves, decided from the {@code fmt }
 * alone so that the output's size is known before a byte of audio is read.
 *
 * @param input encoding of the input samples
 * @param inputChannels 1 or 2
 * @param outputChannels 2 only for stereo kept as stereo
 * @param decimate whether the input is 16 kHz and must be halved
 * @param passThrough whether the input's samples already are the target (u-law, 8 kHz, the wanted
 *     channels) and are copied unchanged; the file still gets the canonical header
 */
record ConversionPlan(
    AudioEncoding input,
    int inputChannels,
    int outputChannels,
    boolean decimate,
    boolean passThrough) {

  /** The target sample rate. */
  static final int TARGET_RATE = 8000;

  /** Bytes before the audio in a converted file: WavWriter's u-law header with {@code fact}. */
  static final int HEADER_BYTES = WavWriter.header(AudioEncoding.ULAW, 1, TARGET_RATE, 0).length;

  /**
   * The plan for input of this layout.
   *
   * @throws IllegalArgumentException if WavValidator would not accept the layout
   */
  static ConversionPlan of(AudioEncoding input, int channels, int sampleRate, ChannelMode mode) {
    if (channels != 1 && channels != 2) {
      throw new IllegalArgumentException("only mono and stereo convert: " + channels + " channels");
    }
    if (sampleRate != TARGET_RATE && sampleRate != 2 * TARGET_RATE) {
      throw new IllegalArgumentException("only 8000 and 16000 Hz convert: " + sampleRate + " Hz");
    }
    int outputChannels = mode == ChannelMode.KEEP ? channels : 1;
    boolean decimate = sampleRate != TARGET_RATE;
    boolean passThrough = input == AudioEncoding.ULAW && !decimate && outputChannels == channels;
    return new ConversionPlan(input, channels, outputChannels, decimate, passThrough);
  }

  /** Whether the two input channels are averaged into one. */
  boolean mix() {
    return outputChannels < inputChannels;
  }

  /** Bytes in one input frame. */
  int inputBlockAlign() {
    return inputChannels * input.bitsPerSample() / 8;
  }

  /**
   * Output frames for {@code inputFrames}: the same at 8 kHz, {@code floor(inputFrames / 2)} at 16
   * kHz.
   */
  long outputFrames(long inputFrames) {
    return decimate ? inputFrames / 2 : inputFrames;
  }

  /** Size of the converted {@code data} payload (one byte per u-law sample). */
  long outputDataBytes(long inputFrames) {
    return outputFrames(inputFrames) * outputChannels;
  }

  /** Size of the whole converted file: header, payload and a pad byte when the payload is odd. */
  long outputFileBytes(long inputFrames) {
    long data = outputDataBytes(inputFrames);
    return HEADER_BYTES + data + (data & 1);
  }

  /** Whether the converted file fits in RIFF's 32-bit sizes. */
  boolean fitsRiff(long inputFrames) {
    return outputFileBytes(inputFrames) - 8 < Riff.MAX_U32;
  }

  /** The format of the converted file. */
  WavFormat outputFormat(long inputFrames) {
    return new WavFormat(
        AudioEncoding.ULAW,
        outputChannels,
        TARGET_RATE,
        AudioEncoding.ULAW.bitsPerSample(),
        outputChannels,
        outputDataBytes(inputFrames));
  }
}
