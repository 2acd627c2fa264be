package io.custodian.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Converts a stored WAV (any format {@link WavValidator} accepts) to the offload format, G.711
 * u-law at 8 kHz, in one streaming pass with fixed-size buffers, so that hours of stereo audio
 * convert in a few hundred KiB of memory.
 *
 * <p>Every output is a canonical {@link WavWriter} u-law file ({@code RIFF}, an 18-byte {@code fmt
 * } with tag 7, {@code fact} holding the frame count, {@code data}) and nothing else: metadata
 * chunks such as {@code LIST} are dropped. Samples that already are the target (u-law, 8 kHz, and
 * mono or {@link ChannelMode#KEEP}) are copied unchanged under that header. Other samples go
 * through 16-bit linear: PCM is encoded directly, A-law and u-law are decoded first; {@link
 * ChannelMode#MIX} averages the two channels (rounded half away from zero); 16 kHz is low-passed
 * and halved by {@link HalfRateDecimator}, giving exactly {@code floor(frames / 2)} output frames
 * with no delay. The output bytes depend only on the input bytes and the mode.
 *
 * <p>The input is validated again while it is read, under the 4 GiB RIFF limit instead of an upload
 * limit. Instances are immutable and thread-safe.
 */
public final class UlawConverter {

  private static final WavValidator VALIDATOR = new WavValidator(Riff.MAX_RIFF_END);

  private final ChannelMode mode;

  /** A converter that treats stereo input as {@code mode} says. */
  public UlawConverter(ChannelMode mode) {
    this.mode = mode;
  }

  /**
   * The exact size in bytes of what {@link #convert} writes for an input of this format, known
   * before converting so that a transfer can be sized and resumed.
   *
   * @throws IllegalArgumentException if the input is not a format WavValidator accepts, or would
   *     convert to more than RIFF's 4 GiB
   */
  public long outputSize(WavFormat input) {
    ConversionPlan plan = plan(input);
    if (!plan.fitsRiff(input.frames())) {
      throw new IllegalArgumentException("the conversion of " + input + " exceeds 4 GiB");
    }
    return plan.outputFileBytes(input.frames());
  }

  /**
   * Whether the input's samples already are the target (u-law, 8 kHz, and mono or {@link
   * ChannelMode#KEEP}), so that {@link #convert} copies them unchanged under the canonical header.
   */
  public boolean copiesSamples(WavFormat input) {
    return plan(input).passThrough();
  }

  /**
   * The header {@link #convert} writes before the audio for an input of this format: {@link
   * WavWriter}'s u-law header for the output's channels and frames.
   *
   * @throws IllegalArgumentException as {@link #outputSize} does
   */
  public byte[] outputHeader(WavFormat input) {
    outputSize(input);
    ConversionPlan plan = plan(input);
    return WavWriter.header(
        AudioEncoding.ULAW,
        plan.outputChannels(),
        ConversionPlan.TARGET_RATE,
        plan.outputDataBytes(input.frames()));
  }

  /**
   * Reads a complete WAV from {@code in} (as stored; it already passed WavValidator) and writes the
   * target WAV to {@code out}, streaming with fixed-size buffers. Neither stream is closed or
   * flushed. On failure {@code out} holds a partial output and should be discarded.
   *
   * @return the format of what was written
   * @throws IOException only when reading {@code in} or writing {@code out} fails
   * @throws InvalidWavException if the input is not as valid as it claims (with the problem
   *     WavValidator reports), or {@link WavProblem#TOO_LARGE} if its conversion would exceed 4 GiB
   */
  public WavFormat convert(InputStream in, OutputStream out)
      throws IOException, InvalidWavException {
    TranscodingSink sink = new TranscodingSink(mode, out);
    WavFormat input;
    try {
      input = VALIDATOR.copy(in, sink);
    } catch (TranscodingSink.Refused e) {
      throw e.reason();
    }
    return sink.finish(input);
  }

  private ConversionPlan plan(WavFormat input) {
    if (input.bitsPerSample() != input.encoding().bitsPerSample()
        || input.blockAlign() != input.channels() * input.bitsPerSample() / 8) {
      throw new IllegalArgumentException("not a format WavValidator accepts: " + input);
    }
    return ConversionPlan.of(input.encoding(), input.channels(), input.sampleRate(), mode);
  }
}
