package io.custodian.offload.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchNameTest {

  private static final Instant CUT = Instant.parse("2026-11-21T23:30:00.789Z");

  @Test
  void namesABatchByStreamTimeSequenceAndCutManifestHash() {
    byte[] hash = Fixtures.sha256("cut".getBytes(StandardCharsets.UTF_8));

    BatchName name = BatchName.of(BatchStream.VOICE, CUT, 42, hash);

    String expected = "voice-20261121T233000Z-000042-" + Fixtures.sha256Hex("cut").substring(0, 8);
    assertThat(name).hasToString(expected);
    assertThat(name.directory()).isEqualTo(expected);
    assertThat(name.csv()).isEqualTo(expected + ".csv");
    assertThat(name.manifest()).isEqualTo(expected + ".sha256");
    assertThat(name.marker()).isEqualTo(expected + ".done");
    assertThat(List.of(name.csv(), name.manifest(), name.marker())).allMatch(FileNames::isPlain);
    assertThat(BatchName.parse(expected)).contains(name);
    assertThat(BatchName.of(BatchStream.MESSAGES, CUT, 1_234_567, hash).toString())
        .startsWith("messages-20261121T233000Z-1234567-");
  }

  @Test
  void theSameCutGivesTheSameName() {
    UUID id = UUID.randomUUID();
    String sha = Fixtures.sha256Hex("audio");
    BatchName a = BatchName.of(BatchStream.VOICE, CUT, 7, new CutManifest().add(id, sha).sha256());
    BatchName b = BatchName.of(BatchStream.VOICE, CUT, 7, new CutManifest().add(id, sha).sha256());
    BatchName other =
        BatchName.of(
            BatchStream.VOICE, CUT, 7, new CutManifest().add(UUID.randomUUID(), sha).sha256());

    assertThat(a).isEqualTo(b).hasToString(b.toString());
    assertThat(other.hash()).isNotEqualTo(a.hash());
  }

  @Test
  void theCutManifestHashIsTheSha256OfItsDocumentedText() {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();
    String a = Fixtures.sha256Hex("a");
    String b = Fixtures.sha256Hex("b");
    CutManifest manifest = new CutManifest().add(first, a).add(second, b);

    assertThat(manifest.items()).isEqualTo(2);
    assertThat(manifest.sha256())
        .isEqualTo(
            Fixtures.sha256(
                (a + "  " + first + "\n" + b + "  " + second + "\n")
                    .getBytes(StandardCharsets.US_ASCII)));
    assertThatThrownBy(() -> manifest.add(first, a)).isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "voice-20261121T233000Z-000042-1a2b3c4",
        "voice-20261121T233000Z-000042-1A2B3C4D",
        "voice-20261121T233000Z-42-1a2b3c4d",
        "voice-20261121T233000Z-0000042-1a2b3c4d",
        "voice-20261131T233000Z-000042-1a2b3c4d",
        "voice-20261121T243000Z-000042-1a2b3c4d",
        "voice-19691231T235959Z-000042-1a2b3c4d",
        "video-20261121T233000Z-000042-1a2b3c4d",
        "VOICE-20261121T233000Z-000042-1a2b3c4d",
        "voice-20261121T233000Z-000042-1a2b3c4d.csv",
        "voice-20261121T233000-000042-1a2b3c4d",
        "../voice-20261121T233000Z-000042-1a2b3c4d",
        "voice-20261121T233000Z-000042-1a2b3c4d\n",
      })
  void parsesOnlyNamesWrittenExactlyAsThisClassWritesThem(String name) {
    assertThat(BatchName.parse(name)).isEmpty();
  }

  @Test
  void refusesFieldsOutOfRange() {
    assertThatThrownBy(() -> new BatchName(BatchStream.VOICE, CUT, 1, "1a2b3c4d"))
        .isInstanceOf(IllegalArgumentException.class);
    Instant whole = Instant.parse("2026-11-21T23:30:00Z");
    assertThatThrownBy(() -> new BatchName(BatchStream.VOICE, whole, -1, "1a2b3c4d"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchName(BatchStream.VOICE, whole, 1, "1a2b3c4"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                BatchName.of(
                    BatchStream.VOICE, Instant.parse("+10000-01-01T00:00:00Z"), 1, new byte[32]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesSortAsTextInTheOrderTheBatchesWereCut() {
    Random random = new Random(11);
    List<BatchName> cut = new ArrayList<>();
    Instant at = Instant.parse("2026-12-31T22:00:00Z");
    for (int sequence = 1; sequence <= 500; sequence++) {
      at = at.plusSeconds(random.nextInt(3) == 0 ? 0 : random.nextInt(7_200));
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      cut.add(BatchName.of(BatchStream.VOICE, at, sequence, hash));
    }
    List<BatchName> shuffled = new ArrayList<>(cut);
    java.util.Collections.shuffle(shuffled, random);

    List<String> byText = shuffled.stream().map(BatchName::toString).sorted().toList();
    assertThat(byText).isEqualTo(cut.stream().map(BatchName::toString).toList());
    assertThat(shuffled.stream().sorted().toList()).isEqualTo(cut);
    assertThat(byText)
        .allMatch(n -> BatchName.parse(n).map(BatchName::toString).orElse("").equals(n));
    assertThat(cut.stream().sorted(Comparator.comparing(BatchName::cutAt)).toList()).isEqualTo(cut);
  }
}
