package dev.rebalance.alpaca;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One market-data bar: open, high, low, close and volume over the bar's time frame, starting at
 * {@link #start()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Bar {
  /** The ticker. */
  public abstract String symbol();

  /** When the bar starts. */
  public abstract Instant start();

  /** Opening price. */
  public abstract BigDecimal open();

  /** Highest price. */
  public abstract BigDecimal high();

  /** Lowest price. */
  public abstract BigDecimal low();

  /** Closing price. */
  public abstract BigDecimal close();

  /** Volume traded. */
  public abstract BigDecimal volume();

  /** Volume-weighted average price, when reported. */
  public abstract Optional<BigDecimal> vwap();

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Bar}; not thread-safe. */
  public static final class Builder extends ImmutableBar.Builder {
    Builder() {}
  }
}
