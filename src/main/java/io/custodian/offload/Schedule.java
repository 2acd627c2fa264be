package io.custodian.offload;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * When the next batch of a destination is cut: on the next multiple of its interval since midnight
 * UTC (every 30 minutes: :00 and :30), or at its daily UTC time.
 */
final class Schedule {

  private Schedule() {}

  static Instant next(@Nullable Duration every, @Nullable LocalTime dailyAt, Instant after) {
    ZonedDateTime now = after.atZone(ZoneOffset.UTC);
    ZonedDateTime midnight = now.toLocalDate().atStartOfDay(ZoneOffset.UTC);
    if (every != null) {
      long step = every.toSeconds();
      long since = Duration.between(midnight, now).toSeconds();
      return midnight.plusSeconds((since / step + 1) * step).toInstant();
    }
    if (dailyAt == null) {
      throw new IllegalStateException("A destination has an interval or a daily time");
    }
    ZonedDateTime today = midnight.with(dailyAt);
    return (today.isAfter(now) ? today : today.plusDays(1)).toInstant();
  }
}
