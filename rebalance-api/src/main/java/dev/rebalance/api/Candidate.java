package dev.rebalance.api;

import java.math.BigDecimal;
import org.immutables.value.Value;

/**
 * A scored symbol the bot could buy.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Candidate {

  /** The ticker, compared exactly as given. */
  @Value.Parameter
  public abstract String symbol();

  /** The candidate's score; compared as an exact decimal. */
  @Value.Parameter
  public abstract BigDecimal score();

  @Value.Check
  void check() {
    Validation.symbol("symbol", symbol());
  }

  /**
   * A candidate with the given score.
   *
   * @param symbol the ticker
   * @param score the score, exact
   * @return the candidate
   */
  public static Candidate of(String symbol, BigDecimal score) {
    return ImmutableCandidate.of(symbol, score);
  }

  /**
   * A candidate whose score is the shortest decimal that represents {@code score} ({@code 75.3}
   * stays {@code 75.3}).
   *
   * @param symbol the ticker
   * @param score the score; must be finite
   * @return the candidate
   * @throws IllegalArgumentException if the score is NaN or infinite
   */
  public static Candidate of(String symbol, double score) {
    return of(symbol, Scores.of(score));
  }
}
