package dev.rebalance.core.decision;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One pair of a swap decision: sell {@code sellQty} of {@code sell}, buy {@code buy}.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Swap {
  /** The symbol to sell. */
  public abstract String sell();

  /** The quantity to sell: {@code > 0} and at most what is held. */
  public abstract BigDecimal sellQty();

  /** The configured fraction of the position this sells, in (0, 1]. */
  public abstract BigDecimal sellFraction();

  /** The price of the sold position at the decision, when known. */
  public abstract Optional<BigDecimal> sellPrice();

  /** The symbol to buy. */
  public abstract String buy();

  /** The sold position's score. */
  public abstract BigDecimal oldScore();

  /** The bought candidate's score. */
  public abstract BigDecimal newScore();

  /** {@code newScore - oldScore}, exact. */
  @Value.Derived
  public BigDecimal scoreDiff() {
    return newScore().subtract(oldScore());
  }

  /** The expected edge in basis points, when a cost gate is configured. */
  public abstract Optional<BigDecimal> edgeBps();

  /** The cost in basis points, when a cost gate is configured. */
  public abstract Optional<BigDecimal> costBps();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Swap}; not thread-safe. */
  public static final class Builder extends ImmutableSwap.Builder {
    Builder() {}
  }
}
