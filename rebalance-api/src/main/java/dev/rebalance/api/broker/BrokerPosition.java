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

  /**
   * The quantity held: positive for a long position, negative for a short one (as brokers report
   * it).
   */
  public abstract BigDecimal qty();

  /**
   * Long or short. Defaults from the sign of {@link #qty()}. A short position is not a holding the
   * engine may sell: callers building {@code HeldPosition}s keep only {@code LONG} positions.
   */
  @Value.Default
  public PositionSide side() {
    return qty().signum() < 0 ? PositionSide.SHORT : PositionSide.LONG;
  }

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

  @Value.Check
  void checkSide() {
    if (side() == PositionSide.LONG && qty().signum() < 0) {
      throw new IllegalArgumentException(
          "side LONG needs qty >= 0, was " + qty().toPlainString() + " for " + symbol());
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link BrokerPosition}; not thread-safe. */
  public static final class Builder extends ImmutableBrokerPosition.Builder {
    Builder() {}
  }
}
