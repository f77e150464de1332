package dev.rebalance.examples;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * An example of writing your own {@link Scorer} in a few lines: prefers steady risers by scoring
 * the share of up-bars in the recent past (0 to 100). Run the bot with it using {@code --scorer
 * steadiness}.
 *
 * <p>Immutable and thread-safe if its {@link BarSource} is.
 */
public final class SteadinessScorer implements Scorer {
  private final BarSource bars;

  /**
   * A scorer over the last 26 bars.
   *
   * @param bars where closes come from
   */
  public SteadinessScorer(BarSource bars) {
    this.bars = bars;
  }

  @Override
  public Optional<BigDecimal> score(String symbol) {
    double[] c = bars.closes(symbol, 27);
    if (c.length < 2) {
      return Optional.empty();
    }
    int up = 0;
    for (int i = 1; i < c.length; i++) {
      if (c[i] > c[i - 1]) {
        up++;
      }
    }
    // One decimal, 0 to 100: the share of bars that closed higher than the one before.
    return Optional.of(BigDecimal.valueOf(Math.round(1000.0 * up / (c.length - 1)), 1));
  }
}
