package io.custodian.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failed authentications: a few audited one by one, the rest counted, none lost. */
class FailureWindowsTest {

  private static final Instant T = Instant.parse("2026-11-22T05:00:00Z");

  @Test
  void theFirstFewOfAWindowAreAuditedAndTheRestSummarisedWhenItEnds() {
    FailureWindows windows = new FailureWindows(3, Duration.ofMinutes(1), 100);
    List<FailureWindows.Summary> ended = new ArrayList<>();
    List<Boolean> alone = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      alone.add(windows.offer("198.51.100.7", T.plusSeconds(i), ended));
    }
    assertThat(alone).containsExactly(true, true, true, false, false, false, false, false);
    assertThat(ended).isEmpty();
    assertThat(windows.drain(T.plusSeconds(59))).as("the window is still open").isEmpty();

    assertThat(windows.drain(T.plusSeconds(60)))
        .containsExactly(new FailureWindows.Summary("198.51.100.7", T, T.plusSeconds(60), 5));
    assertThat(windows.drain(T.plusSeconds(600))).as("drained once").isEmpty();
    assertThat(windows.offer("198.51.100.7", T.plusSeconds(61), ended))
        .as("a new window audits again")
        .isTrue();
  }

  @Test
  void aFailureAfterTheWindowEndedSummarisesItRightAway() {
    FailureWindows windows = new FailureWindows(1, Duration.ofMinutes(1), 100);
    List<FailureWindows.Summary> ended = new ArrayList<>();
    windows.offer("a", T, ended);
    windows.offer("a", T.plusSeconds(1), ended);
    windows.offer("a", T.plusSeconds(2), ended);
    assertThat(windows.offer("a", T.plusSeconds(90), ended)).isTrue();
    assertThat(ended).containsExactly(new FailureWindows.Summary("a", T, T.plusSeconds(60), 2));
  }

  @Test
  void sourcesAreCountedApartAndBeyondTheBoundTogether() {
    FailureWindows windows = new FailureWindows(1, Duration.ofMinutes(1), 2);
    List<FailureWindows.Summary> ended = new ArrayList<>();
    assertThat(windows.offer("a", T, ended)).isTrue();
    assertThat(windows.offer("b", T, ended)).isTrue();
    assertThat(windows.offer("c", T, ended)).as("the first of the others").isTrue();
    assertThat(windows.offer("d", T, ended)).isFalse();
    assertThat(windows.offer("a", T, ended)).isFalse();
    assertThat(windows.drain(T.plusSeconds(60)))
        .extracting(FailureWindows.Summary::source, FailureWindows.Summary::suppressed)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("a", 1),
            org.assertj.core.groups.Tuple.tuple(FailureWindows.OTHERS, 1));
  }
}
