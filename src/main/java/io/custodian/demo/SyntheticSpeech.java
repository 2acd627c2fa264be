package io.custodian.demo;

import io.custodian.media.AudioEncoding;
import io.custodian.media.G711;
import io.custodian.media.WavWriter;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Speech-like audio made up from a seed, so that the demo needs no recorded voices: two talkers
 * take turns, each a glottal pulse train with falling intonation through three vowel formants,
 * shaped into syllables (about four a second) and words, with noise bursts for consonants. The same
 * arguments always give the same bytes ({@link StrictMath} and {@link SplittableRandom}).
 */
final class SyntheticSpeech {

  /** F1, F2, F3 in Hz of a few vowels (Peterson and Barney's averages for adult men). */
  private static final double[][] VOWELS = {
    {730, 1090, 2440},
    {530, 1840, 2480},
    {270, 2290, 3010},
    {570, 840, 2410},
    {300, 870, 2240},
    {660, 1720, 2410},
    {490, 1350, 1690},
    {440, 1020, 2240}
  };

  private static final double[] BANDWIDTHS = {70, 100, 140};

  /** Pitch and formant scale of the two talkers: a lower and a higher voice. */
  private static final double[][] TALKERS = {{118, 1.0}, {205, 1.16}};

  private static final double PEAK = 0.5 * Short.MAX_VALUE;

  private SyntheticSpeech() {}

  /**
   * A complete WAV file: one talker per channel when {@code channels} is 2 (as a recorder keeps the
   * parties apart), both mixed when it is 1.
   */
  static byte[] wav(
      AudioEncoding encoding, int channels, int sampleRate, Duration length, long seed) {
    short[][] talkers = conversation(sampleRate, length, seed);
    int frames = talkers[0].length;
    int width = encoding == AudioEncoding.PCM_S16LE ? 2 : 1;
    byte[] data = new byte[frames * channels * width];
    int offset = 0;
    for (int frame = 0; frame < frames; frame++) {
      for (int channel = 0; channel < channels; channel++) {
        short sample =
            channels == 2
                ? talkers[channel][frame]
                : (short) (talkers[0][frame] + talkers[1][frame]); // turns never overlap
        switch (encoding) {
          case PCM_S16LE -> {
            data[offset] = (byte) sample;
            data[offset + 1] = (byte) (sample >> 8);
          }
          case ULAW -> data[offset] = G711.linearToUlaw(sample);
          case ALAW -> data[offset] = G711.linearToAlaw(sample);
        }
        offset += width;
      }
    }
    return WavWriter.wav(encoding, channels, sampleRate, data);
  }

  /** The two talkers' tracks, each silent while the other speaks. */
  static short[][] conversation(int sampleRate, Duration length, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int frames = Math.toIntExact(length.toMillis() * sampleRate / 1000);
    double[][] tracks = new double[2][frames];
    int at = seconds(0.2 + 0.4 * random.nextDouble(), sampleRate);
    int talker = random.nextInt(2);
    while (at < frames) {
      int turn = seconds(1.2 + 3.3 * random.nextDouble(), sampleRate);
      int end = Math.min(frames, at + turn);
      new Talker(tracks[talker], sampleRate, TALKERS[talker], random).speak(at, end);
      at = end + seconds(0.25 + 0.6 * random.nextDouble(), sampleRate);
      talker = 1 - talker;
    }
    return new short[][] {normalised(tracks[0]), normalised(tracks[1])};
  }

  private static short[] normalised(double[] track) {
    double peak = 1e-9;
    for (double sample : track) {
      peak = Math.max(peak, Math.abs(sample));
    }
    short[] samples = new short[track.length];
    for (int i = 0; i < track.length; i++) {
      samples[i] = (short) Math.round(track[i] * PEAK / peak);
    }
    return samples;
  }

  private static int seconds(double seconds, int sampleRate) {
    return (int) (seconds * sampleRate);
  }

  /** One turn of one talker: words of syllables, a phrase with falling (sometimes rising) pitch. */
  private static final class Talker {

    private final double[] track;
    private final int sampleRate;
    private final double pitch;
    private final double formantScale;
    private final SplittableRandom random;
    private double phase;
    private double previousPulse;

    Talker(double[] track, int sampleRate, double[] voice, SplittableRandom random) {
      this.track = track;
      this.sampleRate = sampleRate;
      this.pitch = voice[0] * (0.95 + 0.1 * random.nextDouble());
      this.formantScale = voice[1];
      this.random = random;
    }

    void speak(int from, int to) {
      boolean question = random.nextInt(5) == 0;
      int at = from;
      while (at < to) {
        int syllables = 1 + random.nextInt(3);
        for (int s = 0; s < syllables && at < to; s++) {
          double progress = (double) (at - from) / (to - from);
          double contour =
              question && progress > 0.75 ? 1.0 + (progress - 0.75) : 1.12 - 0.25 * progress;
          at = syllable(at, to, pitch * contour);
        }
        at += seconds(0.04 + 0.12 * random.nextDouble(), sampleRate);
      }
    }

    /** A consonant burst (sometimes) then a voiced vowel; returns where the syllable ends. */
    private int syllable(int from, int limit, double f0) {
      int at = from;
      if (random.nextInt(10) < 6) {
        int length = Math.min(seconds(0.03 + 0.05 * random.nextDouble(), sampleRate), limit - at);
        double centre = Math.min(2500 + 1500 * random.nextDouble(), 0.42 * sampleRate);
        Resonator hiss = new Resonator(centre, 700, sampleRate);
        double loudness = 0.08 + 0.1 * random.nextDouble();
        for (int i = 0; i < length; i++) {
          track[at + i] += loudness * envelope(i, length, 0.3) * hiss.next(noise());
        }
        at += length;
      }
      double[] vowel = VOWELS[random.nextInt(VOWELS.length)];
      Resonator[] formants = new Resonator[3];
      for (int f = 0; f < 3; f++) {
        formants[f] =
            new Resonator(
                Math.min(vowel[f] * formantScale, 0.45 * sampleRate), BANDWIDTHS[f], sampleRate);
      }
      int length = Math.min(seconds(0.1 + 0.16 * random.nextDouble(), sampleRate), limit - at);
      double loudness = 0.6 + 0.4 * random.nextDouble();
      for (int i = 0; i < length; i++) {
        double vibrato = 1 + 0.01 * StrictMath.sin(2 * Math.PI * 5.5 * i / sampleRate);
        double sample = pulse(f0 * vibrato) + 0.03 * noise();
        for (Resonator formant : formants) {
          sample = formant.next(sample);
        }
        track[at + i] += loudness * envelope(i, length, 0.25) * sample;
      }
      return at + Math.max(length, 1);
    }

    /**
     * The next sample of a Rosenberg glottal pulse train, differentiated for the lips' radiation.
     */
    private double pulse(double f0) {
      phase += f0 / sampleRate;
      if (phase >= 1) {
        phase -= 1;
      }
      double open = 0.4;
      double closing = 0.16;
      double value;
      if (phase < open) {
        value = 0.5 * (1 - StrictMath.cos(Math.PI * phase / open));
      } else if (phase < open + closing) {
        value = StrictMath.cos(Math.PI * (phase - open) / (2 * closing));
      } else {
        value = 0;
      }
      double derivative = value - previousPulse;
      previousPulse = value;
      // about 1 at its steepest (the closing), whatever the pitch and sample rate
      return derivative / (Math.PI / (2 * closing) * f0 / sampleRate);
    }

    private double noise() {
      return 2 * random.nextDouble() - 1;
    }

    /** Rises and falls as a raised cosine over {@code edge} of the length at each end. */
    private static double envelope(int i, int length, double edge) {
      double position = (double) i / length;
      double ramp = Math.min(position, 1 - position) / edge;
      return ramp >= 1 ? 1 : 0.5 * (1 - StrictMath.cos(Math.PI * ramp));
    }
  }

  /** A two-pole resonator (Klatt 1980): one formant of the vocal tract. */
  private static final class Resonator {

    private final double a;
    private final double b;
    private final double c;
    private double y1;
    private double y2;

    Resonator(double frequency, double bandwidth, int sampleRate) {
      double t = 1.0 / sampleRate;
      c = -StrictMath.exp(-2 * Math.PI * bandwidth * t);
      b =
          2
              * StrictMath.exp(-Math.PI * bandwidth * t)
              * StrictMath.cos(2 * Math.PI * frequency * t);
      a = 1 - b - c;
    }

    double next(double x) {
      double y = a * x + b * y1 + c * y2;
      y2 = y1;
      y1 = y;
      return y;
    }
  }
}
