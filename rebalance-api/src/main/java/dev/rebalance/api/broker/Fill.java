package dev.rebalance.api.broker;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One execution: part or all of an order traded at a price at a time. Fills are what entry times
 * are made of.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Fill {
  /** The broker's unique id for this execution; used to de-duplicate. */
  public abstract String id();

  /** The order it belongs to. */
  public abstract String orderId();

  /** The ticker. */
  public abstract String symbol();

  /** Buy or sell. */
  public abstract OrderSide side();

  /** The quantity of this execution; {@code > 0}. */
  public abstract BigDecimal qty();

  /** The price of this execution. */
  public abstract BigDecimal price();

  /** When it executed. */
  public abstract Instant timestamp();

  /**
   * The position quantity after this fill, when the broker reports it (Alpaca's trade updates do);
   * lets a consumer notice a missed fill.
   */
  public abstract Optional<BigDecimal> positionQtyAfter();

  @Value.Check
  void check() {
    if (qty().signum() <= 0) {
      throw new IllegalArgumentException("qty must be > 0, was " + qty().toPlainString());
    }
    if (price().signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0, was " + price().toPlainString());
    }
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Fill}; not thread-safe. */
  public static final class Builder extends ImmutableFill.Builder {
    Builder() {}
  }
}
