package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavWriterTest {

  @Test
  void pcmHeaderIsTheCanonical44Bytes() {
    byte[] header = WavWriter.header(AudioEncoding.PCM_S16LE, 2, 16_000, 64_000);

    assertThat(header).hasSize(44);
    assertThat(id(header, 0)).isEqualTo("RIFF");
    assertThat(LittleEndian.u32(header, 4)).isEqualTo(36 + 64_000);
    assertThat(id(header, 8)).isEqualTo("WAVE");
    assertThat(id(header, 12)).isEqualTo("fmt ");
    assertThat(LittleEndian.u32(header, 16)).isEqualTo(16);
    assertThat(LittleEndian.u16(header, 20)).isEqualTo(1);
    assertThat(LittleEndian.u16(header, 22)).isEqualTo(2);
    assertThat(LittleEndian.u32(header, 24)).isEqualTo(16_000);
    assertThat(LittleEndian.u32(header, 28)).isEqualTo(64_000);
    assertThat(LittleEndian.u16(header, 32)).isEqualTo(4);
    assertThat(LittleEndian.u16(header, 34)).isEqualTo(16);
    assertThat(id(header, 36)).isEqualTo("data");
    assertThat(LittleEndian.u32(header, 40)).isEqualTo(64_000);
  }

  @ParameterizedTest
  @EnumSource(
      value = AudioEncoding.class,
      names = {"ULAW", "ALAW"})
  void compandedHeadersHaveAnEighteenByteFmtAndAFactChunk(AudioEncoding encoding) {
    byte[] header = WavWriter.header(encoding, 2, 8000, 16_000);

    assertThat(header).hasSize(58);
    assertThat(LittleEndian.u32(header, 4)).isEqualTo(50 + 16_000);
    assertThat(id(header, 12)).isEqualTo("fmt ");
    assertThat(LittleEndian.u32(header, 16)).as("fmt size").isEqualTo(18);
    assertThat(LittleEndian.u16(header, 20)).as("format tag").isEqualTo(encoding.formatTag());
    assertThat(LittleEndian.u16(header, 22)).isEqualTo(2);
    assertThat(LittleEndian.u32(header, 24)).isEqualTo(8000);
    assertThat(LittleEndian.u32(header, 28)).as("byte rate").isEqualTo(16_000);
    assertThat(LittleEndian.u16(header, 32)).as("block align").isEqualTo(2);
    assertThat(LittleEndian.u16(header, 34)).as("bits").isEqualTo(8);
    assertThat(LittleEndian.u16(header, 36)).as("cbSize").isZero();
    assertThat(id(header, 38)).isEqualTo("fact");
    assertThat(LittleEndian.u32(header, 42)).isEqualTo(4);
    assertThat(LittleEndian.u32(header, 46)).as("dwSampleLength = frames").isEqualTo(8000);
    assertThat(id(header, 50)).isEqualTo("data");
    assertThat(LittleEndian.u32(header, 54)).isEqualTo(16_000);
  }

  @Test
  void ulawFormatTagIsSeven() {
    assertThat(LittleEndian.u16(WavWriter.header(AudioEncoding.ULAW, 1, 8000, 0), 20)).isEqualTo(7);
  }

  @ParameterizedTest
  @EnumSource(AudioEncoding.class)
  void producedFilesPassTheValidatorIncludingOddLengthsWithPad(AudioEncoding encoding)
      throws Exception {
    int bytesPerFrame = encoding.bitsPerSample() / 8;
    for (int frames : new int[] {0, 1, 7, 8000}) {
      byte[] data = TestAudio.samples(encoding, 1, 16_000, frames);
      byte[] wav = WavWriter.wav(encoding, 1, 16_000, data);

      int header = encoding == AudioEncoding.PCM_S16LE ? 44 : 58;
      int pad = data.length % 2;
      assertThat(wav).hasSize(header + data.length + pad);
      assertThat(Arrays.copyOfRange(wav, header, header + data.length)).isEqualTo(data);
      assertThat(LittleEndian.u32(wav, 4)).isEqualTo(wav.length - 8);

      WavFormat format =
          new WavValidator(1 << 20)
              .copy(new ByteArrayInputStream(wav), OutputStream.nullOutputStream());
      assertThat(format)
          .isEqualTo(
              new WavFormat(
                  encoding, 1, 16_000, encoding.bitsPerSample(), bytesPerFrame, data.length));
    }
  }

  @Test
  void headerForLargeDataDoesNotNeedTheData() {
    long dataBytes = 3_000_000_000L;
    byte[] header = WavWriter.header(AudioEncoding.ULAW, 1, 8000, dataBytes);

    assertThat(LittleEndian.u32(header, 4)).isEqualTo(50 + dataBytes);
    assertThat(LittleEndian.u32(header, 46)).isEqualTo(dataBytes);
    assertThat(LittleEndian.u32(header, 54)).isEqualTo(dataBytes);
  }

  @Test
  void rejectsDataThatCannotBeDescribed() {
    assertThatThrownBy(() -> WavWriter.header(AudioEncoding.PCM_S16LE, 1, 8000, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole number");
    assertThatThrownBy(() -> WavWriter.header(AudioEncoding.ULAW, 1, 8000, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavWriter.header(AudioEncoding.ULAW, 1, 8000, 0xFFFF_FFFFL - 50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too large");
    assertThatThrownBy(() -> WavWriter.header(AudioEncoding.ULAW, 0, 8000, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WavWriter.header(AudioEncoding.ULAW, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String id(byte[] bytes, int offset) {
    return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
  }
}
