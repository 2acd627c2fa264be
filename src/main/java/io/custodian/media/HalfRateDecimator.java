package io.custodian.media;

import java.util.Arrays;

/**
 * Halves the sample rate of one channel of 16-bit linear audio (16 kHz to 8 kHz) behind an
 * anti-aliasing low-pass, so that nothing above the new 4 kHz Nyquist limit folds back into the
 * speech band.
 *
 * <p>The filter is a 63-tap windowed sinc: cutoff 3.7 kHz, Kaiser window with beta 6, symmetric
 * (linear phase) and normalised to unity gain at DC, held as Q15 integers. It loses under 0.6 dB up
 * to 3.4 kHz, is down 24 dB at 4 kHz and at least 64 dB from 4.6 kHz up. Designed with {@link
 * StrictMath} and run in integer arithmetic, it gives the same output bits on every JVM.
 *
 * <p>Output sample {@code j} is the filter centred on input sample {@code 2j}, with zeros taken
 * before the first and after the last input sample: there is no delay, and {@code n} input samples
 * give exactly {@code floor(n / 2)} outputs. The last 62 input samples are carried between calls,
 * so how the input is split into {@link #push} calls never changes the output.
 */
final class HalfRateDecimator {

  /** Number of filter taps; odd, so that the filter has a centre tap. */
  static final int TAPS = 63;

  /** Taps on each side of the centre; also the group delay in input samples. */
  static final int HALF = TAPS / 2;

  static final double CUTOFF_HZ = 3700;
  static final double INPUT_RATE_HZ = 16_000;
  static final double KAISER_BETA = 6;

  /** Fixed-point scale of the taps: they sum to exactly {@code 1 << Q}. */
  static final int Q = 15;

  private static final int[] COEFFICIENTS = design();

  private final int[] line;
  private final int[] even;
  private final int[] odd;
  private final int[] shifted;
  private int length = HALF; // the leading zeros of the first output's window
  private int next; // index in line of the first sample under the filter for the next output
  private long outputsLeft;

  /**
   * A decimator for a channel of {@code inputSamples} samples, fed at most {@code maxPush} at a
   * time.
   */
  HalfRateDecimator(long inputSamples, int maxPush) {
    this.line = new int[TAPS + Math.max(maxPush, HALF)];
    this.even = new int[maxOutputs(maxPush) + HALF];
    this.odd = new int[maxOutputs(maxPush) + HALF];
    this.shifted = new int[maxOutputs(maxPush)];
    this.outputsLeft = inputSamples / 2;
  }

  /** Most outputs one {@link #push} or {@link #finish} call can produce. */
  static int maxOutputs(int maxPush) {
    return (Math.max(maxPush, HALF) + TAPS) / 2 + 1;
  }

  /** A copy of the Q15 taps. */
  static int[] coefficients() {
    return COEFFICIENTS.clone();
  }

  /**
   * Appends {@code count} input samples and writes the outputs they complete to {@code out}.
   *
   * @return the number of outputs written
   */
  int push(int[] samples, int count, int[] out) {
    if (outputsLeft == 0) {
      return 0;
    }
    compact();
    System.arraycopy(samples, 0, line, length, count);
    length += count;
    return drain(out);
  }

  /** Ends the input with zeros and writes the remaining outputs to {@code out}. */
  int finish(int[] out) {
    if (outputsLeft == 0) {
      return 0;
    }
    compact();
    Arrays.fill(line, length, length + HALF, 0);
    length += HALF;
    return drain(out);
  }

  private void compact() {
    System.arraycopy(line, next, line, 0, length - next);
    length -= next;
    next = 0;
  }

  /**
   * Writes every output the buffered samples complete. Polyphase form: the even and odd input
   * samples are split apart, so that each tap becomes one pass over all outputs with unit stride.
   * The integer sums cannot overflow: the taps' absolute values sum to under 1.92 in Q15, so every
   * sum stays below 2^31 for 16-bit input.
   */
  private int drain(int[] out) {
    int available = length - next - TAPS;
    if (available < 0) {
      return 0;
    }
    int count = (int) Math.min(outputsLeft, available / 2 + 1);
    for (int i = 0, p = next; i < count + HALF; i++, p += 2) {
      even[i] = line[p];
    }
    for (int i = 0, p = next + 1; i < count + HALF - 1; i++, p += 2) {
      odd[i] = line[p];
    }
    Arrays.fill(out, 0, count, 1 << (Q - 1));
    for (int m = 0; m <= HALF; m++) {
      accumulate(out, count, COEFFICIENTS[2 * m], even, m);
    }
    for (int m = 0; m < HALF; m++) {
      accumulate(out, count, COEFFICIENTS[2 * m + 1], odd, m);
    }
    for (int j = 0; j < count; j++) {
      out[j] = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, out[j] >> Q));
    }
    next += 2 * count;
    outputsLeft -= count;
    return count;
  }

  /**
   * {@code sums[j] += tap * phase[shift + j]} for {@code j < count}. The slice is copied first
   * because the JIT (C2 of JDK 17) vectorizes the loop only without the variable offset: about six
   * times faster, copy included.
   */
  private void accumulate(int[] sums, int count, int tap, int[] phase, int shift) {
    System.arraycopy(phase, shift, shifted, 0, count);
    for (int j = 0; j < count; j++) {
      sums[j] += tap * shifted[j];
    }
  }

  /** The Kaiser-windowed sinc, rounded to Q15 with the rounding error put on the centre tap. */
  private static int[] design() {
    double fc = CUTOFF_HZ / INPUT_RATE_HZ; // cycles per sample
    double[] taps = new double[TAPS];
    double total = 0;
    for (int n = 0; n < TAPS; n++) {
      int m = n - HALF;
      double sinc = m == 0 ? 2 * fc : StrictMath.sin(2 * Math.PI * fc * m) / (Math.PI * m);
      double r = (double) m / HALF;
      double window = besselI0(KAISER_BETA * StrictMath.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
      taps[n] = sinc * window;
      total += taps[n];
    }
    int[] q = new int[TAPS];
    int sum = 0;
    for (int n = 0; n < TAPS; n++) {
      q[n] = (int) Math.round(taps[n] / total * (1 << Q));
      sum += q[n];
    }
    q[HALF] += (1 << Q) - sum;
    return q;
  }

  /** The modified Bessel function of the first kind, order 0, by its power series. */
  private static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    double half = x / 2;
    for (int k = 1; term > 1e-17 * sum; k++) {
      term *= (half / k) * (half / k);
      sum += term;
    }
    return sum;
  }
}
