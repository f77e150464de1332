package dev.rebalance.api;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A scored symbol the bot could buy, with what the decision's guards may use when it is known: the
 * latest price, whether the asset trades in fractions, and its bid-ask spread in basis points.
 *
 * <p>Instances are immutable and thread-safe. Two candidates are equal when all their attributes
 * are equal, decimals by {@link BigDecimal#equals} ({@code 1.0} and {@code 1.00} differ here,
 * though they rank the same).
 *
 * <p>Unlike the other value types, this class is written by hand, not generated: a decision reads
 * every candidate of a scan, often thousands, and each candidate stores when it is built the two
 * values that reading needs — its symbol's hash code and its score as a {@code double} key — in
 * plain final fields, so the decision touches one small object per candidate and never its {@code
 * String} or {@code BigDecimal}. BENCHMARKS.md ("Decision engine") has the measurements.
 */
public sealed class Candidate {
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
   * A candidate with market data (price, fractionable, spread). A subclass, so that a candidate
   * without them stays the 32-byte object the decision's candidate pass reads: that pass is bound
   * by memory, and the guards' fields are read only for the few candidates a pairing walks.
   */
  private static final class WithMarketData extends Candidate {
    private final @Nullable BigDecimal price;
    private final boolean fractionable;
    private final BigDecimal spreadBps;

    WithMarketData(
        String symbol,
        BigDecimal score,
        double scoreKey,
        @Nullable BigDecimal price,
        boolean fractionable,
        BigDecimal spreadBps) {
      super(symbol, score, scoreKey);
      if (price != null) {
        Validation.positive("price", price);
      }
      Validation.nonNegative("spreadBps", Objects.requireNonNull(spreadBps, "spreadBps"));
      this.price = price;
      this.fractionable = fractionable;
      this.spreadBps = spreadBps;
    }

    @Override
    public Optional<BigDecimal> price() {
      return Optional.ofNullable(price);
    }

    @Override
    public boolean fractionable() {
      return fractionable;
    }

    @Override
    public BigDecimal spreadBps() {
      return spreadBps;
    }
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

  /**
   * A new builder, for a candidate with a price, a fractionable flag or a spread.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The ticker, compared exactly as given. */
  public final String symbol() {
    return symbol;
  }

  /** The candidate's score; compared as an exact decimal. */
  public final BigDecimal score() {
    return score;
  }

  /** The latest price, when known; {@code > 0}. Unknown prices never make a candidate unaffordable. */
  public Optional<BigDecimal> price() {
    return Optional.empty();
  }

  /** Whether the asset trades in fractional shares. Default false. */
  public boolean fractionable() {
    return false;
  }

  /** The bid-ask spread in basis points, {@code >= 0}. Default 0. */
  public BigDecimal spreadBps() {
    return BigDecimal.ZERO;
  }

  /**
   * {@code symbol().hashCode()}, stored when the candidate is built. A decision checks every
   * candidate for a repeated symbol; reading this field instead of each symbol's {@code String}
   * keeps that check to one memory access per candidate.
   *
   * @return the symbol's hash code
   */
  public final int symbolHash() {
    return symbolHash;
  }

  /** The stored score key, NaN if none (package-private for tests). */
  final double scoreKey() {
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
  public final boolean ranksAbove(Candidate other) {
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
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Candidate)) {
      return false;
    }
    Candidate c = (Candidate) o;
    return symbol.equals(c.symbol)
        && score.equals(c.score)
        && price().equals(c.price())
        && fractionable() == c.fractionable()
        && spreadBps().equals(c.spreadBps());
  }

  @Override
  public final int hashCode() {
    int h = 5381;
    h += (h << 5) + symbolHash;
    h += (h << 5) + score.hashCode();
    h += (h << 5) + price().hashCode();
    h += (h << 5) + Boolean.hashCode(fractionable());
    h += (h << 5) + spreadBps().hashCode();
    return h;
  }

  @Override
  public final String toString() {
    StringBuilder b =
        new StringBuilder("Candidate{symbol=").append(symbol).append(", score=").append(score);
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
  public static final class Builder {
    private @Nullable String symbol;
    private @Nullable BigDecimal score;
    private @Nullable BigDecimal price;
    private boolean fractionable;
    private BigDecimal spreadBps = BigDecimal.ZERO;

    Builder() {}

    /** The ticker (required). */
    public Builder symbol(String symbol) {
      this.symbol = Objects.requireNonNull(symbol, "symbol");
      return this;
    }

    /** The score, exact (required). */
    public Builder score(BigDecimal score) {
      this.score = Objects.requireNonNull(score, "score");
      return this;
    }

    /** The score as the shortest decimal of a finite double (required). */
    public Builder score(double score) {
      this.score = Scores.of(score);
      return this;
    }

    /** The latest price, {@code > 0}. Default unknown. */
    public Builder price(BigDecimal price) {
      this.price = Objects.requireNonNull(price, "price");
      return this;
    }

    /** The latest price, or unknown. Default unknown. */
    public Builder price(Optional<BigDecimal> price) {
      this.price = price.orElse(null);
      return this;
    }

    /** Whether the asset trades in fractional shares. Default false. */
    public Builder fractionable(boolean fractionable) {
      this.fractionable = fractionable;
      return this;
    }

    /** The bid-ask spread in basis points, {@code >= 0}. Default 0. */
    public Builder spreadBps(BigDecimal spreadBps) {
      this.spreadBps = Objects.requireNonNull(spreadBps, "spreadBps");
      return this;
    }

    /**
     * Builds the candidate.
     *
     * @return the candidate
     * @throws IllegalStateException if the symbol or the score is missing
     * @throws IllegalArgumentException if a value is out of range, naming the field
     */
    public Candidate build() {
      if (symbol == null || score == null) {
        throw new IllegalStateException(
            "Cannot build Candidate, some of required attributes are not set ["
                + (symbol == null ? "symbol" : "")
                + (symbol == null && score == null ? ", " : "")
                + (score == null ? "score" : "")
                + "]");
      }
      if (price == null && !fractionable && spreadBps.signum() == 0) {
        Validation.nonNegative("spreadBps", spreadBps);
        return new Candidate(symbol, score, keyOf(score));
      }
      return new WithMarketData(symbol, score, keyOf(score), price, fractionable, spreadBps);
    }
  }
}
