package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WavValidatorTest {

  private static final long MAX_BYTES = 16L << 20;

  private final WavValidator validator = new WavValidator(MAX_BYTES);

  static Stream<Arguments> canonicalVariants() {
    Stream.Builder<Arguments> variants = Stream.builder();
    for (AudioEncoding encoding : AudioEncoding.values()) {
      for (int rate : new int[] {8000, 16_000}) {
        for (int channels = 1; channels <= 2; channels++) {
          variants.add(Arguments.of(encoding, rate, channels));
        }
      }
    }
    return variants.build();
  }

  @ParameterizedTest(name = "{0} {1} Hz x{2}")
  @MethodSource("canonicalVariants")
  void acceptsEveryCanonicalVariant(AudioEncoding encoding, int rate, int channels)
      throws Exception {
    byte[] wav = TestAudio.tone(encoding, channels, rate, Duration.ofMillis(1250));

    WavFormat format = copyAccepted(wav);

    int bytesPerSample = encoding.bitsPerSample() / 8;
    assertThat(format)
        .isEqualTo(
            new WavFormat(
                encoding,
                channels,
                rate,
                encoding.bitsPerSample(),
                channels * bytesPerSample,
                rate * 5L / 4 * channels * bytesPerSample));
    assertThat(format.frames()).isEqualTo(rate * 5L / 4);
    assertThat(format.duration()).isEqualTo(Duration.ofMillis(1250));
  }

  @ParameterizedTest
  @EnumSource(AudioEncoding.class)
  void acceptsWaveFormatExtensible(AudioEncoding encoding) throws Exception {
    int bits = encoding.bitsPerSample();
    byte[] data = TestAudio.samples(encoding, 2, 16_000, 1600);
    byte[] wav =
        WavBuilder.wave()
            .chunk("fmt ", WavBuilder.fmtExtensible(encoding.formatTag(), 2, 16_000, bits, bits))
            .data(data)
            .build();

    WavFormat format = copyAccepted(wav);

    assertThat(format.encoding()).isEqualTo(encoding);
    assertThat(format.channels()).isEqualTo(2);
    assertThat(format.sampleRate()).isEqualTo(16_000);
    assertThat(format.dataBytes()).isEqualTo(data.length);
    assertThat(format.duration()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void acceptsOddSizedChunksWithPadBytesBeforeAndAfterData() throws Exception {
    byte[] oddList = "INFOINAM\u0005\0\0\0call\0".getBytes(StandardCharsets.ISO_8859_1);
    byte[] data = TestAudio.samples(AudioEncoding.ULAW, 1, 8000, 8001);
    byte[] wav =
        WavBuilder.wave()
            .chunk("LIST", oddList)
            .fmt(AudioEncoding.ULAW, 1, 8000)
            .chunk("fact", WavBuilder.u32(8001))
            .chunk("JUNK", new byte[7])
            .data(data)
            .chunk("LIST", oddList)
            .chunk("cue ", new byte[] {1})
            .build();
    assertThat(oddList.length % 2).isOne();
    assertThat(wav.length % 2).isZero();

    WavFormat format = copyAccepted(wav);

    assertThat(format.dataBytes()).isEqualTo(8001);
    assertThat(format.duration()).isEqualTo(Duration.ofNanos(1_000_125_000L));
  }

  @Test
  void acceptsEighteenByteFmtAndEmptyData() throws Exception {
    byte[] fmt = WavBuilder.fmtExtended(WavBuilder.fmt16(1, 1, 16_000, 16), 18, 0);
    WavFormat format = copyAccepted(WavBuilder.wave().chunk("fmt ", fmt).data(new byte[0]).build());

    assertThat(format.encoding()).isEqualTo(AudioEncoding.PCM_S16LE);
    assertThat(format.frames()).isZero();
    assertThat(format.duration()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpusNames")
  void rejectsBrokenWav(String name) throws IOException {
    byte[] broken = BrokenWavs.corpus().get(name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    InvalidWavException e =
        catchThrowableOfType(
            InvalidWavException.class, () -> validator.copy(new ByteArrayInputStream(broken), out));

    assertThat(e).as(name).isNotNull();
    assertThat(e.problem()).as(e.getMessage()).isEqualTo(BrokenWavs.expectedProblem(name));
    assertThat(e.getMessage()).startsWith(e.problem().name());
    byte[] copied = out.toByteArray();
    assertThat(copied)
        .as("output is a prefix of the input")
        .isEqualTo(Arrays.copyOf(broken, Math.min(copied.length, broken.length)));
  }

  static Stream<String> corpusNames() {
    return BrokenWavs.corpus().keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hugeDeclarations")
  void hugeDeclaredSizesFailFastWithoutReadingOnOrAllocating(String name) {
    byte[] head = BrokenWavs.corpus().get(name);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemoryEnabled()).isTrue();
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          rejectWithEndlessTail(head); // warm-up: class loading and first-use allocations
          EndlessStream in = new EndlessStream(head);
          long before = threads.getCurrentThreadAllocatedBytes();
          WavProblem problem = rejectWithEndlessTail(in);
          long allocated = threads.getCurrentThreadAllocatedBytes() - before;

          assertThat(problem).isEqualTo(BrokenWavs.expectedProblem(name));
          assertThat(in.consumed()).as("bytes read").isLessThanOrEqualTo(head.length);
          // The one 64 KiB transfer buffer is allocated (which shows the measurement works),
          // nothing large.
          assertThat(allocated)
              .as("bytes allocated")
              .isBetween((long) CopyingReader.BUFFER_SIZE, 256L * 1024);
        });
  }

  static Stream<String> hugeDeclarations() {
    return Stream.of(
        "declared-4GB",
        "declared-3.75GB-data",
        "declared-unknown-length-data",
        "declared-unknown-length-riff-and-data",
        "chunk-size-overflows-32-bits",
        "odd-chunk-size-pad-overflows-32-bits",
        "declared-2MiB-list-before-data",
        "inflated-fmt-size");
  }

  private WavProblem rejectWithEndlessTail(byte[] head) throws IOException {
    return rejectWithEndlessTail(new EndlessStream(head));
  }

  /**
   * Runs the validator alone (no assertion library in between) so its allocations can be measured.
   */
  private WavProblem rejectWithEndlessTail(EndlessStream in) throws IOException {
    try {
      validator.copy(in, OutputStream.nullOutputStream());
    } catch (InvalidWavException e) {
      return e.problem();
    }
    throw new AssertionError("accepted an endless stream");
  }

  @Test
  void corpusCoversEveryProblem() {
    Set<WavProblem> covered = EnumSet.noneOf(WavProblem.class);
    covered.addAll(BrokenWavs.expectedProblems().values());
    assertThat(covered).containsExactlyInAnyOrder(WavProblem.values());
  }

  @Test
  void enforcesMaxBytesOnDeclaredAndActualLength() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofMillis(100));

    WavFormat exact =
        new WavValidator(wav.length)
            .copy(new ByteArrayInputStream(wav), OutputStream.nullOutputStream());
    assertThat(exact.dataBytes()).isEqualTo(800);

    assertProblem(new WavValidator(wav.length - 1), wav, WavProblem.TOO_LARGE);
    byte[] withExtraByte = Arrays.copyOf(wav, wav.length + 1);
    assertProblem(new WavValidator(wav.length), withExtraByte, WavProblem.TOO_LARGE);
    assertProblem(new WavValidator(wav.length + 1L), withExtraByte, WavProblem.RIFF_SIZE_MISMATCH);
  }

  @Test
  void rejectsHeadersLargerThanTheCapEvenWhenPresent() throws Exception {
    byte[] wav =
        WavBuilder.wave()
            .fmt(AudioEncoding.ULAW, 1, 8000)
            .chunk("JUNK", new byte[(int) WavValidator.MAX_HEADER_BYTES])
            .data(new byte[8])
            .build();
    assertProblem(validator, wav, WavProblem.HEADER_TOO_LARGE);

    byte[] justFits =
        WavBuilder.wave()
            .fmt(AudioEncoding.ULAW, 1, 8000)
            .chunk("JUNK", new byte[(int) WavValidator.MAX_HEADER_BYTES - 52])
            .data(new byte[8])
            .build();
    assertThat(copyAccepted(justFits).dataBytes()).isEqualTo(8);
  }

  @Test
  void copiesAsItReadsThroughABoundedBufferEvenWithTricklingInput() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16_000, Duration.ofMillis(2500));
    RecordingOutput out = new RecordingOutput();
    InputStream in =
        new InputStream() {
          private final Random random = new Random(7);
          private int position;

          @Override
          public int read() {
            assertThat(out.size()).as("everything read so far was written").isEqualTo(position);
            return position == wav.length ? -1 : wav[position++] & 0xFF;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            assertThat(out.size()).as("everything read so far was written").isEqualTo(position);
            if (position == wav.length) {
              return -1;
            }
            // Mostly short reads, sometimes a zero-length one (a misbehaving stream), sometimes
            // long ones.
            int choice = random.nextInt(10);
            int n = choice == 0 ? 0 : choice < 8 ? 1 + random.nextInt(13) : len;
            n = Math.min(n, Math.min(len, wav.length - position));
            System.arraycopy(wav, position, b, off, n);
            position += n;
            return n;
          }
        };

    WavFormat format = validator.copy(in, out);

    assertThat(format.duration()).isEqualTo(Duration.ofMillis(2500));
    assertThat(out.toByteArray()).isEqualTo(wav);
    assertThat(out.largestWrite).isLessThanOrEqualTo(64 * 1024);
  }

  @Test
  void writesLargePayloadsInBufferSizedPieces() throws Exception {
    byte[] wav = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16_000, Duration.ofSeconds(3));
    RecordingOutput out = new RecordingOutput();

    validator.copy(new ByteArrayInputStream(wav), out);

    assertThat(out.toByteArray()).isEqualTo(wav);
    assertThat(out.largestWrite).isEqualTo(CopyingReader.BUFFER_SIZE);
    assertThat(out.writes).isGreaterThanOrEqualTo(wav.length / CopyingReader.BUFFER_SIZE);
  }

  @Test
  void propagatesInputAndOutputFailuresAsIoExceptions() {
    byte[] wav = TestAudio.tone(AudioEncoding.ALAW, 1, 8000, Duration.ofMillis(500));
    InputStream failingIn =
        new InputStream() {
          private final InputStream first = new ByteArrayInputStream(wav, 0, 100);

          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = first.read(b, off, len);
            if (n < 0) {
              throw new IOException("connection reset");
            }
            return n;
          }
        };
    assertThatThrownBy(() -> validator.copy(failingIn, new ByteArrayOutputStream()))
        .isInstanceOf(IOException.class)
        .hasMessage("connection reset");

    OutputStream failingOut =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("disk full");
          }
        };
    assertThatThrownBy(() -> validator.copy(new ByteArrayInputStream(wav), failingOut))
        .isInstanceOf(IOException.class)
        .hasMessage("disk full");
  }

  @Test
  void rejectsNonPositiveLimit() {
    assertThatThrownBy(() -> new WavValidator(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private WavFormat copyAccepted(byte[] wav) throws IOException, InvalidWavException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WavFormat format = validator.copy(new ByteArrayInputStream(wav), out);
    assertThat(out.toByteArray()).as("copied byte for byte").isEqualTo(wav);
    return format;
  }

  private static void assertProblem(WavValidator validator, byte[] wav, WavProblem problem)
      throws IOException {
    InvalidWavException e =
        catchThrowableOfType(
            InvalidWavException.class,
            () -> validator.copy(new ByteArrayInputStream(wav), OutputStream.nullOutputStream()));
    assertThat(e).isNotNull();
    assertThat(e.problem()).as(e.getMessage()).isEqualTo(problem);
  }

  /** The given bytes, then zeros for ever, counting what was read. */
  private static final class EndlessStream extends InputStream {
    private final byte[] head;
    private long consumed;

    EndlessStream(byte[] head) {
      this.head = head;
    }

    long consumed() {
      return consumed;
    }

    @Override
    public int read() {
      int b = consumed < head.length ? head[(int) consumed] & 0xFF : 0;
      consumed++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      for (int i = 0; i < len; i++) {
        b[off + i] = (byte) read();
      }
      return len;
    }
  }

  /** Collects the output and remembers how it was written. */
  private static final class RecordingOutput extends ByteArrayOutputStream {
    private int largestWrite;
    private int writes;

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      largestWrite = Math.max(largestWrite, len);
      writes++;
      super.write(b, off, len);
    }
  }
}
