package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import io.custodian.media.AudioEncoding;
import io.custodian.media.ChannelMode;
import io.custodian.media.TestAudio;
import io.custodian.media.UlawConverter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Output proven to be the input byte for byte, and nothing else taken for it. */
class SameBytesTest {

  private final UlawConverter converter = new UlawConverter(ChannelMode.KEEP);

  @Test
  void aCanonicalUlawFileGoesOutAsStored() throws Exception {
    byte[] stored = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(60));
    assertThat(stored.length).isGreaterThan(SameBytes.WINDOW);

    assertThat(converted(stored)).isTrue();
  }

  @Test
  void aStereoFileKeptAsItIsGoesOutAsStored() throws Exception {
    assertThat(converted(TestAudio.tone(AudioEncoding.ULAW, 2, 8000, Duration.ofSeconds(3))))
        .isTrue();
  }

  @Test
  void anotherLayoutOfTheSameSizeIsNotTakenForTheSameBytes() throws Exception {
    byte[] canonical = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(2));
    byte[] other = sameSizeWithList(canonical);
    assertThat(other).hasSameSizeAs(canonical);
    assertThat(Arrays.copyOfRange(other, 58, other.length))
        .isEqualTo(Arrays.copyOfRange(canonical, 58, canonical.length));

    assertThat(converted(other)).isFalse();
  }

  @Test
  void aTranscodedFileIsNotTheSameBytes() throws Exception {
    assertThat(converted(TestAudio.tone(AudioEncoding.ALAW, 1, 8000, Duration.ofSeconds(1))))
        .isFalse();
  }

  @Test
  void oneChangedByteOrAShorterOutputIsNoProof() throws Exception {
    byte[] stored = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(1));
    SameBytes changed = new SameBytes();
    copy(changed.reading(new ByteArrayInputStream(stored)), changed.writing(sink()), 1000);
    assertThat(changed.proven()).isTrue();

    SameBytes flipped = new SameBytes();
    InputStream in = flipped.reading(new ByteArrayInputStream(stored));
    OutputStream out = flipped.writing(sink());
    byte[] all = in.readAllBytes();
    all[4321] ^= 1;
    out.write(all);
    assertThat(flipped.proven()).isFalse();

    SameBytes shorter = new SameBytes();
    in = shorter.reading(new ByteArrayInputStream(stored));
    shorter.writing(sink()).write(in.readAllBytes(), 0, stored.length - 1);
    assertThat(shorter.proven()).isFalse();
  }

  @Test
  void outputAheadOfTheInputOrAnInputNotReadToItsEndIsNoProof() throws Exception {
    byte[] stored = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofSeconds(1));
    SameBytes ahead = new SameBytes();
    InputStream in = ahead.reading(new ByteArrayInputStream(stored));
    byte[] first = in.readNBytes(100);
    ahead.writing(sink()).write(stored, 0, 200);
    assertThat(first).hasSize(100);
    in.readAllBytes();
    assertThat(ahead.proven()).isFalse();

    SameBytes unfinished = new SameBytes();
    in = unfinished.reading(new ByteArrayInputStream(stored));
    byte[] all = new byte[stored.length];
    assertThat(in.readNBytes(all, 0, all.length)).isEqualTo(stored.length);
    unfinished.writing(sink()).write(all);
    assertThat(unfinished.proven()).as("end of input not seen").isFalse();
  }

  @Test
  void outputLaggingFurtherThanTheWindowIsNoProof() throws Exception {
    byte[] stored = new byte[SameBytes.WINDOW * 2];
    Arrays.fill(stored, (byte) 7);
    SameBytes lagging = new SameBytes();
    InputStream in = lagging.reading(new ByteArrayInputStream(stored));
    byte[] all = in.readAllBytes();
    assertThat(in.read()).isEqualTo(-1);
    lagging.writing(sink()).write(all);
    assertThat(lagging.proven()).isFalse();
  }

  private boolean converted(byte[] stored) throws Exception {
    SameBytes same = new SameBytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    converter.convert(same.reading(new ByteArrayInputStream(stored)), same.writing(out));
    assertThat(same.proven()).isEqualTo(Arrays.equals(out.toByteArray(), stored));
    return same.proven();
  }

  /** The canonical file's samples under a 16-byte fmt and a 6-byte LIST chunk: 58 bytes too. */
  private static byte[] sameSizeWithList(byte[] canonical) {
    int samples = canonical.length - 58;
    ByteBuffer wav = ByteBuffer.allocate(58 + samples).order(ByteOrder.LITTLE_ENDIAN);
    wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(50 + samples);
    wav.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    wav.putShort((short) 7).putShort((short) 1).putInt(8000).putInt(8000);
    wav.putShort((short) 1).putShort((short) 8);
    wav.put("LIST".getBytes(StandardCharsets.US_ASCII)).putInt(6);
    wav.put("INFOab".getBytes(StandardCharsets.US_ASCII));
    wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples);
    wav.put(canonical, 58, samples);
    return wav.array();
  }

  private static void copy(InputStream in, OutputStream out, int chunk) throws Exception {
    byte[] buffer = new byte[chunk];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      out.write(buffer, 0, n);
    }
  }

  private static OutputStream sink() {
    return OutputStream.nullOutputStream();
  }
}
