package dev.rebalance.core.internal;

/**
 * An insert-only open-addressing set of symbols, used to find a symbol listed twice in one pass
 * with no allocation per element. Not thread-safe; one instance lives inside one decision.
 */
final class SymbolSet {
  private final String[] table;
  private final int mask;
  private final int shift;

  /**
   * @param maxSize the most symbols that will be added
   */
  SymbolSet(int maxSize) {
    // At most half full: short probe sequences.
    int capacity = Integer.highestOneBit(Math.max(8, maxSize) * 2 - 1) << 1;
    this.table = new String[capacity];
    this.mask = capacity - 1;
    this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
  }

  /** Adds {@code symbol}; false if it was already present. */
  boolean add(String symbol) {
    // Fibonacci hashing: tickers are alike ("C00001", "C00002"), their String hashes nearly
    // consecutive; multiplying spreads them so linear probing does not build long runs.
    int i = (symbol.hashCode() * 0x9E3779B9) >>> shift;
    String[] t = table;
    while (true) {
      String present = t[i];
      if (present == null) {
        t[i] = symbol;
        return true;
      }
      if (present.equals(symbol)) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }
}
