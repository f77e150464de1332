package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.CostEstimate;
import dev.rebalance.core.decision.CostGate;
import dev.rebalance.core.decision.CostModel;
import dev.rebalance.core.decision.EdgeModel;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link CostGate#of}: estimates edge and cost with the given models; the caller compares the net
 * edge with the minimum ({@link CostEstimate#worthIt()}). Immutable and thread-safe.
 */
public final class NetEdgeGate implements CostGate {
  /** No gate. */
  public static final CostGate NONE =
      new CostGate() {
        @Override
        public Optional<CostEstimate> estimate(
            BigDecimal scoreDiff, HeldPosition sold, Candidate bought) {
          return Optional.empty();
        }

        @Override
        public String toString() {
          return "CostGate.none()";
        }
      };

  private final EdgeModel edge;
  private final CostModel cost;
  private final BigDecimal minNetEdgeBps;

  /**
   * @param edge the edge model
   * @param cost the cost model
   * @param minNetEdgeBps the least net edge
   */
  public NetEdgeGate(EdgeModel edge, CostModel cost, BigDecimal minNetEdgeBps) {
    this.edge = Objects.requireNonNull(edge, "edge");
    this.cost = Objects.requireNonNull(cost, "cost");
    this.minNetEdgeBps = Objects.requireNonNull(minNetEdgeBps, "minNetEdgeBps");
  }

  @Override
  public Optional<CostEstimate> estimate(
      BigDecimal scoreDiff, HeldPosition sold, Candidate bought) {
    BigDecimal e =
        Objects.requireNonNull(edge.edgeBps(scoreDiff, sold, bought), "edge model returned null");
    BigDecimal c = Objects.requireNonNull(cost.costBps(sold, bought), "cost model returned null");
    return Optional.of(CostEstimate.of(e, c, minNetEdgeBps));
  }

  @Override
  public String toString() {
    return "CostGate.of(" + edge + ", " + cost + ", min " + minNetEdgeBps.toPlainString() + ")";
  }
}
