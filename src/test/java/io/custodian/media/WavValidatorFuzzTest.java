package io.custodian.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing: whatever the bytes, {@link WavValidator#copy} either accepts and copies
 * them exactly, or rejects them with {@link InvalidWavException}; nothing else may escape. A
 * failure names its seed, and {@link #mutate} with that seed reproduces the input.
 */
class WavValidatorFuzzTest {

  private static final long FIRST_SEED = 0x5EED_0000L;
  private static final int ITERATIONS = 2000;
  private static final long MAX_BYTES = 4L << 20;
  private static final long[] INTERESTING_SIZES = {
    0,
    1,
    2,
    3,
    4,
    15,
    16,
    17,
    18,
    40,
    0x7FFF_FFFFL,
    0x8000_0000L,
    0xFFFF_FFF0L,
    0xFFFF_FFFEL,
    0xFFFF_FFFFL
  };

  private final WavValidator validator = new WavValidator(MAX_BYTES);

  @Test
  void mutatedWavsAreEitherCopiedExactlyOrRejected() {
    List<byte[]> seeds = seedFiles();
    Map<WavProblem, Integer> outcomes = new EnumMap<>(WavProblem.class);
    int accepted = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      long seed = FIRST_SEED + i;
      Random random = new Random(seed);
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        WavFormat format = validator.copy(new ByteArrayInputStream(input), out);
        assertThat(out.toByteArray())
            .as("seed %d: accepted input copied exactly", seed)
            .isEqualTo(input);
        assertThat(format.dataBytes()).as("seed %d", seed).isLessThan(input.length);
        accepted++;
      } catch (InvalidWavException e) {
        outcomes.merge(e.problem(), 1, Integer::sum);
        byte[] copied = out.toByteArray();
        assertThat(copied)
            .as("seed %d: output is a prefix of the input", seed)
            .isEqualTo(Arrays.copyOf(input, Math.min(copied.length, input.length)));
      } catch (Throwable t) {
        fail("seed " + seed + " (" + input.length + " bytes) threw " + t, t);
      }
    }
    System.out.printf(
        "fuzz seeds %d..%d: %d accepted, rejected %s%n",
        FIRST_SEED, FIRST_SEED + ITERATIONS - 1, accepted, outcomes);
    // The mutations must exercise both verdicts and many reasons, or the fuzzer proves little.
    assertThat(accepted).as("accepted").isBetween(50, ITERATIONS - 500);
    assertThat(outcomes.keySet()).as("problems seen: %s", outcomes).hasSizeGreaterThanOrEqualTo(10);
  }

  private static List<byte[]> seedFiles() {
    byte[] list = "INFOICMT\u0007\0\0\0fuzzed\0".getBytes(StandardCharsets.ISO_8859_1);
    return List.of(
        TestAudio.tone(AudioEncoding.ULAW, 1, 8000, Duration.ofMillis(40)),
        TestAudio.tone(AudioEncoding.ALAW, 2, 8000, Duration.ofMillis(20)),
        TestAudio.tone(AudioEncoding.PCM_S16LE, 2, 16_000, Duration.ofMillis(10)),
        WavBuilder.wave()
            .chunk("LIST", list)
            .chunk("fmt ", WavBuilder.fmtExtensible(1, 1, 16_000, 16, 16))
            .data(TestAudio.samples(AudioEncoding.PCM_S16LE, 1, 16_000, 160))
            .chunk("LIST", list)
            .build());
  }

  /**
   * One to four random mutations, biased towards the header where the parsing decisions are made.
   */
  static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    int count = 1 + random.nextInt(4);
    for (int m = 0; m < count; m++) {
      int position =
          bytes.length == 0
              ? 0
              : random.nextBoolean()
                  ? random.nextInt(Math.min(bytes.length, 80))
                  : random.nextInt(bytes.length);
      switch (random.nextInt(7)) {
        case 0 -> {
          if (bytes.length > 0) {
            bytes[position] ^= (byte) (1 << random.nextInt(8));
          }
        }
        case 1 -> {
          if (bytes.length > 0) {
            bytes[position] = (byte) random.nextInt(256);
          }
        }
        case 2 -> {
          byte[] inserted = new byte[1 + random.nextInt(8)];
          random.nextBytes(inserted);
          bytes = splice(bytes, position, 0, inserted);
        }
        case 3 ->
            bytes =
                splice(
                    bytes,
                    position,
                    Math.min(1 + random.nextInt(8), bytes.length - position),
                    new byte[0]);
        case 4 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
        case 5 -> {
          // Overwrite a plausible size field (offsets of RIFF, fmt and following chunk sizes).
          int[] sizeOffsets = {4, 16, 40, 44, 56, 62};
          int offset = sizeOffsets[random.nextInt(sizeOffsets.length)];
          if (offset + 4 <= bytes.length) {
            long size = INTERESTING_SIZES[random.nextInt(INTERESTING_SIZES.length)];
            LittleEndian.putU32(bytes, offset, random.nextBoolean() ? size : size + bytes.length);
          }
        }
        default -> {
          // Duplicate a slice, e.g. repeating a chunk.
          int length = Math.min(1 + random.nextInt(48), bytes.length - position);
          bytes =
              splice(bytes, position, 0, Arrays.copyOfRange(bytes, position, position + length));
        }
      }
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int position, int removed, byte[] inserted) {
    byte[] result = new byte[bytes.length - removed + inserted.length];
    System.arraycopy(bytes, 0, result, 0, position);
    System.arraycopy(inserted, 0, result, position, inserted.length);
    System.arraycopy(
        bytes,
        position + removed,
        result,
        position + inserted.length,
        bytes.length - position - removed);
    return result;
  }
}
