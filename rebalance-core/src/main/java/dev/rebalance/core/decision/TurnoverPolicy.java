package dev.rebalance.core.decision;

import dev.rebalance.core.config.TurnoverBudget;
import dev.rebalance.core.decision.internal.SlidingWindowBudget;
import dev.rebalance.core.tracking.RecentSwap;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Limits how many swaps an account makes over time. The engine asks how many swaps are still
 * allowed now; none left is HOLD {@link DecisionReason#TURNOVER_BUDGET}, with {@link #resetIn(List,
 * Instant)} on the decision.
 *
 * <p>Implementations must be immutable and thread-safe, and pure functions of their arguments.
 */
public interface TurnoverPolicy {

  /**
   * How many more swaps are allowed at {@code now}.
   *
   * @param recent the account's recent swaps, in any order
   * @param now the decision time
   * @return {@code >= 0}; {@link Integer#MAX_VALUE} when unlimited
   */
  int remaining(List<RecentSwap> recent, Instant now);

  /**
   * When {@link #remaining} is 0: the time until a swap is allowed again.
   *
   * @param recent the account's recent swaps
   * @param now the decision time
   * @return a positive duration; {@link Duration#ZERO} when a swap is allowed now
   */
  Duration resetIn(List<RecentSwap> recent, Instant now);

  /**
   * No budget (the default).
   *
   * @return the policy
   */
  static TurnoverPolicy unlimited() {
    return SlidingWindowBudget.UNLIMITED;
  }

  /**
   * At most {@code budget.swaps()} swaps in any window of length {@code budget.window()}: a swap
   * counts while {@code now - at < window} (exactly {@code window} ago it no longer counts).
   *
   * @param budget the budget
   * @return the policy
   */
  static TurnoverPolicy slidingWindow(TurnoverBudget budget) {
    return new SlidingWindowBudget(budget.swaps(), budget.window());
  }
}
