package io.custodian.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The AES-GCM warm-up: runs off the caller's thread, writes nothing, stops when asked. */
class CipherWarmUpTest {

  @TempDir Path data;

  @Test
  void encryptsTheRequestedAmountAsObjectsOfOneSize() throws Exception {
    assertThat(CipherWarmUp.encrypt(10L * CipherWarmUp.OBJECT_SIZE)).isEqualTo(10);
    assertThat(CipherWarmUp.encrypt(1)).isEqualTo(1);
  }

  @Test
  void runsInTheBackgroundAndLeavesTheDataDirectoryAlone() throws Exception {
    CipherWarmUp warmUp = new CipherWarmUp(settings(DataSize.ofMegabytes(2)));

    warmUp.start();

    Thread thread = warmUp.thread();
    assertThat(thread).isNotNull();
    assertThat(thread.isDaemon()).isTrue();
    assertThat(thread.getPriority()).isEqualTo(Thread.MIN_PRIORITY);
    await().atMost(Duration.ofSeconds(60)).until(() -> !thread.isAlive());
    try (var files = Files.walk(data)) {
      assertThat(files).containsExactly(data);
    }
  }

  @Test
  void zeroTurnsItOff() {
    CipherWarmUp warmUp = new CipherWarmUp(settings(DataSize.ofBytes(0)));
    warmUp.start();
    assertThat(warmUp.thread()).isNull();
  }

  @Test
  void anInterruptedWarmUpStops() throws Exception {
    AtomicInteger objects = new AtomicInteger(-1);
    Thread thread =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              try {
                objects.set(CipherWarmUp.encrypt(DataSize.ofGigabytes(100).toBytes()));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    thread.start();
    thread.join(Duration.ofSeconds(60).toMillis());
    assertThat(objects).hasValue(0);
  }

  private VaultSettings settings(DataSize warmUp) {
    return new VaultSettings(
        data.resolve("blobs"),
        data.resolve("keys/kek.json"),
        Duration.ofMinutes(15),
        Duration.ofMinutes(10),
        DataSize.ofGigabytes(1),
        warmUp);
  }
}
