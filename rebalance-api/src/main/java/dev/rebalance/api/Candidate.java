package dev.rebalance.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A scored symbol the bot could buy.
 *
 * <p>Instances are immutable and thread-safe. Two candidates are equal when their symbols are equal
 * and their scores are {@link BigDecimal#equals equal} ({@code 1.0} and {@code 1.00} differ here,
 * though they rank the same).
 *
 * <p>Unlike the other value types, this class is written by hand, not generated: a decision reads
 * every candidate of a scan, often thousands, and each candidate stores when it is built the two
 * values that reading needs — its symbol's hash code and its score as a {@code double} key — in
 * plain final fields, so the decision touches one small object per candidate and never its {@code
 * String} or {@code BigDecimal}. BENCHMARKS.md ("Decision engine") has the measurements.
 */
public final class Candidate {
  private final String symbol;
  private final BigDecimal score;
  private final int symbolHash;

  /**
   * The score rounded to the nearest {@code double}, or NaN when that is costly to compute (a
   * decimal of more than 15 digits). Rounding to nearest never reverses an order: if {@code a <= b}
   * then {@code key(a) <= key(b)}. So unequal keys order their scores, and only equal keys (or a
   * missing one) need the exact decimals.
   */
  private final double scoreKey;

  private Candidate(String symbol, BigDecimal score, double scoreKey) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.score = Objects.requireNonNull(score, "score");
    Validation.symbol("symbol", symbol);
    this.symbolHash = symbol.hashCode();
    this.scoreKey = scoreKey;
  }

  /**
   * A candidate with the given score.
   *
   * @param symbol the ticker, compared exactly as given; not blank, no surrounding spaces
   * @param score the score, exact
   * @return the candidate
   * @throws NullPointerException if either is null
   * @throws IllegalArgumentException if the symbol is blank or has surrounding spaces
   */
  public static Candidate of(String symbol, BigDecimal score) {
    return new Candidate(symbol, score, keyOf(Objects.requireNonNull(score, "score")));
  }

  private static double keyOf(BigDecimal score) {
    // Up to 15 digits and a scale within 22, the JDK converts with one exact division, correctly
    // rounded; a longer decimal would cost a conversion through its text, so it gets no key.
    int scale = score.scale();
    return score.precision() <= 15 && scale > -22 && scale < 22
        ? score.doubleValue()
        : Double.NaN;
  }

  /**
   * A candidate whose score is the shortest decimal that represents {@code score} ({@code 75.3}
   * stays {@code 75.3}).
   *
   * @param symbol the ticker
   * @param score the score; must be finite
   * @return the candidate
   * @throws IllegalArgumentException if the score is NaN or infinite, or the symbol is invalid
   */
  public static Candidate of(String symbol, double score) {
    // The shortest decimal of a double converts back to that same double: the key is the score.
    return new Candidate(symbol, Scores.of(score), score);
  }

  /** The ticker, compared exactly as given. */
  public String symbol() {
    return symbol;
  }

  /** The candidate's score; compared as an exact decimal. */
  public BigDecimal score() {
    return score;
  }

  /**
   * {@code symbol().hashCode()}, stored when the candidate is built. A decision checks every
   * candidate for a repeated symbol; reading this field instead of each symbol's {@code String}
   * keeps that check to one memory access per candidate.
   *
   * @return the symbol's hash code
   */
  public int symbolHash() {
    return symbolHash;
  }

  /** The stored score key, NaN if none (package-private for tests). */
  double scoreKey() {
    return scoreKey;
  }

  /**
   * Whether this candidate ranks ahead of {@code other} as a buy: a higher score, or an equal score
   * (compared as exact decimals, so {@code 1.0} equals {@code 1.00}) and a symbol that sorts first.
   * This is the order in which a decision picks the best candidates.
   *
   * @param other another candidate
   * @return true if this one ranks first; false for the same candidate
   */
  public boolean ranksAbove(Candidate other) {
    double a = scoreKey;
    double b = other.scoreKey;
    // Both comparisons are false for equal keys and for a missing (NaN) key.
    if (a > b) {
      return true;
    }
    if (a < b) {
      return false;
    }
    int c = score.compareTo(other.score);
    return c > 0 || (c == 0 && symbol.compareTo(other.symbol) < 0);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof Candidate
        && symbol.equals(((Candidate) o).symbol)
        && score.equals(((Candidate) o).score);
  }

  @Override
  public int hashCode() {
    int h = 5381;
    h += (h << 5) + symbolHash;
    h += (h << 5) + score.hashCode();
    return h;
  }

  @Override
  public String toString() {
    return "Candidate{symbol=" + symbol + ", score=" + score + "}";
  }
}
