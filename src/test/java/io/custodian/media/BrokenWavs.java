package io.custodian.media;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * A named corpus of unacceptable WAV uploads with the {@link WavProblem} each must be rejected
 * with, shared by the media tests and the application's HTTP tests so both pin the same behaviour.
 *
 * <p>The expectations hold for any {@link WavValidator} whose {@code maxBytes} is between 4 MiB and
 * 3 GiB. Every file is small (at most a few KiB), including those that declare gigabytes.
 */
public final class BrokenWavs {

  /** Size of the {@code data} payload of the base file: 200 frames of 16-bit mono PCM at 8 kHz. */
  private static final int BASE_DATA_BYTES = 400;

  private static final int FMT_END = 36;

  private static final Map<String, Case> CASES = build();

  private BrokenWavs() {}

  /**
   * Name (e.g. {@code truncated-in-data}, {@code zero-size-fmt}, {@code declared-4GB}) to file
   * bytes.
   */
  public static Map<String, byte[]> corpus() {
    Map<String, byte[]> corpus = new LinkedHashMap<>();
    CASES.forEach((name, c) -> corpus.put(name, c.bytes().clone()));
    return Collections.unmodifiableMap(corpus);
  }

  /** Name to the problem {@link WavValidator#copy} must report for that corpus entry. */
  public static Map<String, WavProblem> expectedProblems() {
    Map<String, WavProblem> expected = new LinkedHashMap<>();
    CASES.forEach((name, c) -> expected.put(name, c.problem()));
    return Collections.unmodifiableMap(expected);
  }

  /** The problem expected for one corpus entry. */
  public static WavProblem expectedProblem(String name) {
    Case c = CASES.get(name);
    if (c == null) {
      throw new IllegalArgumentException("no corpus entry " + name);
    }
    return c.problem();
  }

  private record Case(byte[] bytes, WavProblem problem) {}

  private static Map<String, Case> build() {
    Map<String, Case> cases = new LinkedHashMap<>();
    byte[] data = pcmData(BASE_DATA_BYTES);
    byte[] valid = WavWriter.wav(AudioEncoding.PCM_S16LE, 1, 8000, data);
    byte[] fmt = WavBuilder.fmt16(1, 1, 8000, 16);
    byte[] list = ascii("INFOISFT\u0005\0\0\0test\0\0");

    // Not a WAV at all.
    cases.put("empty", new Case(new byte[0], WavProblem.EMPTY));
    byte[] garbage = new byte[512];
    new Random(20_240_601L).nextBytes(garbage);
    garbage[0] = 'G';
    cases.put("garbage", new Case(garbage, WavProblem.NOT_RIFF));
    cases.put("text", new Case(ascii("<html><body>hello</body></html>\n"), WavProblem.NOT_RIFF));
    cases.put(
        "id3-mp3",
        new Case(ascii("ID3\u0004\0\0\0\0\0\0\u00ff\u00fb\u0090\u0064"), WavProblem.NOT_RIFF));
    cases.put("single-byte-R", new Case(ascii("R"), WavProblem.TRUNCATED));
    cases.put(
        "rifx-big-endian",
        new Case(
            WavBuilder.wave()
                .riffId("RIFX")
                .fmt(AudioEncoding.PCM_S16LE, 1, 8000)
                .data(data)
                .build(),
            WavProblem.NOT_RIFF));
    cases.put(
        "riff-avi",
        new Case(WavBuilder.wave().form("AVI ").chunk("LIST", list).build(), WavProblem.NOT_WAVE));

    // Truncated at several points.
    int[] cuts = {6, 12, 16, 30, FMT_END, 40, 44, 244, valid.length - 1};
    String[] cutNames = {
      "truncated-in-riff-header",
      "truncated-after-riff-header",
      "truncated-in-fmt-header",
      "truncated-in-fmt",
      "truncated-after-fmt",
      "truncated-in-data-header",
      "truncated-before-data",
      "truncated-in-data",
      "truncated-last-byte"
    };
    for (int i = 0; i < cuts.length; i++) {
      cases.put(cutNames[i], new Case(Arrays.copyOf(valid, cuts[i]), WavProblem.TRUNCATED));
    }
    byte[] odd = Arrays.copyOf(pcmData(BASE_DATA_BYTES), 201);
    cases.put(
        "missing-pad-byte",
        new Case(
            WavBuilder.wave()
                .fmt(AudioEncoding.ULAW, 1, 8000)
                .chunk("data", odd.length, odd, false)
                .build(),
            WavProblem.TRUNCATED));

    // Inflated sizes.
    cases.put(
        "inflated-data-size",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", fmt)
                .chunk("data", BASE_DATA_BYTES + 1000, data, false)
                .build(),
            WavProblem.TRUNCATED));
    cases.put(
        "inflated-riff-and-data-size",
        new Case(
            WavBuilder.wave()
                .riffSizeDelta(1000)
                .chunk("fmt ", fmt)
                .chunk("data", BASE_DATA_BYTES + 1000, data, false)
                .build(),
            WavProblem.TRUNCATED));
    cases.put(
        "inflated-list-size",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", fmt)
                .chunk("LIST", 100_000, list, false)
                .data(data)
                .build(),
            WavProblem.TRUNCATED));
    cases.put(
        "inflated-fmt-size",
        new Case(
            WavBuilder.wave().chunk("fmt ", 0x1000, fmt, false).data(data).build(),
            WavProblem.FMT_SIZE));

    // Bad fmt chunks.
    cases.put(
        "zero-size-fmt",
        new Case(
            WavBuilder.wave().chunk("fmt ", new byte[0]).data(data).build(), WavProblem.FMT_SIZE));
    cases.put(
        "fmt-size-14",
        new Case(
            WavBuilder.wave().chunk("fmt ", Arrays.copyOf(fmt, 14)).data(data).build(),
            WavProblem.FMT_SIZE));
    cases.put(
        "fmt-size-20",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmtExtended(fmt, 20, 2)).data(data).build(),
            WavProblem.FMT_SIZE));
    cases.put(
        "fmt-18-nonzero-cbsize",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmtExtended(fmt, 18, 2)).data(data).build(),
            WavProblem.FMT_SIZE));
    cases.put(
        "extensible-in-16-byte-fmt",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmt16(Riff.FORMAT_EXTENSIBLE, 1, 8000, 16))
                .data(data)
                .build(),
            WavProblem.FMT_SIZE));
    cases.put(
        "format-mp3",
        new Case(
            WavBuilder.wave()
                .chunk(
                    "fmt ",
                    WavBuilder.fmtExtended(WavBuilder.fmt16(0x0055, 1, 8000, 1000, 1, 0), 30, 12))
                .chunk("data", new byte[417])
                .build(),
            WavProblem.UNSUPPORTED_FORMAT_TAG));
    cases.put(
        "format-float",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmt16(0x0003, 1, 8000, 32))
                .data(new byte[800])
                .build(),
            WavProblem.UNSUPPORTED_FORMAT_TAG));
    cases.put(
        "format-ima-adpcm",
        new Case(
            WavBuilder.wave()
                .chunk(
                    "fmt ",
                    WavBuilder.fmtExtended(WavBuilder.fmt16(0x0011, 1, 8000, 4055, 256, 4), 20, 2))
                .data(new byte[256])
                .build(),
            WavProblem.UNSUPPORTED_FORMAT_TAG));
    cases.put(
        "format-tag-zero",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmt16(0, 1, 8000, 16)).data(data).build(),
            WavProblem.UNSUPPORTED_FORMAT_TAG));
    cases.put(
        "extensible-float",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmtExtensible(0x0003, 1, 8000, 32, 32))
                .data(new byte[800])
                .build(),
            WavProblem.UNSUPPORTED_FORMAT_TAG));
    byte[] oddGuid = WavBuilder.fmtExtensible(1, 1, 8000, 16, 16);
    oddGuid[39] ^= 0x01;
    cases.put(
        "extensible-unknown-guid",
        new Case(
            WavBuilder.wave().chunk("fmt ", oddGuid).data(data).build(),
            WavProblem.UNSUPPORTED_FORMAT_TAG));
    cases.put(
        "pcm-24bit",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmt16(1, 1, 8000, 24))
                .data(new byte[600])
                .build(),
            WavProblem.UNSUPPORTED_BITS_PER_SAMPLE));
    cases.put(
        "pcm-8bit",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmt16(1, 1, 8000, 8)).data(data).build(),
            WavProblem.UNSUPPORTED_BITS_PER_SAMPLE));
    cases.put(
        "ulaw-16bit",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmt16(7, 1, 8000, 16)).data(data).build(),
            WavProblem.UNSUPPORTED_BITS_PER_SAMPLE));
    cases.put(
        "extensible-12-valid-bits",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmtExtensible(1, 1, 8000, 16, 12))
                .data(data)
                .build(),
            WavProblem.UNSUPPORTED_BITS_PER_SAMPLE));
    cases.put(
        "rate-44100",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmt16(1, 1, 44_100, 16)).data(data).build(),
            WavProblem.UNSUPPORTED_SAMPLE_RATE));
    cases.put(
        "rate-0",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmt16(1, 1, 0, 16)).data(data).build(),
            WavProblem.UNSUPPORTED_SAMPLE_RATE));
    cases.put(
        "channels-3",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmt16(1, 3, 8000, 16))
                .data(new byte[600])
                .build(),
            WavProblem.UNSUPPORTED_CHANNELS));
    cases.put(
        "channels-0",
        new Case(
            WavBuilder.wave().chunk("fmt ", WavBuilder.fmt16(1, 0, 8000, 16)).data(data).build(),
            WavProblem.UNSUPPORTED_CHANNELS));
    cases.put(
        "bad-block-align",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmt16(1, 1, 8000, 16_000, 4, 16))
                .data(data)
                .build(),
            WavProblem.BLOCK_ALIGN));
    cases.put(
        "bad-byte-rate",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", WavBuilder.fmt16(1, 1, 8000, 16_001, 2, 16))
                .data(data)
                .build(),
            WavProblem.BYTE_RATE));

    // Bad chunk structure.
    cases.put(
        "data-not-whole-frames",
        new Case(
            WavBuilder.wave().chunk("fmt ", fmt).data(Arrays.copyOf(data, 401)).build(),
            WavProblem.DATA_NOT_WHOLE_FRAMES));
    cases.put(
        "data-before-fmt",
        new Case(
            WavBuilder.wave().data(data).chunk("fmt ", fmt).build(), WavProblem.DATA_BEFORE_FMT));
    cases.put("no-chunks", new Case(WavBuilder.wave().build(), WavProblem.MISSING_FMT));
    cases.put(
        "missing-fmt",
        new Case(WavBuilder.wave().chunk("LIST", list).build(), WavProblem.MISSING_FMT));
    cases.put(
        "missing-data",
        new Case(
            WavBuilder.wave().chunk("fmt ", fmt).chunk("LIST", list).build(),
            WavProblem.MISSING_DATA));
    cases.put(
        "renamed-data",
        new Case(
            WavBuilder.wave().chunk("fmt ", fmt).chunk("dat\0", data).build(),
            WavProblem.MISSING_DATA));
    cases.put(
        "two-fmt",
        new Case(
            WavBuilder.wave().chunk("fmt ", fmt).chunk("fmt ", fmt).data(data).build(),
            WavProblem.DUPLICATE_FMT));
    cases.put(
        "fmt-after-data",
        new Case(
            WavBuilder.wave().chunk("fmt ", fmt).data(data).chunk("fmt ", fmt).build(),
            WavProblem.DUPLICATE_FMT));
    cases.put(
        "two-data",
        new Case(
            WavBuilder.wave().chunk("fmt ", fmt).data(data).data(data).build(),
            WavProblem.DUPLICATE_DATA));

    // RIFF size disagreeing with the actual length.
    cases.put(
        "riff-size-too-small",
        new Case(
            WavBuilder.wave().riffSizeDelta(-2).chunk("fmt ", fmt).data(data).build(),
            WavProblem.RIFF_SIZE_MISMATCH));
    cases.put(
        "riff-size-too-large",
        new Case(
            WavBuilder.wave().riffSizeDelta(2).chunk("fmt ", fmt).data(data).build(),
            WavProblem.RIFF_SIZE_MISMATCH));
    cases.put(
        "riff-size-too-large-by-a-chunk",
        new Case(
            WavBuilder.wave().riffSizeDelta(24).chunk("fmt ", fmt).data(data).build(),
            WavProblem.RIFF_SIZE_MISMATCH));
    cases.put(
        "riff-size-zero",
        new Case(
            WavBuilder.wave().riffSize(0).chunk("fmt ", fmt).data(data).build(),
            WavProblem.RIFF_SIZE_MISMATCH));
    byte[] withTail = Arrays.copyOf(valid, valid.length + 16);
    Arrays.fill(withTail, valid.length, withTail.length, (byte) 0x5A);
    cases.put("trailing-garbage", new Case(withTail, WavProblem.RIFF_SIZE_MISMATCH));
    cases.put("two-riff-files", new Case(concat(valid, valid), WavProblem.RIFF_SIZE_MISMATCH));

    // Huge declared sizes with only a few bytes behind them: must fail before reading or
    // allocating.
    byte[] someData = Arrays.copyOf(data, 64);
    cases.put(
        "declared-4GB",
        new Case(
            WavBuilder.wave()
                .riffSize(0xFFFF_FF24L)
                .chunk("fmt ", fmt)
                .chunk("data", 0xFFFF_FF00L, someData, false)
                .build(),
            WavProblem.TOO_LARGE));
    cases.put(
        "declared-3.75GB-data",
        new Case(
            WavBuilder.wave()
                .riffSize(FMT_END + 8 + 64 - 8)
                .chunk("fmt ", fmt)
                .chunk("data", 0xF000_0000L, someData, false)
                .build(),
            WavProblem.TOO_LARGE));
    cases.put(
        "declared-unknown-length-data",
        new Case(
            WavBuilder.wave()
                .riffSize(FMT_END + 8 + 64 - 8)
                .chunk("fmt ", fmt)
                .chunk("data", 0xFFFF_FFFFL, someData, false)
                .build(),
            WavProblem.CHUNK_SIZE_OVERFLOW));
    cases.put(
        "declared-unknown-length-riff-and-data",
        new Case(
            WavBuilder.wave()
                .riffSize(0xFFFF_FFFFL)
                .chunk("fmt ", fmt)
                .chunk("data", 0xFFFF_FFFFL, someData, false)
                .build(),
            WavProblem.CHUNK_SIZE_OVERFLOW));
    cases.put(
        "chunk-size-overflows-32-bits",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", fmt)
                .chunk("LIST", 0xFFFF_FFF8L, list, false)
                .data(data)
                .build(),
            WavProblem.CHUNK_SIZE_OVERFLOW));
    cases.put(
        "odd-chunk-size-pad-overflows-32-bits",
        new Case(
            WavBuilder.wave().chunk("JUNK", 0xFFFF_FFF3L, list, false).build(),
            WavProblem.CHUNK_SIZE_OVERFLOW));
    cases.put(
        "declared-2MiB-list-before-data",
        new Case(
            WavBuilder.wave()
                .chunk("fmt ", fmt)
                .chunk("LIST", 2L << 20, list, false)
                .data(data)
                .build(),
            WavProblem.HEADER_TOO_LARGE));
    return Collections.unmodifiableMap(cases);
  }

  /** Deterministic 16-bit PCM tone bytes (little-endian, mono, 8 kHz). */
  private static byte[] pcmData(int bytes) {
    return TestAudio.samples(AudioEncoding.PCM_S16LE, 1, 8000, bytes / 2);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] both = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, both, first.length, second.length);
    return both;
  }
}
