package io.custodian.offload.sftp;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A time limit on one transfer: when it passes, {@code onExpiry} runs (the connection is closed
 * under the transfer) and {@link #expired} says so. One daemon thread serves every connection's
 * limits.
 */
final class Deadline implements AutoCloseable {

  private static final ScheduledExecutorService WATCHDOG = watchdog();

  private final AtomicBoolean expired = new AtomicBoolean();
  private final ScheduledFuture<?> scheduled;

  Deadline(Duration limit, Runnable onExpiry) {
    this.scheduled =
        WATCHDOG.schedule(
            () -> {
              expired.set(true);
              onExpiry.run();
            },
            limit.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Whether the limit passed before the transfer ended. */
  boolean expired() {
    return expired.get();
  }

  /** The transfer ended: the limit no longer applies. */
  @Override
  public void close() {
    scheduled.cancel(false);
  }

  private static ScheduledExecutorService watchdog() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread thread = new Thread(task, "sftp-transfer-timeout");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
