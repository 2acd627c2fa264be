package io.custodian.media;

/**
 * ITU-T G.711 u-law and A-law codecs, following the classic Sun Microsystems / CCITT reference
 * implementation ({@code g711.c}) so that results match other telephony tools bit for bit.
 */
public final class G711 {

  /** u-law bias added to the magnitude before segment search (0x84 in the 16-bit domain). */
  private static final int ULAW_BIAS = 0x84;

  /** Largest 14-bit magnitude u-law represents before clipping. */
  private static final int ULAW_CLIP = 8159;

  private static final int SIGN_BIT = 0x80;
  private static final int QUANT_MASK = 0x0F;
  private static final int SEG_SHIFT = 4;
  private static final int SEG_MASK = 0x70;
  private static final int[] ULAW_SEG_END = {0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF};
  private static final int[] ALAW_SEG_END = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};

  private G711() {}

  /** Encodes a 16-bit linear sample as u-law (bit-inverted, so silence is 0xFF). */
  public static byte linearToUlaw(short pcm) {
    int value = pcm >> 2;
    int mask;
    if (value < 0) {
      value = -value;
      mask = 0x7F;
    } else {
      mask = 0xFF;
    }
    if (value > ULAW_CLIP) {
      value = ULAW_CLIP;
    }
    value += ULAW_BIAS >> 2;
    int segment = segment(value, ULAW_SEG_END);
    int code =
        segment >= 8 ? 0x7F : (segment << SEG_SHIFT) | ((value >> (segment + 1)) & QUANT_MASK);
    return (byte) (code ^ mask);
  }

  /** Decodes a u-law code to a 16-bit linear sample; 0x7F and 0xFF both decode to 0. */
  public static short ulawToLinear(byte code) {
    int value = ~code & 0xFF;
    int t = ((value & QUANT_MASK) << 3) + ULAW_BIAS;
    t <<= (value & SEG_MASK) >> SEG_SHIFT;
    return (short) ((value & SIGN_BIT) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS);
  }

  /**
   * Encodes a 16-bit linear sample as A-law (even bits inverted, so small positive values are
   * 0xD5).
   */
  public static byte linearToAlaw(short pcm) {
    int value = pcm >> 3;
    int mask;
    if (value >= 0) {
      mask = 0xD5;
    } else {
      mask = 0x55;
      value = -value - 1;
    }
    int segment = segment(value, ALAW_SEG_END);
    if (segment >= 8) {
      return (byte) (0x7F ^ mask);
    }
    int code = segment << SEG_SHIFT;
    code |= (segment < 2 ? value >> 1 : value >> segment) & QUANT_MASK;
    return (byte) (code ^ mask);
  }

  /** Decodes an A-law code to a 16-bit linear sample. */
  public static short alawToLinear(byte code) {
    int value = (code & 0xFF) ^ 0x55;
    int t = (value & QUANT_MASK) << 4;
    int segment = (value & SEG_MASK) >> SEG_SHIFT;
    if (segment == 0) {
      t += 8;
    } else {
      t += 0x108;
      t <<= segment - 1;
    }
    return (short) ((value & SIGN_BIT) != 0 ? t : -t);
  }

  /**
   * Index of the first segment whose end is at least {@code value}, or the table length if none is.
   */
  private static int segment(int value, int[] segmentEnds) {
    for (int i = 0; i < segmentEnds.length; i++) {
      if (value <= segmentEnds[i]) {
        return i;
      }
    }
    return segmentEnds.length;
  }
}
