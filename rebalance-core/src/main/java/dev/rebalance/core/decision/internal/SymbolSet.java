package dev.rebalance.core.decision.internal;

/**
 * An insert-only open-addressing set of symbols, used to find a symbol listed twice in one pass and
 * to ask whether a symbol is present, with no allocation per element. Not thread-safe; one instance
 * lives inside one decision.
 *
 * <p>Each slot of the table packs a symbol's {@link String#hashCode()} (high 32 bits) with its
 * insertion index plus one (low 32 bits; 0 marks an empty slot). A probe compares hash codes in the
 * table, which stays in cache; it reads a symbol's characters only when the hash codes are equal.
 * The decision's hot loop therefore touches each candidate's {@code String} once, for its cached
 * hash code, and never the bytes of another symbol unless two hash codes collide.
 */
final class SymbolSet {
  private final long[] table;
  private final String[] symbols;
  private final int mask;
  private final int shift;
  private int size;

  /**
   * @param maxSize the most symbols that will be added
   */
  SymbolSet(int maxSize) {
    // At most half full: short probe sequences.
    int capacity = Integer.highestOneBit(Math.max(8, maxSize) * 2 - 1) << 1;
    this.table = new long[capacity];
    this.symbols = new String[Math.max(1, maxSize)];
    this.mask = capacity - 1;
    this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
  }

  /** Adds {@code symbol}; false if it was already present. */
  boolean add(String symbol) {
    int h = symbol.hashCode();
    int i = probe(symbol, h);
    if (table[i] != 0) {
      return false;
    }
    symbols[size] = symbol;
    table[i] = ((long) h << 32) | ++size;
    return true;
  }

  /** Whether {@code symbol} was added. */
  boolean contains(String symbol) {
    return table[probe(symbol, symbol.hashCode())] != 0;
  }

  /** The slot that holds {@code symbol}, or the empty slot where it would go. */
  private int probe(String symbol, int h) {
    long[] t = table;
    int i = slot(h);
    while (true) {
      long present = t[i];
      if (present == 0
          || ((int) (present >>> 32) == h && symbols[(int) present - 1].equals(symbol))) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  private int slot(int h) {
    // Fibonacci hashing: tickers are alike ("C00001", "C00002"), their String hashes nearly
    // consecutive; multiplying spreads them so linear probing does not build long runs.
    return (h * 0x9E3779B9) >>> shift;
  }
}
