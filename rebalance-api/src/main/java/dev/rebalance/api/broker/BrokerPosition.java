package dev.rebalance.api.broker;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A position as the broker reports it. Brokers net positions per symbol and report no entry time;
 * the tracker supplies that.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class BrokerPosition {
  /** The ticker. */
  public abstract String symbol();

  /** The quantity held (positive for long). */
  public abstract BigDecimal qty();

  /** The quantity not held by open orders; what may be sold now. */
  public abstract BigDecimal qtyAvailable();

  /** The broker's weighted average entry price. */
  public abstract BigDecimal avgEntryPrice();

  /** The latest price, when the broker reports one. */
  public abstract Optional<BigDecimal> currentPrice();

  /** The market value, when the broker reports one. */
  public abstract Optional<BigDecimal> marketValue();

  /** Unrealized profit or loss as a fraction (0.2 is 20 %), when reported. */
  public abstract Optional<BigDecimal> unrealizedPlPct();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BrokerPosition}; not thread-safe. */
  public static final class Builder extends ImmutableBrokerPosition.Builder {
    Builder() {}
  }
}
