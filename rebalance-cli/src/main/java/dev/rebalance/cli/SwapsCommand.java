package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * {@code rebalance swaps}: the account's unfinished swaps (the open {@link SwapIntent}s that {@code
 * SwapExecutor} recorded in the store, oldest first), so an interrupted swap is visible without a
 * broker. JSON: an array of {@code {id, status, sellSymbol, sellQty, sellFraction, buySymbol,
 * createdAt, updatedAt, sellOrderId, sellFilledQty, sellPrice, buyOrderId, buyFilledQty, buyPrice,
 * detail}}.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "swaps", description = "List unfinished swaps (open swap intents) from the store.")
public final class SwapsCommand extends ManagementCommand {

  /** Creates the command (picocli calls this). */
  public SwapsCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    // What SwapExecutor.status() returns, read from the store directly: no broker is needed.
    List<SwapIntent> intents = store.openIntents(account);
    if (json) {
      ArrayNode a = Output.array();
      for (SwapIntent i : intents) {
        ObjectNode n = a.addObject();
        n.put("id", i.id());
        n.put("status", i.status().name());
        n.put("sellSymbol", i.sellSymbol());
        n.put("sellQty", i.sellQty());
        n.put("sellFraction", i.sellFraction());
        n.put("buySymbol", i.buySymbol());
        n.put("createdAt", i.createdAt().toString());
        n.put("updatedAt", i.updatedAt().toString());
        Output.put(n, "sellOrderId", i.sellOrderId());
        Output.put(n, "sellFilledQty", i.sellFilledQty());
        Output.put(n, "sellPrice", i.sellPrice());
        Output.put(n, "buyOrderId", i.buyOrderId());
        Output.put(n, "buyFilledQty", i.buyFilledQty());
        Output.put(n, "buyPrice", i.buyPrice());
        Output.put(n, "detail", i.detail());
      }
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (intents.isEmpty()) {
      out().println("No unfinished swaps" + emptyAccountNote(store, account) + ".");
      out().flush();
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (SwapIntent i : intents) {
      rows.add(
          List.of(
              i.id(),
              i.status().name(),
              i.sellSymbol(),
              HumanFormat.quantity(i.sellQty()),
              i.buySymbol(),
              time(i.createdAt()),
              time(i.updatedAt()),
              Output.text(i.detail())));
    }
    Output.printTable(
        out(), List.of("ID", "STATUS", "SELL", "QTY", "BUY", "CREATED", "UPDATED", "DETAIL"), rows);
    return ExitCodes.OK;
  }
}
