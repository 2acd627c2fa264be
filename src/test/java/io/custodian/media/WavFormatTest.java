package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WavFormatTest {

  @Test
  void encodingsHaveTheirWaveTagsAndLabels() {
    assertThat(AudioEncoding.PCM_S16LE.formatTag()).isEqualTo(1);
    assertThat(AudioEncoding.ULAW.formatTag()).isEqualTo(7);
    assertThat(AudioEncoding.ALAW.formatTag()).isEqualTo(6);
    assertThat(AudioEncoding.PCM_S16LE.label()).isEqualTo("pcm_s16le");
    assertThat(AudioEncoding.ULAW.label()).isEqualTo("ulaw");
    assertThat(AudioEncoding.ALAW.label()).isEqualTo("alaw");
  }

  @Test
  void framesAndDurationAreExact() {
    WavFormat ulaw = new WavFormat(AudioEncoding.ULAW, 1, 8000, 8, 1, 12_345);
    assertThat(ulaw.frames()).isEqualTo(12_345);
    assertThat(ulaw.duration()).isEqualTo(Duration.ofNanos(1_543_125_000L));

    WavFormat stereo = new WavFormat(AudioEncoding.PCM_S16LE, 2, 16_000, 16, 4, 12);
    assertThat(stereo.frames()).isEqualTo(3);
    assertThat(stereo.duration()).isEqualTo(Duration.ofNanos(187_500));

    WavFormat empty = new WavFormat(AudioEncoding.ALAW, 2, 16_000, 8, 2, 0);
    assertThat(empty.duration()).isEqualTo(Duration.ZERO);
  }

  @Test
  void durationOfTheLargestFileDoesNotOverflow() {
    WavFormat huge = new WavFormat(AudioEncoding.ULAW, 1, 8000, 8, 1, 0xFFFF_FFF0L);
    assertThat(huge.duration()).isEqualTo(Duration.ofSeconds(536_870, 910_000_000L));
  }

  @Test
  void rejectsImpossibleLayouts() {
    assertThatThrownBy(() -> new WavFormat(AudioEncoding.ULAW, 0, 8000, 8, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WavFormat(AudioEncoding.ULAW, 1, 8000, 8, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WavFormat(AudioEncoding.ULAW, 1, 8000, 8, 1, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidWavExceptionCarriesProblemAndDetail() {
    InvalidWavException e = new InvalidWavException(WavProblem.BYTE_RATE, "byte rate 1");
    assertThat(e.problem()).isEqualTo(WavProblem.BYTE_RATE);
    assertThat(e.getMessage())
        .startsWith("BYTE_RATE: ")
        .contains(WavProblem.BYTE_RATE.description())
        .endsWith("(byte rate 1)");
    assertThat(new InvalidWavException(WavProblem.EMPTY, "").getMessage())
        .isEqualTo("EMPTY: " + WavProblem.EMPTY.description());
  }
}
