package dev.rebalance.api.broker;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An order as the broker reports it.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Order {
  /** The broker's id. */
  public abstract String id();

  /** The caller's id it was submitted with. */
  public abstract String clientOrderId();

  /** The ticker. */
  public abstract String symbol();

  /** Buy or sell. */
  public abstract OrderSide side();

  /** Where the order is in its lifecycle. */
  public abstract OrderStatus status();

  /** The quantity ordered, when the order was by quantity. */
  public abstract Optional<BigDecimal> qty();

  /** The notional ordered, when the order was by notional. */
  public abstract Optional<BigDecimal> notional();

  /** The quantity filled so far. */
  public abstract BigDecimal filledQty();

  /** The average fill price, once anything filled. */
  public abstract Optional<BigDecimal> filledAvgPrice();

  /** When it was submitted. */
  public abstract Instant submittedAt();

  /** When it filled completely, if it did. */
  public abstract Optional<Instant> filledAt();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link Order}; not thread-safe. */
  public static final class Builder extends ImmutableOrder.Builder {
    Builder() {}
  }
}
