package dev.rebalance.cli;

import java.math.BigDecimal;

/**
 * The canonical text of the decimals {@code explain} prints, so the same value always prints the
 * same way whatever scale the arithmetic produced.
 *
 * <ul>
 *   <li>Quantities ({@code sellQty}): plain, no trailing zeros, no exponent: {@code 50}, {@code
 *       0.5}, {@code 0.123456789}.
 *   <li>Scores as given ({@code oldScore}, {@code newScore} in JSON): plain, as written.
 *   <li>Score differences and fractions: plain, trailing zeros stripped but at least one fractional
 *       digit, so they read as decimals: {@code 10.0}, {@code 23.2}, {@code 1.0}, {@code 0.5},
 *       {@code 100.0}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
final class ExplainDecimals {
  private ExplainDecimals() {}

  /**
   * A quantity's canonical text.
   *
   * @param qty the quantity
   * @return plain digits without trailing zeros
   */
  static String quantity(BigDecimal qty) {
    if (qty.signum() == 0) {
      return "0";
    }
    return qty.stripTrailingZeros().toPlainString();
  }

  /**
   * A score's canonical value: trailing zeros stripped, then at least one fractional digit.
   *
   * @param score the score
   * @return an equal decimal whose plain text is canonical
   */
  static BigDecimal score(BigDecimal score) {
    BigDecimal s = score.signum() == 0 ? BigDecimal.ZERO : score.stripTrailingZeros();
    return s.scale() < 1 ? s.setScale(1) : s;
  }

  /**
   * A score's canonical text.
   *
   * @param score the score
   * @return for example {@code 10.0} or {@code 23.2}
   */
  static String scoreText(BigDecimal score) {
    return score(score).toPlainString();
  }

  /**
   * A score as the scenario wrote it: plain digits, the scale kept ({@code 40} stays {@code 40},
   * {@code 52.10} stays {@code 52.10}), as the spec's examples print {@code oldScore} and {@code
   * newScore}.
   *
   * @param score the score
   * @return its plain text
   */
  static String asWritten(BigDecimal score) {
    return score.toPlainString();
  }
}
