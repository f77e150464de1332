package dev.rebalance.api;

import java.math.BigDecimal;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A scored symbol the bot could buy, with what the decision's guards may use when it is known: the
 * latest price, whether the asset trades in fractions, and its bid-ask spread in basis points.
 *
 * <p>Build one with {@link #of(String, BigDecimal)} or {@link #of(String, double)} when only the
 * score is known, or with {@link #builder()} to add market data. Two candidates are equal when all
 * their attributes are equal, decimals by {@link BigDecimal#equals} ({@code 1.0} and {@code 1.00}
 * differ here, though a decision ranks them the same).
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class Candidate {

  /** The ticker, compared exactly as given; not blank, no surrounding spaces. */
  @Value.Parameter
  public abstract String symbol();

  /** The candidate's score; compared as an exact decimal. */
  @Value.Parameter
  public abstract BigDecimal score();

  /**
   * The latest price, when known; {@code > 0}. Unknown prices never make a candidate unaffordable.
   */
  public abstract Optional<BigDecimal> price();

  /** Whether the asset trades in fractional shares. Default false. */
  @Value.Default
  public boolean fractionable() {
    return false;
  }

  /** The bid-ask spread in basis points, {@code >= 0}. Default 0. */
  @Value.Default
  public BigDecimal spreadBps() {
    return BigDecimal.ZERO;
  }

  @Value.Check
  void check() {
    Validation.symbol("symbol", symbol());
    price().ifPresent(p -> Validation.positive("price", p));
    Validation.nonNegative("spreadBps", spreadBps());
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
    return ImmutableCandidate.of(symbol, score);
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
    return of(symbol, Scores.of(score));
  }

  /**
   * A new builder, for a candidate with a price, a fractionable flag or a spread.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The symbol and the score, then only the market data that is set: {@code Candidate{symbol=AAPL,
   * score=7.5}}.
   */
  @Override
  public String toString() {
    StringBuilder b =
        new StringBuilder("Candidate{symbol=").append(symbol()).append(", score=").append(score());
    price().ifPresent(p -> b.append(", price=").append(p));
    if (fractionable()) {
      b.append(", fractionable=true");
    }
    if (spreadBps().signum() != 0) {
      b.append(", spreadBps=").append(spreadBps());
    }
    return b.append('}').toString();
  }

  /**
   * Builds a {@link Candidate}: {@code symbol} and {@code score} are required, the rest optional.
   * Not thread-safe.
   */
  public static final class Builder extends ImmutableCandidate.Builder {
    Builder() {}

    /**
     * The score as the shortest decimal of a finite double (required, or {@link
     * #score(BigDecimal)}).
     *
     * @param score a finite double
     * @return this builder
     * @throws IllegalArgumentException if the score is NaN or infinite
     */
    public Builder score(double score) {
      return score(Scores.of(score));
    }
  }
}
