package dev.rebalance.api;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A position the account holds now, as the rebalancer sees it in one scan: how much, at what price,
 * and how it scores.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class HeldPosition {

  /** The ticker, compared exactly as given ({@code BRK.B} allowed). */
  public abstract String symbol();

  /** The quantity held; always {@code > 0}. May be fractional. */
  public abstract BigDecimal qty();

  /** The latest price, when known. */
  public abstract Optional<BigDecimal> price();

  /** The position's current score; compared as an exact decimal. */
  public abstract BigDecimal score();

  /** Whether the asset trades in fractional shares (sizes then round to 9 decimal places). */
  @Value.Default
  public boolean fractionable() {
    return false;
  }

  /** The bid-ask spread in basis points, for the cost gate. Default 0; {@code >= 0}. */
  @Value.Default
  public BigDecimal spreadBps() {
    return BigDecimal.ZERO;
  }

  @Value.Check
  void check() {
    Validation.nonNegative("spreadBps", spreadBps());
    Validation.symbol("symbol", symbol());
    Validation.positive("qty", qty());
    price().ifPresent(p -> Validation.positive("price", p));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link HeldPosition}; not thread-safe. */
  public static final class Builder extends ImmutableHeldPosition.Builder {
    Builder() {}
  }
}
