package dev.rebalance.core.decision;

import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.internal.FractionSizer;
import java.math.BigDecimal;

/**
 * Turns the sell fraction into the quantity a swap sells. The {@link Rebalancer} asks it for the
 * weakest eligible position of each pair; a result of zero means the fraction rounds to nothing,
 * and the scan holds with {@link DecisionReason#SIZE_ROUNDS_TO_ZERO} (for the first pair) instead
 * of ever ordering a zero quantity.
 *
 * <p>The default, {@link #of(BigDecimal)}, is built from {@link RebalanceConfig#sellFraction()}.
 * Implementations must be pure and thread-safe; the built-in one is immutable and thread-safe.
 */
public interface PartialSellSizer {

  /**
   * The fraction of a position this sizer sells, in (0, 1]; reported on each {@link Swap}.
   *
   * @return the fraction
   */
  BigDecimal fraction();

  /**
   * The quantity to sell of {@code position}.
   *
   * @param position the position to sell from
   * @return a quantity in {@code [0, position.qty()]}; zero when the fraction rounds to nothing
   */
  BigDecimal sellQty(HeldPosition position);

  /**
   * The fraction sizer. A fraction of 1 sells the whole quantity exactly, fractional shares
   * included. Any other fraction multiplies the quantity exactly and rounds down: to whole shares,
   * or to 9 decimal places (Alpaca's increment) when the position is {@linkplain
   * HeldPosition#fractionable() fractionable}. Results carry no trailing zeros ({@code 50}, {@code
   * 0.5}).
   *
   * <p>Example: 101 shares at 0.5 sells 50; a fractionable 0.3 shares at 0.5 sells 0.15; 1 share at
   * 0.5 sells 0 (rounds to zero).
   *
   * @param fraction in (0, 1]
   * @return the sizer
   * @throws NullPointerException if {@code fraction} is null
   * @throws IllegalArgumentException if {@code fraction} is not in (0, 1]
   */
  static PartialSellSizer of(BigDecimal fraction) {
    return new FractionSizer(fraction);
  }
}
