package dev.rebalance.core.decision;

import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.internal.MinimumHoldTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a position has been held long enough to be sold in a rebalance. The {@link
 * Rebalancer} asks it once per held position with a tracked entry time; a position it refuses gets
 * the reason {@link IneligibilityReason#MIN_HOLD_TIME}. Positions without a tracked entry time
 * never reach the policy: {@link RebalanceConfig#unknownEntryTime()} decides for them.
 *
 * <p>The default, {@link #minimum(Duration)}, is built from {@link RebalanceConfig#minHoldTime()}.
 * Implementations must be pure functions of their arguments and thread-safe; the built-in one is
 * immutable and thread-safe.
 */
@FunctionalInterface
public interface HoldTimePolicy {

  /**
   * Whether a position entered at {@code entryTime} may be sold at {@code now}.
   *
   * @param entryTime when the position was entered (the opening fill)
   * @param now the decision time
   * @return true if it has been held long enough
   */
  boolean isHeldLongEnough(Instant entryTime, Instant now);

  /**
   * A policy that requires {@code minHoldTime} between the entry and {@code now}. Held exactly
   * {@code minHoldTime} is long enough; an entry time after {@code now} is never long enough.
   *
   * @param minHoldTime the minimum hold time, {@code >= 0}
   * @return the policy
   * @throws NullPointerException if {@code minHoldTime} is null
   * @throws IllegalArgumentException if {@code minHoldTime} is negative
   */
  static HoldTimePolicy minimum(Duration minHoldTime) {
    return new MinimumHoldTime(minHoldTime);
  }
}
