package dev.rebalance.core.decision.internal;

import dev.rebalance.core.decision.ReentryPolicy;
import dev.rebalance.core.tracking.RecentSwap;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link ReentryPolicy#block}: a sold symbol is blocked while {@code now - at < block}. Immutable
 * and thread-safe.
 */
public final class WindowedReentryBlock implements ReentryPolicy {
  /** No block. */
  public static final ReentryPolicy NONE = new WindowedReentryBlock(Duration.ZERO);

  private final Duration block;

  /**
   * @param block {@code >= 0}
   */
  public WindowedReentryBlock(Duration block) {
    Objects.requireNonNull(block, "block");
    if (block.isNegative()) {
      throw new IllegalArgumentException("reentryBlock must be >= PT0S, was " + block);
    }
    this.block = block;
  }

  @Override
  public boolean blocks(RecentSwap swap, Instant now) {
    return !block.isZero() && Duration.between(swap.at(), now).compareTo(block) < 0;
  }

  @Override
  public String toString() {
    return block.isZero() ? "ReentryPolicy.none()" : "ReentryPolicy.block(" + block + ")";
  }
}
