package dev.rebalance.core;

import dev.rebalance.api.Identifiers;
import java.math.BigDecimal;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What a bot brings to one {@link RebalanceSession#scan scan}: its scores, and optionally prices.
 *
 * <p>Every scored symbol is considered: the held ones as positions the engine may sell, the others
 * as candidates it may buy. A held position without a score is left out of the decision (it is
 * never sold by a swap; the {@link ScanReport} names it). Prices are optional: a held position's
 * price comes from the broker, and a candidate's price given here is passed to the engine (the
 * affordability guard uses it); without one, the session asks the broker for the latest price.
 *
 * <pre>{@code
 * ScanInput input = ScanInput.builder()
 *     .putScores("PEP", new BigDecimal("52.1"))
 *     .putScores("TSLA", new BigDecimal("75.3"))
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class ScanInput {

  /** The score of each symbol, compared as exact decimals. */
  public abstract Map<String, BigDecimal> scores();

  /** Known prices, by symbol; each {@code > 0}. */
  public abstract Map<String, BigDecimal> prices();

  @Value.Check
  void check() {
    for (String symbol : scores().keySet()) {
      Identifiers.checkSymbol("scores", symbol);
    }
    for (Map.Entry<String, BigDecimal> e : prices().entrySet()) {
      Identifiers.checkSymbol("prices", e.getKey());
      if (e.getValue().signum() <= 0) {
        throw new IllegalArgumentException(
            "prices[" + e.getKey() + "] must be > 0, was " + e.getValue().toPlainString());
      }
    }
  }

  /**
   * Scores alone.
   *
   * @param scores the score of each symbol
   * @return the input
   */
  public static ScanInput of(Map<String, BigDecimal> scores) {
    return builder().putAllScores(scores).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ScanInput}; not thread-safe. */
  public static final class Builder extends ImmutableScanInput.Builder {
    Builder() {}
  }
}
