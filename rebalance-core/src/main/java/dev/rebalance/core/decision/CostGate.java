package dev.rebalance.core.decision;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.CostSettings;
import dev.rebalance.core.decision.internal.NetEdgeGate;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * Refuses a swap that does not earn more than it costs: HOLD {@link
 * DecisionReason#COST_EXCEEDS_EDGE} when the first pair fails, and the estimate is on each swap
 * ({@link Swap#edgeBps()}, {@link Swap#costBps()}).
 *
 * <p>Implementations must be immutable and thread-safe, and pure functions of their arguments.
 */
@FunctionalInterface
public interface CostGate {

  /**
   * The estimate for one pair, or empty when this gate does not apply.
   *
   * @param scoreDiff {@code bought.score - sold.score}
   * @param sold the position sold
   * @param bought the candidate bought
   * @return the estimate, empty for no gate
   */
  Optional<CostEstimate> estimate(BigDecimal scoreDiff, HeldPosition sold, Candidate bought);

  /**
   * No cost gate (the default).
   *
   * @return the gate
   */
  static CostGate none() {
    return NetEdgeGate.NONE;
  }

  /**
   * A swap passes when {@code edge - cost >= minNetEdgeBps} (exactly equal passes).
   *
   * @param edge the edge model
   * @param cost the cost model
   * @param minNetEdgeBps the least net edge, in basis points
   * @return the gate
   */
  static CostGate of(EdgeModel edge, CostModel cost, BigDecimal minNetEdgeBps) {
    return new NetEdgeGate(edge, cost, minNetEdgeBps);
  }

  /**
   * The gate a configuration's {@code costs} describes: {@link EdgeModel#linear} and {@link
   * CostModel#feePlusHalfSpread}.
   *
   * @param costs the settings
   * @return the gate
   */
  static CostGate of(CostSettings costs) {
    return of(
        EdgeModel.linear(costs.edgeBpsPerPoint()),
        CostModel.feePlusHalfSpread(costs.feeBps()),
        costs.minNetEdgeBps());
  }
}
