package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.PriceSource;
import dev.rebalance.core.RebalanceMetrics;
import dev.rebalance.core.RebalanceStats;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rebalance stats [--price SYMBOL=PRICE]...}: how many swaps, the average, smallest and
 * largest score improvement, the last rebalance, and — for swaps whose symbols have a current price
 * given with {@code --price} — whether swapping paid off (see {@link RebalanceMetrics}). JSON:
 * {@code {totalRebalances, avgScoreImprovement, minScoreImprovement, maxScoreImprovement,
 * lastRebalance, swapsWithPayoff, swapsWithoutPrices, swapsPaidOff, amountSwapped, boughtReturn,
 * soldReturn, excessReturn, payoffAmount}}.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "stats", description = "Show rebalancing statistics and payoff.")
public final class StatsCommand extends ManagementCommand {

  @Option(
      names = "--price",
      paramLabel = "SYMBOL=PRICE",
      description = "A current price for the payoff; repeat for each symbol.")
  Map<String, BigDecimal> prices = new LinkedHashMap<>();

  /** Creates the command (picocli calls this). */
  public StatsCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    Map<String, BigDecimal> upper = new LinkedHashMap<>();
    prices.forEach(
        (k, v) -> {
          if (v.signum() <= 0) {
            throw new IllegalArgumentException(
                "--price " + k + " must be > 0, was " + v.toPlainString());
          }
          upper.put(k.strip().toUpperCase(Locale.ROOT), v);
        });
    RebalanceStats s = RebalanceMetrics.compute(store, account, PriceSource.of(upper));
    if (json) {
      ObjectNode n = Output.stats(s);
      Output.printJson(out(), n);
      return ExitCodes.OK;
    }
    Output.printTable(
        out(),
        List.of("STATISTIC", "VALUE"),
        List.of(
            List.of("Total rebalances", Long.toString(s.totalRebalances())),
            List.of("Average score improvement", Output.dec(s.avgScoreImprovement())),
            List.of("Min score improvement", Output.dec(s.minScoreImprovement())),
            List.of("Max score improvement", Output.dec(s.maxScoreImprovement())),
            List.of("Last rebalance", Output.time(s.lastRebalance())),
            List.of("Swaps with payoff", Long.toString(s.swapsWithPayoff())),
            List.of("Swaps without prices", Long.toString(s.swapsWithoutPrices())),
            List.of("Swaps that paid off", Long.toString(s.swapsPaidOff())),
            List.of("Amount swapped", s.amountSwapped().toPlainString()),
            List.of("Return of what was bought", Output.dec(s.boughtReturn())),
            List.of("Return of what was sold", Output.dec(s.soldReturn())),
            List.of("Excess return", Output.dec(s.excessReturn())),
            List.of("Payoff amount", s.payoffAmount().toPlainString())));
    return ExitCodes.OK;
  }
}
