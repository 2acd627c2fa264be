package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HalfRateDecimatorTest {

  private static final int[] TAPS = HalfRateDecimator.coefficients();

  @Test
  void tapsAreSymmetricWithUnityGainAndCannotOverflow() {
    assertThat(TAPS).hasSize(63);
    for (int k = 0; k < TAPS.length; k++) {
      assertThat(TAPS[k]).as("tap %d", k).isEqualTo(TAPS[TAPS.length - 1 - k]);
    }
    assertThat(Arrays.stream(TAPS).sum()).isEqualTo(1 << 15);
    long worst = Arrays.stream(TAPS).mapToLong(Math::abs).sum() * 32_768 + (1 << 14);
    assertThat(worst).as("largest possible sum").isLessThanOrEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void passesTheSpeechBandAndStopsWhatWouldAlias() {
    for (int f = 0; f <= 3400; f += 50) {
      assertThat(gainDb(f)).as("%d Hz", f).isBetween(-0.6, 0.05);
    }
    assertThat(gainDb(4000)).as("at the new Nyquist frequency").isLessThan(-20);
    for (int f = 4600; f <= 8000; f += 25) {
      assertThat(gainDb(f)).as("%d Hz", f).isLessThan(-60);
    }
  }

  @Test
  void matchesTheDirectFormulaForAnySplitOfTheInput() {
    Random random = new Random(5);
    for (int trial = 0; trial < 200; trial++) {
      int n = random.nextInt(trial < 100 ? 80 : 5000);
      int[] input = new int[n];
      for (int i = 0; i < n; i++) {
        // full-scale extremes, which drive the sums closest to overflow, and ordinary values
        input[i] =
            trial % 3 == 0
                ? (TAPS[(i + trial) % TAPS.length] >= 0 ? Short.MAX_VALUE : Short.MIN_VALUE)
                : random.nextInt(65_536) - 32_768;
      }
      int maxPush = 1 + random.nextInt(300);
      assertThat(decimate(input, maxPush, random)).as("trial %d", trial).isEqualTo(direct(input));
    }
  }

  @Test
  void givesFloorOfHalfTheInputSamples() {
    for (int n = 0; n < 140; n++) {
      assertThat(decimate(new int[n], 7, new Random(n))).hasSize(n / 2);
    }
  }

  /** Feeds {@code input} in random pieces of at most {@code maxPush} and collects the outputs. */
  private static int[] decimate(int[] input, int maxPush, Random random) {
    HalfRateDecimator decimator = new HalfRateDecimator(input.length, maxPush);
    int[] out = new int[HalfRateDecimator.maxOutputs(maxPush)];
    int[] result = new int[input.length / 2 + 1];
    int produced = 0;
    int position = 0;
    while (position < input.length) {
      int n = Math.min(input.length - position, 1 + random.nextInt(maxPush));
      int got = decimator.push(Arrays.copyOfRange(input, position, position + n), n, out);
      System.arraycopy(out, 0, result, produced, got);
      produced += got;
      position += n;
    }
    int got = decimator.finish(out);
    System.arraycopy(out, 0, result, produced, got);
    return Arrays.copyOf(result, produced + got);
  }

  /** Output {@code j} is the filter centred on input {@code 2j}, zeros outside the input. */
  private static int[] direct(int[] input) {
    int half = TAPS.length / 2;
    int[] output = new int[input.length / 2];
    for (int j = 0; j < output.length; j++) {
      long sum = 1 << 14;
      for (int k = 0; k < TAPS.length; k++) {
        int i = 2 * j - half + k;
        sum += i >= 0 && i < input.length ? (long) TAPS[k] * input[i] : 0;
      }
      output[j] = (int) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, sum >> 15));
    }
    return output;
  }

  private static double gainDb(double frequency) {
    double re = 0;
    double im = 0;
    for (int k = 0; k < TAPS.length; k++) {
      double phase = 2 * Math.PI * frequency / 16_000 * k;
      re += TAPS[k] * Math.cos(phase);
      im -= TAPS[k] * Math.sin(phase);
    }
    return 20 * Math.log10(Math.hypot(re, im) / (1 << 15));
  }
}
