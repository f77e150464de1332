package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.tracking.EntryReconciler;
import dev.rebalance.core.tracking.ReconciliationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code rebalance reconcile}: runs the start-up reconciliation ({@link EntryReconciler}) of the
 * store's entries against the Alpaca account named by the {@code APCA_*} environment variables, on
 * demand, and prints what it found: entries reconstructed from fill history (with their times),
 * held positions left without an entry time (with the reason), tracked entries closed because the
 * position is gone, and positions already tracked. JSON: {@code {reconstructed: [entry...],
 * unknown: [{symbol, reason}], closed: [entry...], alreadyTracked: [symbol...], clean}} with each
 * entry {@code {symbol, entryTime, entrySource, entryPrice, qty}}.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(
    name = "reconcile",
    description =
        "Reconcile tracked entries with the live Alpaca positions and fill history"
            + " (needs APCA_API_KEY_ID and APCA_API_SECRET_KEY).")
public final class ReconcileCommand extends ManagementCommand {

  /** Creates the command (picocli calls this). */
  public ReconcileCommand() {}

  @Override
  boolean writes() {
    return true;
  }

  @Override
  int run(TrackerStore store, String account) {
    Map<String, String> env = environment();
    if (!AlpacaAccess.configured(env)) {
      return AlpacaAccess.missingKeys(err(), "reconcile", env);
    }
    AlpacaBroker broker = AlpacaAccess.broker(env);
    return AlpacaAccess.call(
        err(),
        () -> {
          ReconciliationReport report =
              EntryReconciler.builder()
                  .broker(broker)
                  .store(store)
                  .account(account)
                  .clock(clock())
                  .build()
                  .reconcile();
          return json ? printJson(report) : printText(report);
        });
  }

  private int printJson(ReconciliationReport r) {
    ObjectNode root = Output.NODES.objectNode();
    ArrayNode reconstructed = root.putArray("reconstructed");
    r.reconstructed().forEach(e -> entry(reconstructed.addObject(), e));
    ArrayNode unknown = root.putArray("unknown");
    r.unknown()
        .forEach(
            (symbol, reason) -> {
              ObjectNode n = unknown.addObject();
              n.put("symbol", symbol);
              n.put("reason", reason);
            });
    ArrayNode closed = root.putArray("closed");
    r.closed().forEach(e -> entry(closed.addObject(), e));
    ArrayNode already = root.putArray("alreadyTracked");
    r.alreadyTracked().forEach(already::add);
    root.put("clean", r.isClean());
    Output.printJson(out(), root);
    return ExitCodes.OK;
  }

  private static void entry(ObjectNode n, TrackedEntry e) {
    n.put("symbol", e.symbol());
    n.put("entryTime", e.entryTime().toString());
    n.put("entrySource", e.source().name());
    Output.put(n, "entryPrice", e.entryPrice());
    Output.put(n, "qty", e.qty());
  }

  private int printText(ReconciliationReport r) {
    out().println("Reconstructed from fill history: " + r.reconstructed().size());
    table(r.reconstructed());
    out().println("Held without a known entry time: " + r.unknown().size());
    List<List<String>> rows = new ArrayList<>();
    r.unknown()
        .forEach((symbol, reason) -> rows.add(List.of("  " + symbol, Output.printable(reason))));
    if (!rows.isEmpty()) {
      Output.printTable(out(), List.of("  SYMBOL", "REASON"), rows);
    }
    out().println("Closed (no longer held): " + r.closed().size());
    table(r.closed());
    out()
        .println(
            "Already tracked: "
                + r.alreadyTracked().size()
                + (r.alreadyTracked().isEmpty()
                    ? ""
                    : " (" + String.join(", ", r.alreadyTracked()) + ")"));
    out().println(r.isClean() ? "Store and broker agree." : "Store updated; see above.");
    out().flush();
    return ExitCodes.OK;
  }

  private void table(List<TrackedEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (TrackedEntry e : entries) {
      rows.add(
          List.of(
              "  " + e.symbol(),
              time(e.entryTime()),
              e.source().name(),
              HumanFormat.money(e.entryPrice()),
              HumanFormat.quantity(e.qty())));
    }
    Output.printTable(
        out(), List.of("  SYMBOL", "ENTRY TIME", "SOURCE", "ENTRY PRICE", "QTY"), rows);
  }
}
