package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class UlawConverterTest {

  /** 10001 frames at 8 kHz, 20002 at 16 kHz: an odd u-law payload for mono, so a pad byte. */
  private static final Duration LENGTH = Duration.ofNanos(1_250_125_000);

  private static final int HEADER = 58;
  private static final double AMPLITUDE = 10_000;

  private static final WavValidator VALIDATOR = new WavValidator(Riff.MAX_RIFF_END);

  static Stream<Arguments> variants() {
    Stream.Builder<Arguments> variants = Stream.builder();
    for (AudioEncoding encoding : AudioEncoding.values()) {
      for (int rate : new int[] {8000, 16_000}) {
        for (int channels = 1; channels <= 2; channels++) {
          for (ChannelMode mode : ChannelMode.values()) {
            variants.add(Arguments.of(encoding, rate, channels, mode));
          }
        }
      }
    }
    return variants.build();
  }

  @ParameterizedTest(name = "{0} {1} Hz x{2} {3}")
  @MethodSource("variants")
  void everyAcceptedVariantBecomesValidUlaw8k(
      AudioEncoding encoding, int rate, int channels, ChannelMode mode) throws Exception {
    byte[] input = TestAudio.tone(encoding, channels, rate, LENGTH);
    WavFormat in = validate(input);
    UlawConverter converter = new UlawConverter(mode);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    WavFormat returned = converter.convert(new ByteArrayInputStream(input), out);

    byte[] output = out.toByteArray();
    WavFormat written = validate(output);
    assertThat(returned).isEqualTo(written);
    assertThat(written.encoding()).isEqualTo(AudioEncoding.ULAW);
    assertThat(written.sampleRate()).isEqualTo(8000);
    assertThat(written.channels()).isEqualTo(mode == ChannelMode.KEEP ? channels : 1);
    assertThat(written.duration())
        .isBetween(in.duration().minusNanos(125_000), in.duration().plusNanos(125_000));
    assertThat(written.frames()).isEqualTo(rate == 8000 ? in.frames() : in.frames() / 2);
    assertThat((long) output.length).isEqualTo(converter.outputSize(in));
    assertThat(Arrays.copyOf(output, HEADER))
        .as("the header, known before converting")
        .isEqualTo(converter.outputHeader(in));
    assertCanonical(output, written);
    if (converter.copiesSamples(in)) {
      assertThat(Arrays.copyOfRange(output, HEADER, HEADER + (int) in.dataBytes()))
          .as("the samples, unchanged")
          .isEqualTo(dataOf(input, in));
    }
  }

  @Test
  void convertedFilesHaveAnEighteenByteUlawFmtAndAFactWithTheFrameCount() throws Exception {
    byte[] input = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16_000, LENGTH);

    byte[] output = convert(input, ChannelMode.KEEP);

    assertThat(ascii(output, 0)).isEqualTo("RIFF");
    assertThat(LittleEndian.u32(output, 4)).isEqualTo(output.length - 8);
    assertThat(ascii(output, 8)).isEqualTo("WAVE");
    assertThat(ascii(output, 12)).isEqualTo("fmt ");
    assertThat(LittleEndian.u32(output, 16)).as("fmt size").isEqualTo(18);
    assertThat(LittleEndian.u16(output, 20)).as("format tag").isEqualTo(7);
    assertThat(LittleEndian.u16(output, 22)).as("channels").isEqualTo(2);
    assertThat(LittleEndian.u32(output, 24)).as("sample rate").isEqualTo(8000);
    assertThat(LittleEndian.u32(output, 28)).as("byte rate").isEqualTo(16_000);
    assertThat(LittleEndian.u16(output, 32)).as("block align").isEqualTo(2);
    assertThat(LittleEndian.u16(output, 34)).as("bits").isEqualTo(8);
    assertThat(LittleEndian.u16(output, 36)).as("cbSize").isZero();
    assertThat(ascii(output, 38)).isEqualTo("fact");
    assertThat(LittleEndian.u32(output, 42)).isEqualTo(4);
    assertThat(LittleEndian.u32(output, 46)).as("frames").isEqualTo(10_001);
    assertThat(ascii(output, 50)).isEqualTo("data");
    assertThat(LittleEndian.u32(output, 54)).isEqualTo(20_002);
    assertThat(output).hasSize(HEADER + 20_002);
  }

  @ParameterizedTest
  @EnumSource(ChannelMode.class)
  void eightKilohertzSamplesAreEncodedOneForOne(ChannelMode mode) throws Exception {
    int frames = 4001;
    byte[] pcm = TestAudio.samples(AudioEncoding.PCM_S16LE, 1, 8000, frames);
    byte[] alaw = TestAudio.samples(AudioEncoding.ALAW, 1, 8000, frames);
    byte[] ulawStereo = TestAudio.samples(AudioEncoding.ULAW, 2, 8000, frames);

    byte[] fromPcm = data(convert(WavWriter.wav(AudioEncoding.PCM_S16LE, 1, 8000, pcm), mode));
    byte[] fromAlaw = data(convert(WavWriter.wav(AudioEncoding.ALAW, 1, 8000, alaw), mode));
    byte[] mixed =
        data(convert(WavWriter.wav(AudioEncoding.ULAW, 2, 8000, ulawStereo), ChannelMode.MIX));

    for (int i = 0; i < frames; i++) {
      short linear = (short) ((pcm[2 * i] & 0xFF) | pcm[2 * i + 1] << 8);
      assertThat(fromPcm[i]).isEqualTo(G711.linearToUlaw(linear));
      assertThat(fromAlaw[i]).isEqualTo(G711.linearToUlaw(G711.alawToLinear(alaw[i])));
      int left = G711.ulawToLinear(ulawStereo[2 * i]);
      int right = G711.ulawToLinear(ulawStereo[2 * i + 1]);
      assertThat(mixed[i])
          .isEqualTo(G711.linearToUlaw((short) SampleConverter.average(left, right)));
    }
  }

  @Test
  void mixingAveragesRoundingHalfAwayFromZeroWithinSixteenBits() {
    assertThat(SampleConverter.average(3, 4)).isEqualTo(4);
    assertThat(SampleConverter.average(-3, -4)).isEqualTo(-4);
    assertThat(SampleConverter.average(-3, 4)).isEqualTo(1);
    assertThat(SampleConverter.average(3, -4)).isEqualTo(-1);
    assertThat(SampleConverter.average(32_767, 32_767)).isEqualTo(32_767);
    assertThat(SampleConverter.average(-32_768, -32_768)).isEqualTo(-32_768);
    assertThat(SampleConverter.average(-32_768, -32_767)).isEqualTo(-32_768);
  }

  @ParameterizedTest
  @MethodSource("passThroughLayouts")
  void ulaw8kKeepsItsSamplesUnderACanonicalHeaderWithFact(int channels, ChannelMode mode)
      throws Exception {
    byte[] input = ulawWithMetadata(channels);
    WavFormat in = validate(input);
    UlawConverter converter = new UlawConverter(mode);
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    WavFormat returned = converter.convert(new ByteArrayInputStream(input), out);

    byte[] output = out.toByteArray();
    assertThat(converter.copiesSamples(in)).isTrue();
    assertThat(returned).isEqualTo(in);
    assertCanonical(output, validate(output));
    assertThat(new String(output, StandardCharsets.ISO_8859_1)).doesNotContain("LIST", "JUNK");
    assertThat(Arrays.copyOfRange(output, HEADER, HEADER + (int) in.dataBytes()))
        .isEqualTo(dataOf(input, in));
    assertThat((long) output.length).isEqualTo(converter.outputSize(in));
  }

  @Test
  void aCanonicalUlawFileComesOutByteForByte() throws Exception {
    byte[] samples = new byte[8001];
    new java.util.Random(11).nextBytes(samples);
    byte[] input = concat(WavWriter.header(AudioEncoding.ULAW, 1, 8000, samples.length), samples);
    input = concat(input, new byte[] {0}); // the pad byte of an odd data chunk

    assertThat(convert(input, ChannelMode.KEEP)).isEqualTo(input);
  }

  private static byte[] dataOf(byte[] wav, WavFormat format) {
    String text = new String(wav, StandardCharsets.ISO_8859_1);
    int data = text.indexOf("data", text.indexOf("fmt ")) + 8;
    return Arrays.copyOfRange(wav, data, data + (int) format.dataBytes());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  static Stream<Arguments> passThroughLayouts() {
    return Stream.of(
        Arguments.of(1, ChannelMode.KEEP),
        Arguments.of(1, ChannelMode.MIX),
        Arguments.of(2, ChannelMode.KEEP));
  }

  @Test
  void convertedOutputDropsMetadataChunks() throws Exception {
    byte[] input = ulawWithMetadata(2);
    WavFormat in = validate(input);
    UlawConverter mixer = new UlawConverter(ChannelMode.MIX);

    byte[] output = convert(input, ChannelMode.MIX);

    assertThat(mixer.copiesSamples(in)).isFalse();
    assertThat(new String(output, StandardCharsets.ISO_8859_1)).doesNotContain("LIST", "JUNK");
    assertCanonical(output, validate(output));
    assertThat((long) output.length).isEqualTo(mixer.outputSize(in));
  }

  @Test
  void aOneKilohertzToneSurvivesDecimationInPhaseAndAtFullLevel() throws Exception {
    byte[] input = tones(16_000, 16_000, new double[] {1000});

    double[] output = decode(convert(input, ChannelMode.KEEP), 0);

    assertThat(output).hasSize(8000);
    double[] ideal = new double[output.length];
    for (int j = 0; j < ideal.length; j++) {
      ideal[j] = AMPLITUDE * StrictMath.sin(2 * Math.PI * 1000 * j / 8000.0);
    }
    double[] middle = Arrays.copyOfRange(output, 32, output.length - 32);
    assertThat(correlation(middle, Arrays.copyOfRange(ideal, 32, ideal.length - 32)))
        .as("correlation with the ideal 8 kHz sine, no delay")
        .isGreaterThan(0.999);
    assertThat(db(amplitude(output, 1000, 8000) / AMPLITUDE)).isBetween(-0.5, 0.5);
    assertThat(power(output, 1000, 8000)).as("share of energy at 1 kHz").isGreaterThan(0.99);
  }

  @Test
  void aSixKilohertzToneDoesNotAliasToTwoKilohertz() throws Exception {
    byte[] input = tones(16_000, 16_000, new double[] {6000});

    double[] output = decode(convert(input, ChannelMode.KEEP), 0);

    double inputRms = AMPLITUDE / Math.sqrt(2);
    assertThat(db(rms(output) / inputRms)).as("overall level, dB").isLessThan(-30);
    assertThat(db(amplitude(output, 2000, 8000) / AMPLITUDE))
        .as("alias at 2 kHz, dB")
        .isLessThan(-30);
  }

  @ParameterizedTest
  @ValueSource(ints = {8000, 16_000})
  void mixContainsBothPartiesAndKeepKeepsThemApart(int rate) throws Exception {
    byte[] input = tones(rate, rate, new double[] {500, 1301});

    double[] mixed = decode(convert(input, ChannelMode.MIX), 0);
    byte[] kept = convert(input, ChannelMode.KEEP);
    double[] left = decode(kept, 0);
    double[] right = decode(kept, 1);

    assertThat(db(amplitude(mixed, 500, 8000) / (AMPLITUDE / 2))).isBetween(-0.5, 0.5);
    assertThat(db(amplitude(mixed, 1301, 8000) / (AMPLITUDE / 2))).isBetween(-0.5, 0.5);
    assertThat(db(amplitude(left, 500, 8000) / AMPLITUDE)).isBetween(-0.5, 0.5);
    assertThat(db(amplitude(right, 1301, 8000) / AMPLITUDE)).isBetween(-0.5, 0.5);
    assertThat(db(amplitude(left, 1301, 8000) / AMPLITUDE))
        .as("right party on the left")
        .isLessThan(-40);
    assertThat(db(amplitude(right, 500, 8000) / AMPLITUDE))
        .as("left party on the right")
        .isLessThan(-40);
  }

  @ParameterizedTest(name = "{0} {1} Hz x{2} {3}")
  @MethodSource("variants")
  void outputDoesNotDependOnHowTheInputIsChunked(
      AudioEncoding encoding, int rate, int channels, ChannelMode mode) throws Exception {
    byte[] input = TestAudio.tone(encoding, channels, rate, LENGTH);
    byte[] whole = convert(input, mode);
    Random random = new Random(31L * rate + channels + encoding.ordinal());

    for (int maxRead : new int[] {1, 3, 7, 1000, 70_000}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new UlawConverter(mode).convert(new ChoppyStream(input, random, maxRead), out);
      assertThat(out.toByteArray()).as("reads of 1..%d bytes", maxRead).isEqualTo(whole);
    }
  }

  @Test
  void outputBitsArePinned() throws Exception {
    byte[] input = TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16_000, LENGTH);

    String kept = sha256(convert(input, ChannelMode.KEEP));
    String mixed = sha256(convert(input, ChannelMode.MIX));

    // A change here changes every converted recording: make it deliberately.
    assertThat(kept).isEqualTo("a226f9454b06e5984a9b828bacd78c7f5c79f0971ce04f380e471e6afbd7f42f");
    assertThat(mixed).isEqualTo("193cc8fe01cd2ae73dbf942e9c788fcb5925bbe9e6090157987cc363023add7a");
  }

  @Test
  void emptyAudioConvertsToAnEmptyCanonicalFile() throws Exception {
    byte[] input = WavWriter.wav(AudioEncoding.PCM_S16LE, 2, 16_000, new byte[0]);

    byte[] output = convert(input, ChannelMode.KEEP);

    assertThat(output).isEqualTo(WavWriter.header(AudioEncoding.ULAW, 2, 8000, 0));
    assertThat(new UlawConverter(ChannelMode.KEEP).outputSize(validate(input))).isEqualTo(HEADER);
  }

  @Test
  void aSingleSixteenKilohertzFrameGivesNoOutputFrame() throws Exception {
    byte[] input = WavWriter.wav(AudioEncoding.PCM_S16LE, 1, 16_000, new byte[] {1, 2});

    assertThat(convert(input, ChannelMode.KEEP))
        .isEqualTo(WavWriter.header(AudioEncoding.ULAW, 1, 8000, 0));
  }

  @Test
  void twoHoursOfStereo16kStreamInBoundedMemory() throws Exception {
    long seconds = 2 * 3600;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    UlawConverter converter = new UlawConverter(ChannelMode.KEEP);
    converter.convert(new SyntheticWav(2), new PeriodCheckingOutput(2)); // warm-up
    SyntheticWav in = new SyntheticWav(seconds);
    PeriodCheckingOutput out = new PeriodCheckingOutput(seconds);

    long before = threads.getCurrentThreadAllocatedBytes();
    WavFormat format = converter.convert(in, out);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    long inputFrames = seconds * 16_000;
    assertThat(in.size()).isGreaterThan(460_000_000L);
    assertThat(format)
        .isEqualTo(new WavFormat(AudioEncoding.ULAW, 2, 8000, 8, 2, inputFrames / 2 * 2));
    assertThat(out.count)
        .isEqualTo(converter.outputSize(in.format()))
        .isEqualTo(HEADER + seconds * 16_000);
    assertThat(out.header)
        .isEqualTo(WavWriter.header(AudioEncoding.ULAW, 2, 8000, seconds * 16_000));
    assertThat(out.mismatchedSeconds).as("seconds differing from the second one").isZero();
    assertThat(allocated).as("bytes allocated while converting").isLessThan(4L << 20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("brokenNames")
  void malformedInputIsRejectedAsTheValidatorRejectsIt(String name) throws Exception {
    byte[] input = BrokenWavs.corpus().get(name);
    WavProblem expected = validatorProblem(input);

    for (ChannelMode mode : ChannelMode.values()) {
      Throwable thrown =
          catchThrowable(
              () ->
                  new UlawConverter(mode)
                      .convert(new ByteArrayInputStream(input), new ByteArrayOutputStream()));
      assertThat(thrown).isInstanceOf(InvalidWavException.class);
      assertThat(((InvalidWavException) thrown).problem()).isEqualTo(expected);
    }
    if (expected != WavProblem.TRUNCATED) {
      assertThat(expected).isEqualTo(BrokenWavs.expectedProblem(name));
    }
  }

  static Stream<String> brokenNames() {
    return BrokenWavs.corpus().keySet().stream();
  }

  @ParameterizedTest(name = "{0} {1} Hz x{2} {3}")
  @MethodSource("variants")
  void damageFoundOnlyInTheAudioOrAfterItStillFails(
      AudioEncoding encoding, int rate, int channels, ChannelMode mode) throws Exception {
    byte[] valid = TestAudio.tone(encoding, channels, rate, Duration.ofMillis(100));
    byte[] truncated = Arrays.copyOf(valid, valid.length - 3);
    byte[] trailing = Arrays.copyOf(valid, valid.length + 8);

    assertProblem(truncated, mode, WavProblem.TRUNCATED);
    assertProblem(trailing, mode, WavProblem.RIFF_SIZE_MISMATCH);
  }

  @Test
  void randomlyDamagedFilesConvertExactlyWhenTheValidatorAcceptsThem() throws Exception {
    Random random = new Random(20_240_611L);
    byte[][] seeds = {
      ulawWithMetadata(2),
      TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16_000, Duration.ofMillis(20)),
      TestAudio.tone(AudioEncoding.ALAW, 1, 16_000, Duration.ofMillis(20)),
      TestAudio.tone(AudioEncoding.ULAW, 2, 8000, Duration.ofMillis(20)),
    };
    int accepted = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] input = mutate(seeds[i % seeds.length], random);
      ChannelMode mode = ChannelMode.values()[random.nextInt(2)];
      WavProblem expected = validatorProblem(input);
      UlawConverter converter = new UlawConverter(mode);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Throwable thrown =
          catchThrowable(() -> converter.convert(new ChoppyStream(input, random, 50), out));
      if (expected == null) {
        accepted++;
        assertThat(thrown).as("case %d", i).isNull();
        WavFormat in = validate(input);
        assertThat((long) out.size()).isEqualTo(converter.outputSize(in));
        assertThat(Arrays.copyOf(out.toByteArray(), HEADER)).isEqualTo(converter.outputHeader(in));
        validate(out.toByteArray());
      } else {
        assertThat(thrown).as("case %d", i).isInstanceOf(InvalidWavException.class);
        assertThat(((InvalidWavException) thrown).problem()).isEqualTo(expected);
      }
    }
    assertThat(accepted).as("mutants still valid").isBetween(100, 2900);
  }

  @Test
  void aConversionThatWouldPassFourGibibytesIsRefused() {
    // A-law 8 kHz mono keeps its payload size but gains 14 header bytes: the largest valid input
    // does not fit once converted. Only its first audio byte is needed to find out.
    byte[] input =
        WavBuilder.wave()
            .riffSize(0xFFFF_FFFEL)
            .fmt(AudioEncoding.ALAW, 1, 8000)
            .chunk("data", 0xFFFF_FFDAL, new byte[] {0x55}, false)
            .build();

    assertProblem(input, ChannelMode.KEEP, WavProblem.TOO_LARGE);
  }

  @Test
  void sizesAndPassThroughAreKnownFromTheFormatAlone() {
    UlawConverter keep = new UlawConverter(ChannelMode.KEEP);
    UlawConverter mix = new UlawConverter(ChannelMode.MIX);
    WavFormat pcmStereo16k = new WavFormat(AudioEncoding.PCM_S16LE, 2, 16_000, 16, 4, 4 * 16_001);
    WavFormat ulawStereo8k = new WavFormat(AudioEncoding.ULAW, 2, 8000, 8, 2, 2 * 8001);

    assertThat(keep.outputSize(pcmStereo16k)).isEqualTo(HEADER + 2 * 8000);
    assertThat(mix.outputSize(pcmStereo16k)).isEqualTo(HEADER + 8000);
    assertThat(mix.outputSize(ulawStereo8k)).isEqualTo(HEADER + 8001 + 1);
    assertThat(keep.copiesSamples(ulawStereo8k)).isTrue();
    assertThat(mix.copiesSamples(ulawStereo8k)).isFalse();
    assertThat(keep.copiesSamples(pcmStereo16k)).isFalse();
    assertThat(keep.outputSize(ulawStereo8k)).isEqualTo(HEADER + 2 * 8001);
    assertThatThrownBy(
            () -> keep.outputSize(new WavFormat(AudioEncoding.PCM_S16LE, 1, 44_100, 16, 2, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> keep.outputSize(new WavFormat(AudioEncoding.ALAW, 1, 8000, 8, 1, 0xFFFF_FFF0L)))
        .as("over 4 GiB once converted")
        .isInstanceOf(IllegalArgumentException.class);
  }

  // --- helpers ---

  private static byte[] convert(byte[] input, ChannelMode mode)
      throws IOException, InvalidWavException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new UlawConverter(mode).convert(new ByteArrayInputStream(input), out);
    return out.toByteArray();
  }

  private static WavFormat validate(byte[] wav) throws IOException, InvalidWavException {
    return VALIDATOR.copy(new ByteArrayInputStream(wav), OutputStream.nullOutputStream());
  }

  private static @Nullable WavProblem validatorProblem(byte[] wav) throws IOException {
    try {
      validate(wav);
      return null;
    } catch (InvalidWavException e) {
      return e.problem();
    }
  }

  private static void assertProblem(byte[] input, ChannelMode mode, WavProblem problem) {
    assertThatThrownBy(
            () ->
                new UlawConverter(mode)
                    .convert(new ByteArrayInputStream(input), new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(
            InvalidWavException.class, e -> assertThat(e.problem()).isEqualTo(problem));
  }

  /** A converted file: the canonical WavWriter header, the payload, a pad byte if odd. */
  private static void assertCanonical(byte[] output, WavFormat format) {
    long data = format.dataBytes();
    assertThat(Arrays.copyOf(output, HEADER))
        .isEqualTo(WavWriter.header(AudioEncoding.ULAW, format.channels(), 8000, data));
    assertThat((long) output.length).isEqualTo(HEADER + data + (data & 1));
  }

  /**
   * u-law with metadata before the format, between format and audio and after the audio, a 16-byte
   * {@code fmt } without {@code fact}, and an odd payload with its pad byte.
   */
  private static byte[] ulawWithMetadata(int channels) {
    byte[] list = "INFOISFT\u0005\0\0\0test\0\0".getBytes(StandardCharsets.ISO_8859_1);
    int frames = channels == 1 ? 801 : 800;
    return WavBuilder.wave()
        .chunk("LIST", list)
        .fmt(AudioEncoding.ULAW, channels, 8000)
        .chunk("JUNK", new byte[7])
        .data(TestAudio.samples(AudioEncoding.ULAW, channels, 8000, frames))
        .chunk("LIST", list)
        .build();
  }

  /** PCM16 sines of {@link #AMPLITUDE}, one frequency per channel. */
  private static byte[] tones(int rate, int frames, double[] frequencies) {
    int channels = frequencies.length;
    byte[] data = new byte[frames * channels * 2];
    for (int n = 0, p = 0; n < frames; n++) {
      for (double frequency : frequencies) {
        long sample = Math.round(AMPLITUDE * StrictMath.sin(2 * Math.PI * frequency * n / rate));
        data[p++] = (byte) sample;
        data[p++] = (byte) (sample >> 8);
      }
    }
    return WavWriter.wav(AudioEncoding.PCM_S16LE, channels, rate, data);
  }

  private static byte[] data(byte[] converted) {
    int bytes = (int) LittleEndian.u32(converted, HEADER - 4);
    return Arrays.copyOfRange(converted, HEADER, HEADER + bytes);
  }

  /** One channel of a converted file, decoded to linear. */
  private static double[] decode(byte[] converted, int channel) {
    int channels = LittleEndian.u16(converted, 22);
    byte[] data = data(converted);
    double[] samples = new double[data.length / channels];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = G711.ulawToLinear(data[i * channels + channel]);
    }
    return samples;
  }

  /** Amplitude of the component at {@code frequency} (a whole number of cycles in the signal). */
  private static double amplitude(double[] x, double frequency, int rate) {
    double re = 0;
    double im = 0;
    for (int n = 0; n < x.length; n++) {
      double phase = 2 * Math.PI * frequency * n / rate;
      re += x[n] * Math.cos(phase);
      im += x[n] * Math.sin(phase);
    }
    return 2 * Math.hypot(re, im) / x.length;
  }

  /** Share of the signal's energy in the component at {@code frequency}. */
  private static double power(double[] x, double frequency, int rate) {
    double a = amplitude(x, frequency, rate);
    return a * a / 2 / (rms(x) * rms(x));
  }

  private static double rms(double[] x) {
    double sum = 0;
    for (double v : x) {
      sum += v * v;
    }
    return Math.sqrt(sum / x.length);
  }

  private static double correlation(double[] a, double[] b) {
    double ab = 0;
    double aa = 0;
    double bb = 0;
    for (int i = 0; i < a.length; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    return ab / Math.sqrt(aa * bb);
  }

  private static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }

  private static String ascii(byte[] bytes, int offset) {
    return new String(bytes, offset, 4, StandardCharsets.US_ASCII);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** Flips, truncates, inserts or deletes a few bytes, mostly in the headers. */
  private static byte[] mutate(byte[] seed, Random random) {
    byte[] bytes = seed.clone();
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(4) == 0 ? random.nextInt(bytes.length) : random.nextInt(64);
      at = Math.min(at, bytes.length - 1);
      switch (random.nextInt(4)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> bytes = Arrays.copyOf(bytes, at + 1);
        default -> {
          // lengthen or shorten a size field by a small amount
          int field = 4 + 4 * random.nextInt(Math.max(1, Math.min(bytes.length, 64) / 4 - 1));
          if (field + 4 <= bytes.length) {
            LittleEndian.putU32(
                bytes, field, LittleEndian.u32(bytes, field) + random.nextInt(5) - 2);
          }
        }
      }
      if (bytes.length == 0) {
        break;
      }
    }
    return bytes;
  }

  /** Serves a byte array in reads of 1..maxRead bytes, chosen at random. */
  private static final class ChoppyStream extends InputStream {
    private final byte[] bytes;
    private final Random random;
    private final int maxRead;
    private int position;

    ChoppyStream(byte[] bytes, Random random, int maxRead) {
      this.bytes = bytes;
      this.random = random;
      this.maxRead = maxRead;
    }

    @Override
    public int read() {
      return position == bytes.length ? -1 : bytes[position++] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (position == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(maxRead)), bytes.length - position);
      System.arraycopy(bytes, position, b, off, n);
      position += n;
      return n;
    }
  }

  /**
   * A PCM16 stereo 16 kHz WAV of a whole number of seconds, generated while it is read: the header,
   * then the one-second {@link TestAudio} signal over and over.
   */
  private static final class SyntheticWav extends InputStream {
    private static final byte[] SECOND =
        TestAudio.samples(AudioEncoding.PCM_S16LE, 2, 16_000, 16_000);

    private final byte[] header;
    private final long size;
    private long position;

    SyntheticWav(long seconds) {
      this.header = WavWriter.header(AudioEncoding.PCM_S16LE, 2, 16_000, SECOND.length * seconds);
      this.size = header.length + SECOND.length * seconds;
    }

    long size() {
      return size;
    }

    WavFormat format() {
      return new WavFormat(AudioEncoding.PCM_S16LE, 2, 16_000, 16, 4, size - header.length);
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (position == size) {
        return -1;
      }
      int n;
      if (position < header.length) {
        n = Math.min(len, header.length - (int) position);
        System.arraycopy(header, (int) position, b, off, n);
      } else {
        int inSecond = (int) ((position - header.length) % SECOND.length);
        n = Math.min(len, SECOND.length - inSecond);
        System.arraycopy(SECOND, inSecond, b, off, n);
      }
      position += n;
      return n;
    }
  }

  /**
   * Counts what is written, keeps the header, and checks that every whole second of stereo 8 kHz
   * u-law after the first and before the last equals the second one: the input repeats every
   * second, so the converted audio must too, across every internal buffer boundary.
   */
  private static final class PeriodCheckingOutput extends OutputStream {
    private static final int SECOND = 16_000;

    private final long lastSecondStart;
    private final byte[] reference = new byte[SECOND];
    private final byte[] header = new byte[HEADER];
    private long count;
    private long mismatchedSeconds;
    private long lastMismatch = -1;

    PeriodCheckingOutput(long seconds) {
      this.lastSecondStart = (seconds - 1) * SECOND;
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = 0; i < len; ) {
        long position = count + i;
        if (position < HEADER) {
          header[(int) position] = b[off + i];
          i++;
          continue;
        }
        long data = position - HEADER;
        int inSecond = (int) (data % SECOND);
        int n = Math.min(len - i, SECOND - inSecond);
        long second = data / SECOND;
        if (second == 1) {
          System.arraycopy(b, off + i, reference, inSecond, n);
        } else if (second > 1 && data < lastSecondStart && second != lastMismatch) {
          if (Arrays.mismatch(b, off + i, off + i + n, reference, inSecond, inSecond + n) >= 0) {
            mismatchedSeconds++;
            lastMismatch = second;
          }
        }
        i += n;
      }
      count += len;
    }
  }
}
