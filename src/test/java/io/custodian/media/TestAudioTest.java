package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestAudioTest {

  @Test
  void toneIsDeterministicValidAndOfTheRequestedLength() throws Exception {
    byte[] first = TestAudio.tone(AudioEncoding.ULAW, 2, 8000, Duration.ofMillis(1500));
    byte[] second = TestAudio.tone(AudioEncoding.ULAW, 2, 8000, Duration.ofMillis(1500));

    assertThat(first).isEqualTo(second);
    WavFormat format =
        new WavValidator(1 << 20)
            .copy(new ByteArrayInputStream(first), OutputStream.nullOutputStream());
    assertThat(format.duration()).isEqualTo(Duration.ofMillis(1500));
    assertThat(format.channels()).isEqualTo(2);
  }

  @Test
  void toneIsAudibleSpeechLevelAndChannelsDiffer() {
    byte[] data = TestAudio.samples(AudioEncoding.PCM_S16LE, 2, 16_000, 16_000);
    int peak = 0;
    long differing = 0;
    for (int offset = 0; offset < data.length; offset += 4) {
      short left = (short) ((data[offset] & 0xFF) | data[offset + 1] << 8);
      short right = (short) ((data[offset + 2] & 0xFF) | data[offset + 3] << 8);
      peak = Math.max(peak, Math.max(Math.abs(left), Math.abs(right)));
      if (left != right) {
        differing++;
      }
    }
    assertThat(peak).isBetween(4000, 16_000);
    assertThat(differing).isGreaterThan(15_000);
  }
}
