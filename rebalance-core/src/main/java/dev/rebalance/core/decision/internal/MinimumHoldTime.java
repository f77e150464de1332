package dev.rebalance.core.decision.internal;

import dev.rebalance.core.decision.HoldTimePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link HoldTimePolicy#minimum(Duration)}: held at least a fixed duration. Immutable, thread-safe.
 */
public final class MinimumHoldTime implements HoldTimePolicy {
  private final Duration minHoldTime;

  /**
   * @param minHoldTime {@code >= 0}
   */
  public MinimumHoldTime(Duration minHoldTime) {
    Objects.requireNonNull(minHoldTime, "minHoldTime");
    if (minHoldTime.isNegative()) {
      throw new IllegalArgumentException("minHoldTime must be >= PT0S, was " + minHoldTime);
    }
    this.minHoldTime = minHoldTime;
  }

  @Override
  public boolean isHeldLongEnough(Instant entryTime, Instant now) {
    // now - entryTime >= minHoldTime, compared as (seconds, nanos) without building a Duration.
    // Instants span about 6.3e16 seconds, so the difference of two fits in a long. Held exactly
    // minHoldTime is enough; an entry after now is held a negative time, never >= minHoldTime.
    long seconds = now.getEpochSecond() - entryTime.getEpochSecond();
    int nanos = now.getNano() - entryTime.getNano();
    if (nanos < 0) {
      seconds--;
      nanos += 1_000_000_000;
    }
    long minSeconds = minHoldTime.getSeconds();
    return seconds > minSeconds || (seconds == minSeconds && nanos >= minHoldTime.getNano());
  }

  @Override
  public String toString() {
    return "HoldTimePolicy.minimum(" + minHoldTime + ")";
  }
}
