package io.custodian.offload;

import java.util.concurrent.locks.LockSupport;

/** Spaces out sends to at most a given number a minute, evenly; no limit when that is 0. */
final class Pacer {

  private static final long MINUTE_NANOS = 60_000_000_000L;

  private final long interval;
  private long next = Long.MIN_VALUE;

  Pacer(int perMinute) {
    this.interval = perMinute <= 0 ? 0 : MINUTE_NANOS / perMinute;
  }

  /** Waits until the next send is allowed, and takes that slot. */
  void await() {
    if (interval == 0) {
      return;
    }
    long now = System.nanoTime();
    if (next == Long.MIN_VALUE) {
      next = now;
    }
    while (now - next < 0) {
      LockSupport.parkNanos(next - now);
      now = System.nanoTime();
    }
    next = Math.max(next, now) + interval;
  }

  /** The time between two sends, in nanoseconds; 0 for no limit. */
  long intervalNanos() {
    return interval;
  }
}
