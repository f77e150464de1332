package dev.rebalance.core.decision.internal;

import dev.rebalance.core.decision.TurnoverPolicy;
import dev.rebalance.core.tracking.RecentSwap;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link TurnoverPolicy#slidingWindow}: the swaps with {@code now - at < window} are used; when
 * {@code used >= swaps}, the budget resets when the oldest swap that must leave the window does:
 * the {@code (used - swaps)}-th oldest counted swap, {@code window} after it. Immutable and
 * thread-safe.
 */
public final class SlidingWindowBudget implements TurnoverPolicy {
  /** No budget. */
  public static final TurnoverPolicy UNLIMITED = new SlidingWindowBudget(Integer.MAX_VALUE, null);

  private final int swaps;
  private final @Nullable Duration window;

  /**
   * @param swaps {@code >= 1}
   * @param window {@code > 0}, or null for unlimited
   */
  public SlidingWindowBudget(int swaps, @Nullable Duration window) {
    if (window != null && (swaps < 1 || window.isNegative() || window.isZero())) {
      throw new IllegalArgumentException(
          "turnover budget needs swaps >= 1 and window > 0, was " + swaps + " per " + window);
    }
    this.swaps = swaps;
    this.window = window;
  }

  @Override
  public int remaining(List<RecentSwap> recent, Instant now) {
    if (window == null) {
      return Integer.MAX_VALUE;
    }
    int used = counted(recent, now).size();
    return Math.max(0, swaps - used);
  }

  @Override
  public Duration resetIn(List<RecentSwap> recent, Instant now) {
    if (window == null) {
      return Duration.ZERO;
    }
    List<Duration> ages = counted(recent, now);
    int used = ages.size();
    if (used < swaps) {
      return Duration.ZERO;
    }
    // Oldest first: the largest ages first. The (used - swaps)-th oldest leaving the window brings
    // the count below the budget.
    ages.sort((a, b) -> b.compareTo(a));
    return window.minus(ages.get(used - swaps));
  }

  /** How long ago each counted swap happened (ages {@code < window}). */
  private List<Duration> counted(List<RecentSwap> recent, Instant now) {
    Objects.requireNonNull(recent, "recent");
    Duration window = Objects.requireNonNull(this.window, "window");
    List<Duration> ages = new ArrayList<>();
    for (RecentSwap s : recent) {
      Duration age = Duration.between(s.at(), now);
      if (age.compareTo(window) < 0) {
        ages.add(age);
      }
    }
    return ages;
  }

  @Override
  public String toString() {
    return window == null
        ? "TurnoverPolicy.unlimited()"
        : "TurnoverPolicy.slidingWindow(" + swaps + " per " + window + ")";
  }
}
