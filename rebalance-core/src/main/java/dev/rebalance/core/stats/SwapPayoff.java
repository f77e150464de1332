package dev.rebalance.core.stats;

import dev.rebalance.api.RebalanceEvent;
import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * Whether one swap paid off so far: the return of what was bought since the swap against the return
 * the sold shares would have had, on the amount swapped. See {@link RebalanceMetrics} for the
 * formulas and the rounding.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class SwapPayoff {

  /** The swap. */
  public abstract RebalanceEvent event();

  /** The current price of the symbol bought ({@link RebalanceEvent#newSymbol()}). */
  public abstract BigDecimal currentNewPrice();

  /** The current price of the symbol sold ({@link RebalanceEvent#oldSymbol()}). */
  public abstract BigDecimal currentOldPrice();

  /** The amount swapped: {@code soldQty × sellPrice}. */
  public abstract BigDecimal amount();

  /** The return of what was bought: {@code currentNewPrice / buyPrice − 1}. */
  public abstract BigDecimal boughtReturn();

  /** The return the sold shares would have had: {@code currentOldPrice / sellPrice − 1}. */
  public abstract BigDecimal soldReturn();

  /** {@code boughtReturn − soldReturn}; positive when the swap paid off. */
  public abstract BigDecimal excessReturn();

  /** {@code amount × excessReturn}: money gained (or, negative, lost) against not swapping. */
  public abstract BigDecimal payoffAmount();

  /** Whether the swap paid off: {@code excessReturn > 0}. */
  public final boolean paidOff() {
    return excessReturn().signum() > 0;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SwapPayoff}; not thread-safe. */
  public static final class Builder extends ImmutableSwapPayoff.Builder {
    Builder() {}
  }
}
