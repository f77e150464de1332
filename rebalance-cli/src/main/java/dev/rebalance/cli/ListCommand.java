package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/**
 * {@code rebalance list}: the tracked entries with entry time, where it came from, entry price,
 * quantity, score, how long held and lock status. JSON: an array of {@code {symbol, entryTime,
 * entrySource, entryPrice, qty, score, reason, heldFor, locked, lockReason}}.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "list", description = "List tracked entries with their lock status.")
public final class ListCommand extends ManagementCommand {

  /** Creates the command (picocli calls this). */
  public ListCommand() {}

  @Override
  int run(TrackerStore store, String account) {
    Instant now = clock().instant();
    List<TrackedEntry> entries = store.entries(account);
    Map<String, PositionLock> active =
        store.locks(account).stream()
            .filter(l -> l.isActiveAt(now))
            .collect(Collectors.toMap(PositionLock::symbol, Function.identity()));
    if (json) {
      ArrayNode a = Output.array();
      for (TrackedEntry e : entries) {
        ObjectNode n = a.addObject();
        n.put("symbol", e.symbol());
        n.put("entryTime", e.entryTime().toString());
        n.put("entrySource", e.source().name());
        Output.put(n, "entryPrice", e.entryPrice());
        Output.put(n, "qty", e.qty());
        Output.put(n, "score", e.score());
        Output.put(n, "reason", e.reason());
        n.put("heldFor", Duration.between(e.entryTime(), now).toString());
        PositionLock l = active.get(e.symbol());
        n.put("locked", l != null);
        Output.put(n, "lockReason", Optional.ofNullable(l).flatMap(PositionLock::reason));
      }
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (entries.isEmpty()) {
      out().println("No tracked entries.");
      out().flush();
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (TrackedEntry e : entries) {
      rows.add(
          List.of(
              e.symbol(),
              Output.time(e.entryTime()),
              e.source().name(),
              Output.dec(e.entryPrice()),
              Output.dec(e.qty()),
              Output.dec(e.score()),
              held(Duration.between(e.entryTime(), now)),
              active.containsKey(e.symbol()) ? "[locked]" : ""));
    }
    Output.printTable(
        out(),
        List.of("SYMBOL", "ENTRY TIME", "SOURCE", "ENTRY PRICE", "QTY", "SCORE", "HELD", "LOCK"),
        rows);
    return ExitCodes.OK;
  }

  private static String held(Duration d) {
    if (d.isNegative()) {
      return "-";
    }
    long days = d.toDays();
    long hours = d.toHoursPart();
    long minutes = d.toMinutesPart();
    return days > 0 ? days + "d " + hours + "h" : hours > 0 ? hours + "h " + minutes + "m" : minutes + "m";
  }
}
