package dev.rebalance.core.stats;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Current prices by symbol, for {@link RebalanceMetrics}' payoff figures. A symbol without a known
 * price gives {@link Optional#empty()}; a swap whose prices are not known is left out of the payoff
 * and counted as such, never priced with a guess.
 *
 * <p>Implementations must be thread-safe if shared between threads; the factories here return
 * immutable, thread-safe sources.
 */
@FunctionalInterface
public interface PriceSource {

  /**
   * The current price of {@code symbol}.
   *
   * @param symbol the ticker
   * @return the price ({@code > 0}), or empty when unknown
   */
  Optional<BigDecimal> price(String symbol);

  /** A source that knows no price. */
  static PriceSource none() {
    return symbol -> Optional.empty();
  }

  /**
   * A source backed by a fixed map (copied).
   *
   * @param prices prices by symbol
   * @return the source
   */
  static PriceSource of(Map<String, BigDecimal> prices) {
    Map<String, BigDecimal> copy = Map.copyOf(Objects.requireNonNull(prices, "prices"));
    return symbol -> Optional.ofNullable(copy.get(symbol));
  }
}
