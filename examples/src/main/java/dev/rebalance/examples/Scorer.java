package dev.rebalance.examples;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a symbol: the higher, the more the bot wants to hold it. This is the part of a trading bot
 * that Rebalance leaves to you; the {@link dev.rebalance.core.decision.Rebalancer} only compares
 * scores. Scores are exact decimals ({@code 52.1}); a swap happens when a candidate beats the
 * weakest eligible position by the configured threshold, so keep scores on a stable scale (the
 * examples use roughly 0 to 100).
 *
 * <p>Implementations should be thread-safe; the example bot calls one scorer from its scan thread.
 */
@FunctionalInterface
public interface Scorer {

  /**
   * Scores one symbol.
   *
   * @param symbol the ticker
   * @return the score, or empty when the scorer cannot score it now (too little history)
   */
  Optional<BigDecimal> score(String symbol);

  /**
   * Scores many symbols.
   *
   * @param symbols the tickers
   * @return the scores of those that could be scored, in the order given
   */
  default Map<String, BigDecimal> scoreAll(Collection<String> symbols) {
    Map<String, BigDecimal> out = new LinkedHashMap<>();
    for (String s : symbols) {
      score(s).ifPresent(v -> out.put(s, v));
    }
    return out;
  }
}
