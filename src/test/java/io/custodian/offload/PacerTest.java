package io.custodian.offload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The mail rate limit: evenly spaced sends, nothing in the way without a limit. */
class PacerTest {

  @Test
  void aRateAMinuteSpacesSendsEvenly() {
    assertThat(new Pacer(600).intervalNanos()).isEqualTo(100_000_000L);
    assertThat(new Pacer(1).intervalNanos()).isEqualTo(60_000_000_000L);
    assertThat(new Pacer(0).intervalNanos()).isZero();
  }

  @Test
  void eachSendAfterTheFirstWaitsForItsSlot() {
    Pacer pacer = new Pacer(1_200); // one send every 50 ms
    long start = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      pacer.await();
    }
    assertThat(System.nanoTime() - start)
        .as("three waits of 50 ms after the first send, at the least")
        .isGreaterThanOrEqualTo(150_000_000L);
  }
}
