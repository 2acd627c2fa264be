package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class G711Test {

  @Test
  void everyUlawCodeSurvivesDecodeThenEncodeExceptNegativeZero() {
    for (int code = 0; code < 256; code++) {
      byte encoded = G711.linearToUlaw(G711.ulawToLinear((byte) code));
      // 0x7F is u-law "negative zero": it decodes to 0, which encodes as positive zero 0xFF.
      int expected = code == 0x7F ? 0xFF : code;
      assertThat(encoded & 0xFF).as("u-law code 0x%02X", code).isEqualTo(expected);
    }
    assertThat(G711.ulawToLinear((byte) 0x7F)).isZero();
    assertThat(G711.ulawToLinear((byte) 0xFF)).isZero();
  }

  @Test
  void everyAlawCodeSurvivesDecodeThenEncode() {
    for (int code = 0; code < 256; code++) {
      byte encoded = G711.linearToAlaw(G711.alawToLinear((byte) code));
      assertThat(encoded & 0xFF).as("A-law code 0x%02X", code).isEqualTo(code);
    }
  }

  @Test
  void ulawDecodeIsMonotonicOverTheOrderedCodeSpace() {
    // Most negative to most positive: 0x00..0x7F, then 0xFF down to 0x80.
    int previous = Integer.MIN_VALUE;
    for (int rank = 0; rank < 256; rank++) {
      int code = rank < 128 ? rank : 0xFF - (rank - 128);
      int value = G711.ulawToLinear((byte) code);
      if (code == 0xFF) {
        assertThat(value).as("positive zero after negative zero").isEqualTo(previous).isZero();
      } else {
        assertThat(value).as("u-law code 0x%02X", code).isGreaterThan(previous);
      }
      previous = value;
    }
  }

  @Test
  void alawDecodeIsStrictlyMonotonicOverTheOrderedCodeSpace() {
    // After removing the 0x55 inversion: sign bit set means positive, the low 7 bits grow with
    // magnitude.
    int previous = Integer.MIN_VALUE;
    for (int rank = 0; rank < 256; rank++) {
      int plain = rank < 128 ? 127 - rank : 0x80 | (rank - 128);
      int code = plain ^ 0x55;
      int value = G711.alawToLinear((byte) code);
      assertThat(value).as("A-law code 0x%02X", code).isGreaterThan(previous);
      previous = value;
    }
  }

  @Test
  void ulawEncodingErrorIsWithinHalfAQuantisationStep() {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      byte code = G711.linearToUlaw((short) x);
      int decoded = G711.ulawToLinear(code);
      int segment = (~code & 0x70) >> 4;
      // Step 8 << segment in the 16-bit domain; +3 because the reference drops 2 LSBs before
      // quantising.
      int bound = (4 << segment) + 3;
      if (Math.abs(x) > 32124 + bound) {
        assertThat(decoded).as("clipping of %d", x).isEqualTo(x > 0 ? 32124 : -32124);
      } else {
        assertThat(Math.abs(x - decoded))
            .as("error for %d (code 0x%02X)", x, code & 0xFF)
            .isLessThanOrEqualTo(bound);
      }
    }
  }

  @Test
  void alawEncodingErrorIsWithinHalfAQuantisationStep() {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      byte code = G711.linearToAlaw((short) x);
      int decoded = G711.alawToLinear(code);
      int segment = (((code & 0xFF) ^ 0x55) & 0x70) >> 4;
      int step = segment == 0 ? 16 : 16 << (segment - 1);
      assertThat(Math.abs(x - decoded))
          .as("error for %d (code 0x%02X)", x, code & 0xFF)
          .isLessThanOrEqualTo(step / 2);
    }
  }

  @Test
  void knownReferenceValues() {
    assertThat(G711.ulawToLinear((byte) 0xFF)).isEqualTo((short) 0);
    assertThat(G711.ulawToLinear((byte) 0x00)).isEqualTo((short) -32124);
    assertThat(G711.ulawToLinear((byte) 0x80)).isEqualTo((short) 32124);
    assertThat(G711.ulawToLinear((byte) 0xFE)).isEqualTo((short) 8);
    assertThat(G711.ulawToLinear((byte) 0x7E)).isEqualTo((short) -8);
    assertThat(G711.alawToLinear((byte) 0xD5)).isEqualTo((short) 8);
    assertThat(G711.alawToLinear((byte) 0x55)).isEqualTo((short) -8);
    assertThat(G711.alawToLinear((byte) 0xAA)).isEqualTo((short) 32256);
    assertThat(G711.alawToLinear((byte) 0x2A)).isEqualTo((short) -32256);

    assertThat(G711.linearToUlaw((short) 0) & 0xFF).isEqualTo(0xFF);
    assertThat(G711.linearToUlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0x80);
    assertThat(G711.linearToUlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x00);
    assertThat(G711.linearToAlaw((short) 0) & 0xFF).isEqualTo(0xD5);
    assertThat(G711.linearToAlaw((short) -1) & 0xFF).isEqualTo(0x55);
    assertThat(G711.linearToAlaw(Short.MAX_VALUE) & 0xFF).isEqualTo(0xAA);
    assertThat(G711.linearToAlaw(Short.MIN_VALUE) & 0xFF).isEqualTo(0x2A);
  }
}
