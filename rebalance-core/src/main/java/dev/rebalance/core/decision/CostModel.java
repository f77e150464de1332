package dev.rebalance.core.decision;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.internal.FeePlusHalfSpread;
import java.math.BigDecimal;

/**
 * What a swap costs, in basis points, for the {@link CostGate}.
 *
 * <p>Implementations must be immutable and thread-safe, and pure functions of their arguments.
 */
@FunctionalInterface
public interface CostModel {

  /**
   * The cost of selling {@code sold} and buying {@code bought}, in basis points.
   *
   * @param sold the position sold
   * @param bought the candidate bought
   * @return the cost in basis points, {@code >= 0}
   */
  BigDecimal costBps(HeldPosition sold, Candidate bought);

  /**
   * {@code costBps = 2 × feeBps + (sold.spreadBps + bought.spreadBps) / 2}, exact: a fee on each of
   * the two orders, and half the spread crossed on each side.
   *
   * @param feeBps the fee per order in basis points, {@code >= 0}
   * @return the model
   * @throws IllegalArgumentException if {@code feeBps < 0}
   */
  static CostModel feePlusHalfSpread(BigDecimal feeBps) {
    return new FeePlusHalfSpread(feeBps);
  }
}
