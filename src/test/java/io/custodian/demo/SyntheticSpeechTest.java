package io.custodian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.WavFormat;
import io.custodian.media.WavValidator;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The demo's audio: valid WAV files the service accepts, the same for the same seed, and
 * speech-like.
 */
class SyntheticSpeechTest {

  @ParameterizedTest
  @CsvSource({"ULAW, 1, 8000", "PCM_S16LE, 2, 16000", "ALAW, 1, 8000", "PCM_S16LE, 1, 8000"})
  void makesValidWavFilesOfTheAskedLength(AudioEncoding encoding, int channels, int rate)
      throws Exception {
    byte[] wav = SyntheticSpeech.wav(encoding, channels, rate, Duration.ofMillis(7_250), 5);

    WavFormat format =
        new WavValidator(1L << 30)
            .copy(new ByteArrayInputStream(wav), OutputStream.nullOutputStream());
    assertThat(format.encoding()).isEqualTo(encoding);
    assertThat(format.channels()).isEqualTo(channels);
    assertThat(format.sampleRate()).isEqualTo(rate);
    assertThat(format.duration()).isEqualTo(Duration.ofMillis(7_250));
  }

  @ParameterizedTest
  @CsvSource({"1", "2", "3"})
  void theSameSeedGivesTheSameBytes(long seed) {
    byte[] once = SyntheticSpeech.wav(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(5), seed);
    byte[] again = SyntheticSpeech.wav(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(5), seed);
    byte[] other =
        SyntheticSpeech.wav(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(5), seed + 1);

    assertThat(again).isEqualTo(once);
    assertThat(other).isNotEqualTo(once);
  }

  /**
   * Talkers take turns and speak in syllables: on 20 ms frames, each talker is silent for a good
   * part of the call, never both at once, and the loudness rises and falls several times a second.
   */
  @ParameterizedTest
  @CsvSource({"8000, 11", "16000, 12"})
  void soundsLikeTwoPeopleTakingTurns(int rate, long seed) {
    short[][] talkers = SyntheticSpeech.conversation(rate, Duration.ofSeconds(20), seed);
    int frame = rate / 50;
    int frames = talkers[0].length / frame;
    int[] active = new int[2];
    int both = 0;
    int onsets = 0;
    boolean wasLoud = false;
    for (int f = 0; f < frames; f++) {
      boolean[] loud = new boolean[2];
      for (int t = 0; t < 2; t++) {
        double energy = 0;
        for (int i = f * frame; i < (f + 1) * frame; i++) {
          energy += (double) talkers[t][i] * talkers[t][i];
        }
        loud[t] = Math.sqrt(energy / frame) > 500;
        active[t] += loud[t] ? 1 : 0;
      }
      both += loud[0] && loud[1] ? 1 : 0;
      boolean isLoud = loud[0] || loud[1];
      onsets += isLoud && !wasLoud ? 1 : 0;
      wasLoud = isLoud;
    }
    assertThat(active[0]).isBetween(frames / 10, frames * 7 / 10);
    assertThat(active[1]).isBetween(frames / 10, frames * 7 / 10);
    assertThat(both).isZero();
    assertThat(onsets).as("syllable onsets in 20 s").isBetween(20, 120);
  }
}
