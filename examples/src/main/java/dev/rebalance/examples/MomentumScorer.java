package dev.rebalance.examples;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * The example scorer: momentum, the return over the last {@code lookback} bars, mapped onto a 0 to
 * 100 scale ({@code 50 + 500 * return}, clamped, one decimal). A ticker up 2 % over the lookback
 * scores 60; down 2 %, 40. With the default threshold of 10 a swap needs a candidate about two
 * percentage points stronger than the weakest eligible holding.
 *
 * <p>Immutable and thread-safe if its {@link BarSource} is.
 */
public final class MomentumScorer implements Scorer {
  private static final BigDecimal MIN = BigDecimal.ZERO.setScale(1);
  private static final BigDecimal MAX = BigDecimal.valueOf(1000, 1);

  private final BarSource bars;
  private final int lookback;

  /**
   * A momentum scorer.
   *
   * @param bars where closes come from
   * @param lookback how many bars back to measure the return over, {@code >= 1} (26 is one trading
   *     day of 15-minute bars)
   */
  public MomentumScorer(BarSource bars, int lookback) {
    this.bars = Objects.requireNonNull(bars, "bars");
    if (lookback < 1) {
      throw new IllegalArgumentException("lookback must be >= 1, was " + lookback);
    }
    this.lookback = lookback;
  }

  @Override
  public Optional<BigDecimal> score(String symbol) {
    double[] c = bars.closes(symbol, lookback + 1);
    if (c.length < 2) {
      return Optional.empty();
    }
    double ret = c[c.length - 1] / c[0] - 1.0;
    double score = 50.0 + 500.0 * ret;
    long tenths = Math.round(score * 10.0);
    BigDecimal v = BigDecimal.valueOf(tenths, 1);
    return Optional.of(v.max(MIN).min(MAX).setScale(1, RoundingMode.UNNECESSARY));
  }
}
