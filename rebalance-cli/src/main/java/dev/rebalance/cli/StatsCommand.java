package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.stats.PriceSource;
import dev.rebalance.core.stats.RebalanceMetrics;
import dev.rebalance.core.stats.RebalanceStats;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

  @Mixin PriceOptions priceOptions;

  /** Creates the command (picocli calls this). */
  public StatsCommand() {}

  private Map<String, BigDecimal> upper;

  @Override
  void validate() {
    upper = priceOptions.prices();
  }

  @Override
  int run(TrackerStore store, String account) {
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
            List.of("Average score improvement", HumanFormat.score(s.avgScoreImprovement())),
            List.of("Min score improvement", HumanFormat.score(s.minScoreImprovement())),
            List.of("Max score improvement", HumanFormat.score(s.maxScoreImprovement())),
            List.of("Last rebalance", time(s.lastRebalance())),
            List.of("Swaps with payoff", Long.toString(s.swapsWithPayoff())),
            List.of("Swaps without prices", Long.toString(s.swapsWithoutPrices())),
            List.of("Swaps that paid off", Long.toString(s.swapsPaidOff())),
            List.of("Amount swapped", HumanFormat.money(s.amountSwapped())),
            List.of("Return of what was bought", HumanFormat.percent(s.boughtReturn())),
            List.of("Return of what was sold", HumanFormat.percent(s.soldReturn())),
            List.of("Excess return", HumanFormat.percent(s.excessReturn())),
            List.of("Payoff amount", HumanFormat.money(s.payoffAmount()))));
    if (s.totalRebalances() == 0) {
      String note = emptyAccountNote(store, account);
      if (!note.isEmpty()) {
        out().println("No rebalances" + note + ".");
        out().flush();
      }
    }
    return ExitCodes.OK;
  }
}
