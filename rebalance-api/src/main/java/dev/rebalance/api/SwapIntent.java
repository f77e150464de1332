package dev.rebalance.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A swap in flight: recorded before its first order and updated at every step, so that a crash
 * between the sale and the purchase is found, and finished or reported, on restart.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class SwapIntent {

  /**
   * The swap's id, derived from the decision; the orders' client order ids are derived from it. At
   * most 40 characters so that a suffix still fits Alpaca's 48-character limit.
   */
  public abstract String id();

  /** When the intent was first recorded. */
  public abstract Instant createdAt();

  /** When the intent last changed. */
  public abstract Instant updatedAt();

  /** The step the swap has reached. */
  public abstract SwapStatus status();

  /** The symbol to sell. */
  public abstract String sellSymbol();

  /** The quantity to sell. */
  public abstract BigDecimal sellQty();

  /** The fraction of the position being sold, in (0, 1]. */
  public abstract BigDecimal sellFraction();

  /** The symbol to buy. */
  public abstract String buySymbol();

  /** The sold position's score at the decision. */
  public abstract BigDecimal oldScore();

  /** The bought candidate's score at the decision. */
  public abstract BigDecimal newScore();

  /** The broker's id for the sell order, once sent. */
  public abstract Optional<String> sellOrderId();

  /** The quantity the sale filled, once known. */
  public abstract Optional<BigDecimal> sellFilledQty();

  /** The sale's average fill price, once known. */
  public abstract Optional<BigDecimal> sellPrice();

  /** The broker's id for the buy order, once sent. */
  public abstract Optional<String> buyOrderId();

  /** The quantity the purchase filled, once known. */
  public abstract Optional<BigDecimal> buyFilledQty();

  /** The purchase's average fill price, once known. */
  public abstract Optional<BigDecimal> buyPrice();

  /** A human-readable note on the last step (why it failed, what is pending). */
  public abstract Optional<String> detail();

  @Value.Check
  void check() {
    if (id().isBlank() || id().length() > 40) {
      throw new IllegalArgumentException(
          "id must be 1 to 40 characters, was '" + id() + "' (" + id().length() + ")");
    }
    Validation.symbol("sellSymbol", sellSymbol());
    Validation.symbol("buySymbol", buySymbol());
    Validation.positive("sellQty", sellQty());
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link SwapIntent}; not thread-safe. */
  public static final class Builder extends ImmutableSwapIntent.Builder {
    Builder() {}
  }
}
