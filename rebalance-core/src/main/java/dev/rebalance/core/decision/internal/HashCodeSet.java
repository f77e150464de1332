package dev.rebalance.core.decision.internal;

/**
 * An insert-only open-addressing set of {@code int} hash codes: a cheap first test for a symbol
 * listed twice. Two equal symbols always have equal hash codes, so {@link #add} returning true
 * proves the symbol new; false means "maybe repeated", for an exact check to settle. Holds no
 * references and fits in cache: four bytes a slot, at most about two thirds full. Not thread-safe;
 * one instance lives inside one decision.
 */
final class HashCodeSet {
  private final int[] table;
  private final int mask;
  private final int shift;
  private boolean zeroSeen;

  /**
   * @param maxSize the most hash codes that will be added
   */
  HashCodeSet(int maxSize) {
    // The smallest power of two at least 1.5 times maxSize.
    int wanted = Math.max(8, maxSize + (maxSize >> 1));
    int capacity = Integer.highestOneBit(wanted - 1) << 1;
    this.table = new int[capacity];
    this.mask = capacity - 1;
    this.shift = Integer.numberOfLeadingZeros(capacity) + 1;
  }

  /** Adds {@code hash}; false if it was added before. */
  boolean add(int hash) {
    if (hash == 0) {
      // 0 marks an empty slot, so the one hash code it would collide with is tracked apart.
      boolean first = !zeroSeen;
      zeroSeen = true;
      return first;
    }
    int[] t = table;
    // Fibonacci hashing: tickers are alike ("C00001", "C00002"), their String hashes nearly
    // consecutive; multiplying spreads them so linear probing does not build long runs.
    int i = (hash * 0x9E3779B9) >>> shift;
    while (true) {
      int present = t[i];
      if (present == 0) {
        t[i] = hash;
        return true;
      }
      if (present == hash) {
        return false;
      }
      i = (i + 1) & mask;
    }
  }
}
