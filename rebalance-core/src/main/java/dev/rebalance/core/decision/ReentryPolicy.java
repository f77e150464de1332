package dev.rebalance.core.decision;

import dev.rebalance.core.decision.internal.WindowedReentryBlock;
import dev.rebalance.core.tracking.RecentSwap;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a symbol sold by a recent swap may be bought back yet. A candidate whose symbol a
 * blocking swap sold is passed over with {@link CandidateReason#RECENTLY_SOLD}.
 *
 * <p>Implementations must be immutable and thread-safe, and pure functions of their arguments.
 */
@FunctionalInterface
public interface ReentryPolicy {

  /**
   * Whether {@code swap}'s sold symbol may not be bought at {@code now}.
   *
   * @param swap a recent swap
   * @param now the decision time
   * @return true while the symbol is blocked
   */
  boolean blocks(RecentSwap swap, Instant now);

  /**
   * No re-entry block (the default).
   *
   * @return the policy
   */
  static ReentryPolicy none() {
    return WindowedReentryBlock.NONE;
  }

  /**
   * Blocks a symbol while {@code now - swap.at() < block}: exactly {@code block} after the sale it
   * may be bought again. A zero block never blocks.
   *
   * @param block how long a sold symbol stays blocked, {@code >= 0}
   * @return the policy
   * @throws IllegalArgumentException if {@code block} is negative
   */
  static ReentryPolicy block(Duration block) {
    return block.isZero() ? none() : new WindowedReentryBlock(block);
  }
}
