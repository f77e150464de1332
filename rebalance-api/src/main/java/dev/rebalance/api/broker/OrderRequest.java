package dev.rebalance.api.broker;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A market day order to send, sized either by quantity or by notional (fractionable assets only).
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class OrderRequest {
  /** The caller's id for the order; at most 48 characters. Retrying with it never double-orders. */
  public abstract String clientOrderId();

  /** The ticker. */
  public abstract String symbol();

  /** Buy or sell. */
  public abstract OrderSide side();

  /** The quantity; exactly one of {@code qty} and {@code notional} is set. */
  public abstract Optional<BigDecimal> qty();

  /** The amount of money to buy for; exactly one of {@code qty} and {@code notional} is set. */
  public abstract Optional<BigDecimal> notional();

  @Value.Check
  void check() {
    if (clientOrderId().isEmpty() || clientOrderId().length() > 48) {
      throw new IllegalArgumentException(
          "clientOrderId must be 1 to 48 characters, was " + clientOrderId().length());
    }
    if (qty().isPresent() == notional().isPresent()) {
      throw new IllegalArgumentException("exactly one of qty and notional must be set");
    }
    qty()
        .ifPresent(
            q -> {
              if (q.signum() <= 0) {
                throw new IllegalArgumentException("qty must be > 0, was " + q.toPlainString());
              }
            });
    notional()
        .ifPresent(
            n -> {
              if (n.signum() <= 0) {
                throw new IllegalArgumentException(
                    "notional must be > 0, was " + n.toPlainString());
              }
            });
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link OrderRequest}; not thread-safe. */
  public static final class Builder extends ImmutableOrderRequest.Builder {
    Builder() {}
  }
}
