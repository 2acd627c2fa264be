package io.custodian.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.custodian.ingest.web.Forms.Part;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of {@link FormDataReader}: random well-formed bodies, full of delimiter
 * lookalikes, read back exactly; mutated ones are read or rejected with one of the two defined
 * exceptions, and never differently for another window size or chunking. A failure names its seed.
 */
class FormDataReaderFuzzTest {

  private static final long FIRST_SEED = 0xF0_0000L;
  private static final int ITERATIONS = 3000;
  private static final String BCHARS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'()+_,-./:=? ";

  /** What a read ends with: the parts, or the exception's type and message. */
  private record Outcome(List<Part> parts, String failure) {}

  @Test
  void bodiesAreReadExactlyOrRejectedTheSameWayHoweverTheyArrive() {
    TreeMap<String, Integer> outcomes = new TreeMap<>();
    for (int i = 0; i < ITERATIONS; i++) {
      long seed = FIRST_SEED + i;
      Random random = new Random(seed);
      String boundary = boundary(random);
      List<Part> parts = parts(random, boundary);
      byte[] wellFormed = Forms.body(boundary, parts);
      boolean mutated = random.nextBoolean();
      byte[] body = mutated ? mutate(wellFormed, boundary, random) : wellFormed;
      String type = "multipart/form-data; boundary=\"" + boundary + "\"";
      try {
        Outcome whole = read(type, body, DelimitedBuffer.SIZE, null);
        int window = 2 * (boundary.length() + 4) + random.nextInt(200);
        Outcome small = read(type, body, window, new Random(seed * 31));
        Outcome chunked = read(type, body, DelimitedBuffer.SIZE, new Random(seed * 37));
        assertThat(small).as("seed %d, window %d", seed, window).isEqualTo(whole);
        assertThat(chunked).as("seed %d, chunked", seed).isEqualTo(whole);
        if (!mutated) {
          Outcome expected =
              parts.size() <= FormDataReader.MAX_PARTS
                  ? new Outcome(parts, "")
                  : new Outcome(
                      List.of(), "MultipartTooLargeException: The body has more than 4 parts");
          assertThat(whole).as("seed %d, well-formed", seed).isEqualTo(expected);
        }
        String kind =
            whole.failure().isEmpty() ? "read" : whole.failure().replaceAll(" at \\d+$", "");
        outcomes.merge((mutated ? "mutated " : "well-formed ") + kind, 1, Integer::sum);
      } catch (Throwable t) {
        fail("seed " + seed + " (" + body.length + " bytes) threw " + t, t);
      }
    }
    System.out.printf("fuzz seeds %d..%d: %s%n", FIRST_SEED, FIRST_SEED + ITERATIONS - 1, outcomes);
    int mutatedRead =
        outcomes.getOrDefault("mutated read", 0) + outcomes.getOrDefault("well-formed read", 0);
    assertThat(mutatedRead).as("bodies read").isGreaterThan(ITERATIONS / 4);
    assertThat(outcomes.keySet().stream().filter(k -> k.startsWith("mutated Malformed")).count())
        .as("kinds of malformation seen: %s", outcomes)
        .isGreaterThanOrEqualTo(5);
  }

  private static Outcome read(String type, byte[] body, int window, Random random)
      throws IOException {
    try {
      return new Outcome(Forms.read(type, new ByteArrayInputStream(body), window, random), "");
    } catch (MalformedMultipartException | MultipartTooLargeException e) {
      return new Outcome(List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static String boundary(Random random) {
    int length = random.nextInt(4) == 0 ? 70 : 1 + random.nextInt(70);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(BCHARS.charAt(random.nextInt(BCHARS.length() - (i == length - 1 ? 1 : 0))));
    }
    return b.toString();
  }

  private static List<Part> parts(Random random, String boundary) {
    List<Part> parts = new ArrayList<>();
    int count = random.nextInt(10) == 0 ? 5 : random.nextInt(5);
    byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
    while (parts.size() < count) {
      byte[] content = content(random, delimiter);
      if (indexOf(content, delimiter) < 0) {
        parts.add(new Part("p" + parts.size(), content));
      }
    }
    return parts;
  }

  /** Random bytes sprinkled with CR, LF, dashes and prefixes of the delimiter. */
  private static byte[] content(Random random, byte[] delimiter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int pieces = random.nextInt(12);
    for (int i = 0; i < pieces; i++) {
      switch (random.nextInt(5)) {
        case 0 -> {
          byte[] noise = new byte[random.nextInt(random.nextBoolean() ? 40 : 5000)];
          random.nextBytes(noise);
          out.writeBytes(noise);
        }
        case 1 -> out.write(random.nextBoolean() ? '\r' : '\n');
        case 2 -> out.writeBytes(Arrays.copyOf(delimiter, random.nextInt(delimiter.length)));
        case 3 -> out.writeBytes("\r\n-".getBytes(StandardCharsets.US_ASCII));
        default -> out.writeBytes("x".repeat(random.nextInt(300)).getBytes(StandardCharsets.UTF_8));
      }
    }
    return out.toByteArray();
  }

  private static byte[] mutate(byte[] body, String boundary, Random random) {
    byte[] out = body;
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && out.length > 0; m++) {
      int at = random.nextInt(out.length);
      out =
          switch (random.nextInt(7)) {
            case 0 -> {
              byte[] copy = out.clone();
              copy[at] = (byte) random.nextInt(256);
              yield copy;
            }
            case 1 -> Arrays.copyOf(out, at);
            case 2 -> splice(out, at, 1 + random.nextInt(20), new byte[0]);
            case 3 -> splice(out, at, 0, ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII));
            case 4 ->
                splice(out, at, 0, Arrays.copyOfRange(out, at, Math.min(out.length, at + 60)));
            case 5 -> replaceFirst(out, at, "\r\n", "\n");
            default -> splice(out, at, 0, "\r\n--".getBytes(StandardCharsets.US_ASCII));
          };
    }
    return out;
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    int end = Math.min(in.length, at + remove);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(in, 0, at);
    out.writeBytes(insert);
    out.write(in, end, in.length - end);
    return out.toByteArray();
  }

  private static byte[] replaceFirst(byte[] in, int from, String what, String with) {
    byte[] target = what.getBytes(StandardCharsets.US_ASCII);
    int at = indexOf(Arrays.copyOfRange(in, from, in.length), target);
    return at < 0
        ? in
        : splice(in, from + at, target.length, with.getBytes(StandardCharsets.US_ASCII));
  }

  private static int indexOf(byte[] in, byte[] target) {
    outer:
    for (int i = 0; i + target.length <= in.length; i++) {
      for (int j = 0; j < target.length; j++) {
        if (in[i + j] != target[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
