package dev.rebalance.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.json.RebalanceJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of one simulated run: how many swaps, how much they improved the scores, whether they
 * paid off against keeping the sold shares, turnover and costs, and the final equity against simply
 * holding the positions bought on the first scan.
 *
 * @param label a name for the run (the config file in a comparison)
 * @param account the account id the run was recorded under
 * @param seed the market's seed
 * @param days trading days simulated
 * @param scans scans run
 * @param symbols the universe size
 * @param maxPositions the most positions held
 * @param config the rebalancing settings
 * @param swaps swaps recorded in the store's history
 * @param incompleteSwaps swaps the executor did not complete (for example proceeds too small for
 *     one whole share of a non-fractionable symbol)
 * @param avgScoreDiff the average score improvement, when there were swaps
 * @param minScoreDiff the smallest score improvement, when there were swaps
 * @param maxScoreDiff the largest score improvement, when there were swaps
 * @param swapsPaidOff swaps whose purchase returned more by the end than the sold shares would have
 *     ({@link dev.rebalance.core.stats.RebalanceMetrics})
 * @param payoff money gained (negative: lost) by the swaps against keeping the sold shares, at the
 *     final prices: {@code Σ soldQty × sellPrice × (boughtReturn − soldReturn)}
 * @param turnover the money traded (buys and sells) as a multiple of the starting cash
 * @param costs trading costs paid (price impact and commissions)
 * @param startingCash the cash at the start
 * @param finalEquity cash plus positions at the end
 * @param buyAndHoldEquity what the positions bought on the first scan (plus the cash left) would be
 *     worth at the end
 * @param refusals notable refusals by guardrail ({@code COOLDOWN}, {@code LOCKED}, ...)
 * @param decisions decisions by primary reason ({@code SWAP}, {@code COOLDOWN}, ...)
 */
public record RunSummary(
    String label,
    String account,
    long seed,
    int days,
    long scans,
    int symbols,
    int maxPositions,
    RebalanceConfig config,
    long swaps,
    long incompleteSwaps,
    Optional<BigDecimal> avgScoreDiff,
    Optional<BigDecimal> minScoreDiff,
    Optional<BigDecimal> maxScoreDiff,
    long swapsPaidOff,
    BigDecimal payoff,
    BigDecimal turnover,
    BigDecimal costs,
    BigDecimal startingCash,
    BigDecimal finalEquity,
    BigDecimal buyAndHoldEquity,
    Map<String, Long> refusals,
    Map<String, Long> decisions) {

  /** The final equity's return on the starting cash, in percent. */
  public BigDecimal returnPct() {
    return pct(finalEquity);
  }

  /** Buy-and-hold's return on the starting cash, in percent. */
  public BigDecimal buyAndHoldReturnPct() {
    return pct(buyAndHoldEquity);
  }

  private BigDecimal pct(BigDecimal equity) {
    return equity
        .subtract(startingCash)
        .multiply(BigDecimal.valueOf(100))
        .divide(startingCash, 2, RoundingMode.HALF_EVEN);
  }

  /**
   * The summary as a JSON object (decimals as JSON numbers, written plainly).
   *
   * @return the JSON tree
   */
  public ObjectNode toJson() {
    ObjectNode n = RebalanceJson.json().createObjectNode();
    n.put("label", label);
    n.put("account", account);
    n.put("seed", seed);
    n.put("days", days);
    n.put("scans", scans);
    n.put("symbols", symbols);
    n.put("maxPositions", maxPositions);
    ObjectNode c = n.putObject("config");
    c.put("enabled", config.enabled());
    c.put("scoreThreshold", config.scoreThreshold());
    c.put("minHoldTime", config.minHoldTime().toString());
    c.put("cooldown", config.cooldown().toString());
    c.put("sellFraction", config.sellFraction());
    c.put("unknownEntryTime", config.unknownEntryTime().name());
    c.put("maxSwapsPerScan", config.maxSwapsPerScan());
    n.put("swaps", swaps);
    n.put("incompleteSwaps", incompleteSwaps);
    putOpt(n, "avgScoreDiff", avgScoreDiff);
    putOpt(n, "minScoreDiff", minScoreDiff);
    putOpt(n, "maxScoreDiff", maxScoreDiff);
    n.put("swapsPaidOff", swapsPaidOff);
    n.put("payoff", payoff);
    n.put("turnover", turnover);
    n.put("costs", costs);
    n.put("startingCash", startingCash);
    n.put("finalEquity", finalEquity);
    n.put("returnPct", returnPct());
    n.put("buyAndHoldEquity", buyAndHoldEquity);
    n.put("buyAndHoldReturnPct", buyAndHoldReturnPct());
    ObjectNode r = n.putObject("refusals");
    new TreeMap<>(refusals).forEach(r::put);
    ObjectNode d = n.putObject("decisions");
    new TreeMap<>(decisions).forEach(d::put);
    return n;
  }

  private static void putOpt(ObjectNode n, String field, Optional<BigDecimal> v) {
    if (v.isPresent()) {
      n.put(field, v.get());
    } else {
      n.putNull(field);
    }
  }
}
