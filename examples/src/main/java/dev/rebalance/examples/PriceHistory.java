package dev.rebalance.examples;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@link BarSource} built from prices recorded once per scan, for brokers that only report the
 * latest price. Keeps at most {@code capacity} prices per symbol.
 *
 * <p>Thread-safe: every method synchronizes on the instance.
 */
public final class PriceHistory implements BarSource {
  private final int capacity;
  private final Map<String, Deque<Double>> prices = new HashMap<>();

  /**
   * A history keeping {@code capacity} prices per symbol.
   *
   * @param capacity {@code >= 1}
   */
  public PriceHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * Records the latest price of a symbol.
   *
   * @param symbol the ticker
   * @param price the price
   */
  public synchronized void record(String symbol, BigDecimal price) {
    Deque<Double> d = prices.computeIfAbsent(symbol, s -> new ArrayDeque<>());
    d.addLast(price.doubleValue());
    while (d.size() > capacity) {
      d.removeFirst();
    }
  }

  @Override
  public synchronized double[] closes(String symbol, int count) {
    Deque<Double> d = prices.get(symbol);
    if (d == null) {
      return new double[0];
    }
    int n = Math.min(count, d.size());
    double[] out = new double[n];
    Iterator<Double> it = d.descendingIterator();
    for (int i = n - 1; i >= 0; i--) {
      out[i] = it.next();
    }
    return out;
  }
}
