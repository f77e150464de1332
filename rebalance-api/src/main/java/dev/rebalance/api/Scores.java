package dev.rebalance.api;

import java.math.BigDecimal;

/**
 * Converts scores to exact decimals. A score of {@code 18.4} is the decimal 18.4, so {@code 18.4 -
 * 8.4} is exactly 10.
 *
 * <p>Stateless and thread-safe.
 */
public final class Scores {
  private Scores() {}

  /**
   * The shortest decimal that represents {@code score}, as {@link Double#toString(double)} prints
   * it.
   *
   * @param score a finite double
   * @return the exact decimal
   * @throws IllegalArgumentException if {@code score} is NaN or infinite
   */
  public static BigDecimal of(double score) {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("score must be finite, was " + score);
    }
    return BigDecimal.valueOf(score);
  }
}
