package dev.rebalance.core.stats;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What an account's rebalancing has done: how many swaps, how much each improved the score, when
 * the last one was, and whether the swaps paid off at current prices. Computed by {@link
 * RebalanceMetrics#compute}, which documents every formula.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class RebalanceStats {

  /** The number of swaps in the history. */
  public abstract long totalRebalances();

  /** The mean score improvement ({@code newScore − oldScore}); empty without swaps. */
  public abstract Optional<BigDecimal> avgScoreImprovement();

  /** The smallest score improvement; empty without swaps. */
  public abstract Optional<BigDecimal> minScoreImprovement();

  /** The largest score improvement; empty without swaps. */
  public abstract Optional<BigDecimal> maxScoreImprovement();

  /**
   * The latest of the store's last-rebalance time and the newest swap in the history; empty if the
   * account never rebalanced.
   */
  public abstract Optional<Instant> lastRebalance();

  /** The swaps whose payoff could be computed (all prices known). */
  public abstract long swapsWithPayoff();

  /** The swaps left out of the payoff because a price or quantity was not known. */
  public abstract long swapsWithoutPrices();

  /** The swaps with payoff whose excess return is positive. */
  public abstract long swapsPaidOff();

  /** The total amount swapped, {@code Σ soldQty × sellPrice} over the swaps with payoff. */
  public abstract BigDecimal amountSwapped();

  /** The money-weighted return of what was bought; empty without swaps with payoff. */
  public abstract Optional<BigDecimal> boughtReturn();

  /** The money-weighted return the sold shares would have had; empty without swaps with payoff. */
  public abstract Optional<BigDecimal> soldReturn();

  /** {@code boughtReturn − soldReturn}; positive when swapping paid off overall. */
  public abstract Optional<BigDecimal> excessReturn();

  /** {@code Σ amount × excessReturn}: money gained (negative: lost) against never swapping. */
  public abstract BigDecimal payoffAmount();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link RebalanceStats}; not thread-safe. */
  public static final class Builder extends ImmutableRebalanceStats.Builder {
    Builder() {}
  }
}
