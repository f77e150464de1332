package dev.rebalance.examples;

/**
 * Recent closing prices of a symbol, oldest first: what a scorer looks back on. The simulated
 * market is one ({@code market::closes}); {@link PriceHistory} builds one from prices sampled scan
 * by scan when the broker has no bar history (Alpaca in real-time mode).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface BarSource {
  /**
   * The last {@code count} closes up to now, oldest first; fewer when less history exists.
   *
   * @param symbol the ticker
   * @param count how many, {@code >= 1}
   * @return the closes
   */
  double[] closes(String symbol, int count);
}
