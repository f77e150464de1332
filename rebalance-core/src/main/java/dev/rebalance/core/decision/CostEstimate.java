package dev.rebalance.core.decision;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * One pair's edge and cost, in basis points, as a {@link CostGate} estimated them.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class CostEstimate {
  /** The expected edge. */
  @Value.Parameter
  public abstract BigDecimal edgeBps();

  /** The cost. */
  @Value.Parameter
  public abstract BigDecimal costBps();

  /** The least net edge the gate wants. */
  @Value.Parameter
  public abstract BigDecimal minNetEdgeBps();

  /** Whether the swap is worth it: {@code edgeBps - costBps >= minNetEdgeBps}. */
  public final boolean worthIt() {
    return edgeBps().subtract(costBps()).compareTo(minNetEdgeBps()) >= 0;
  }

  /**
   * An estimate.
   *
   * @param edgeBps the edge
   * @param costBps the cost
   * @param minNetEdgeBps the least net edge
   * @return the estimate
   */
  public static CostEstimate of(BigDecimal edgeBps, BigDecimal costBps, BigDecimal minNetEdgeBps) {
    return ImmutableCostEstimate.of(edgeBps, costBps, minNetEdgeBps);
  }
}
