package dev.rebalance.core.config;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * The cost gate's setting ({@code costs} in a configuration file): a swap must earn more than it
 * costs, with the linear edge ({@code edgeBps = scoreDiff × edgeBpsPerPoint}) and the
 * fee-plus-half-spread cost ({@code costBps = 2 × feeBps + (sold spread + bought spread) / 2}).
 * Validated when built; messages name the field ({@code costs.edgeBpsPerPoint must be > 0, was 0}).
 *
 * <p>{@link #edgeBpsPerPoint()} is an assumption of the user's: scores are the user's, and how many
 * basis points of return one score point is worth is not something the engine can know. The swap
 * history's payoff figures ({@code RebalanceMetrics}, docs/engine.md) help choose it.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class CostSettings {

  /**
   * The fee per order in basis points, paid twice per swap (sale and purchase). Default 0; {@code
   * >= 0}.
   */
  @Value.Default
  public BigDecimal feeBps() {
    return BigDecimal.ZERO;
  }

  /** Basis points of expected return per score point of improvement; required, {@code > 0}. */
  public abstract BigDecimal edgeBpsPerPoint();

  /** The least net edge ({@code edgeBps - costBps}) a swap must reach. Default 0; any value. */
  @Value.Default
  public BigDecimal minNetEdgeBps() {
    return BigDecimal.ZERO;
  }

  @Value.Check
  void check() {
    ConfigChecks.nonNegative("costs.feeBps", feeBps());
    ConfigChecks.positive("costs.edgeBpsPerPoint", edgeBpsPerPoint());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CostSettings}; not thread-safe. */
  public static final class Builder extends ImmutableCostSettings.Builder {
    Builder() {}
  }
}
