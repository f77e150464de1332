package dev.rebalance.core.decision;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.internal.LinearEdge;
import java.math.BigDecimal;

/**
 * The return a swap is expected to earn, in basis points, for the {@link CostGate}. Scores are the
 * user's, so any edge model is the user's assumption about what a score point is worth; the payoff
 * history ({@code RebalanceMetrics}) is how to check it.
 *
 * <p>Implementations must be immutable and thread-safe, and pure functions of their arguments.
 */
@FunctionalInterface
public interface EdgeModel {

  /**
   * The expected edge of a swap, in basis points.
   *
   * @param scoreDiff {@code bought.score - sold.score}, exact
   * @param sold the position sold
   * @param bought the candidate bought
   * @return the edge in basis points
   */
  BigDecimal edgeBps(BigDecimal scoreDiff, HeldPosition sold, Candidate bought);

  /**
   * {@code edgeBps = scoreDiff × bpsPerPoint}, exact.
   *
   * @param bpsPerPoint basis points per score point, {@code > 0}
   * @return the model
   * @throws IllegalArgumentException if {@code bpsPerPoint <= 0}
   */
  static EdgeModel linear(BigDecimal bpsPerPoint) {
    return new LinearEdge(bpsPerPoint);
  }
}
