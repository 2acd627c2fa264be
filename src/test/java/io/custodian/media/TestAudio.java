package io.custodian.media;

import java.time.Duration;

/**
 * Deterministic synthetic speech-band audio for tests and demos, so no recorded (and possibly
 * personal) audio has to be checked in.
 */
public final class TestAudio {

  private static final double AMPLITUDE = 12_000;

  private TestAudio() {}

  /**
   * A complete, valid WAV file of {@code length} (rounded down to whole frames) of a tone mixing
   * 300, 700 and 1100 Hz, amplitude-modulated at a syllable-like 3 Hz; the second channel, if any,
   * is a phase-shifted mix. Identical arguments always give identical bytes ({@link StrictMath} is
   * used).
   */
  public static byte[] tone(AudioEncoding encoding, int channels, int sampleRate, Duration length) {
    long frames = length.toNanos() * sampleRate / 1_000_000_000L;
    return WavWriter.wav(
        encoding,
        channels,
        sampleRate,
        samples(encoding, channels, sampleRate, Math.toIntExact(frames)));
  }

  /** The encoded, interleaved sample bytes of {@code frames} frames of the {@link #tone} signal. */
  static byte[] samples(AudioEncoding encoding, int channels, int sampleRate, int frames) {
    int bytesPerSample = encoding.bitsPerSample() / 8;
    byte[] data = new byte[Math.multiplyExact(frames, channels * bytesPerSample)];
    int offset = 0;
    for (int frame = 0; frame < frames; frame++) {
      double t = (double) frame / sampleRate;
      for (int channel = 0; channel < channels; channel++) {
        short sample = sample(t, channel);
        switch (encoding) {
          case PCM_S16LE -> {
            data[offset] = (byte) sample;
            data[offset + 1] = (byte) (sample >> 8);
          }
          case ULAW -> data[offset] = G711.linearToUlaw(sample);
          case ALAW -> data[offset] = G711.linearToAlaw(sample);
        }
        offset += bytesPerSample;
      }
    }
    return data;
  }

  private static short sample(double t, int channel) {
    double phase = channel * 0.9;
    double envelope = 0.55 + 0.45 * StrictMath.sin(2 * Math.PI * 3.0 * t + phase);
    double mix =
        0.5 * StrictMath.sin(2 * Math.PI * 300 * t + phase)
            + 0.3 * StrictMath.sin(2 * Math.PI * 700 * t + 0.4 + 2 * phase)
            + 0.2 * StrictMath.sin(2 * Math.PI * 1100 * t + 1.1 + 3 * phase);
    return (short) Math.round(AMPLITUDE * envelope * mix);
  }
}
