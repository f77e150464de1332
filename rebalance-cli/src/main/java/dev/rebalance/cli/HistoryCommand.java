package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rebalance history [--limit N]}: the newest swaps first (default 50; N at least 1). JSON:
 * an array of {@code {timestamp, oldSymbol, newSymbol, oldScore, newScore, scoreDiff, soldQty,
 * sellFraction, sellPrice, boughtQty, buyPrice}}.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "history", description = "Show the rebalance history, newest first.")
public final class HistoryCommand extends ManagementCommand {

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description = "At most this many swaps, at least 1 (default: ${DEFAULT-VALUE}).")
  int limit;

  /** Creates the command (picocli calls this). */
  public HistoryCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    if (limit < 1) {
      throw new IllegalArgumentException(
          "--limit must be at least 1 (the number of newest swaps to show), was " + limit);
    }
    List<RebalanceEvent> events = store.history(account, limit, 0);
    if (json) {
      ArrayNode a = Output.array();
      events.forEach(e -> a.add(Output.event(e)));
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (events.isEmpty()) {
      out().println("No rebalances recorded" + emptyAccountNote(store, account) + ".");
      out().flush();
      return ExitCodes.OK;
    }
    Output.printTable(
        out(),
        List.of(
            "TIMESTAMP", "SOLD", "BOUGHT", "OLD SCORE", "NEW SCORE", "DIFF", "SOLD QTY", "SOLD %"),
        events.stream()
            .map(
                e ->
                    List.of(
                        time(e.timestamp()),
                        e.oldSymbol(),
                        e.newSymbol(),
                        HumanFormat.score(e.oldScore()),
                        HumanFormat.score(e.newScore()),
                        HumanFormat.scoreDiff(e.scoreDiff()),
                        HumanFormat.quantity(e.soldQty()),
                        HumanFormat.percent(e.sellFraction())))
            .toList());
    return ExitCodes.OK;
  }
}
