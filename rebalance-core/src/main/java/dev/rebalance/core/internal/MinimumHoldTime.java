package dev.rebalance.core.internal;

import dev.rebalance.core.HoldTimePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** {@link HoldTimePolicy#minimum(Duration)}: held at least a fixed duration. Immutable, thread-safe. */
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
    // Duration.between never overflows for two Instants; held exactly minHoldTime is enough.
    // An entry after now gives a negative duration, which is never >= minHoldTime >= 0.
    return Duration.between(entryTime, now).compareTo(minHoldTime) >= 0;
  }

  @Override
  public String toString() {
    return "HoldTimePolicy.minimum(" + minHoldTime + ")";
  }
}
