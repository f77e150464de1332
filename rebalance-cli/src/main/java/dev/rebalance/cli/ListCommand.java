package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.spi.TrackerStore;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>When {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY} are set it lists the LIVE
 * positions from Alpaca instead, joined with the tracked entries: JSON {@code {symbol, qty,
 * entryTime, entrySource, entryPrice, currentPrice, unrealizedPlPct, locked}} ({@code entryTime}
 * and {@code entrySource} are {@code null} for an untracked position; {@code unrealizedPlPct} is a
 * fraction, 0.2 being 20 %).
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
    Map<String, String> env = environment();
    if (AlpacaAccess.configured(env)) {
      AlpacaBroker broker = AlpacaAccess.broker(env);
      return AlpacaAccess.call(err(), () -> live(broker.positions(), entries, active));
    }
    if (json) {
      ArrayNode a = Output.array();
      for (TrackedEntry e : entries) {
        a.add(Output.entry(e, Optional.ofNullable(active.get(e.symbol())), now));
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

  private int live(
      List<BrokerPosition> positions, List<TrackedEntry> entries, Map<String, PositionLock> active) {
    Map<String, TrackedEntry> tracked =
        entries.stream()
            .collect(Collectors.toMap(TrackedEntry::symbol, Function.identity(), (a, b) -> a));
    List<BrokerPosition> sorted = new ArrayList<>(positions);
    sorted.sort(Comparator.comparing(BrokerPosition::symbol));
    if (json) {
      ArrayNode a = Output.array();
      for (BrokerPosition p : sorted) {
        Optional<TrackedEntry> e = Optional.ofNullable(tracked.get(p.symbol()));
        ObjectNode n = a.addObject();
        n.put("symbol", p.symbol());
        n.put("qty", p.qty());
        Output.put(n, "entryTime", e.map(TrackedEntry::entryTime));
        Output.put(n, "entrySource", e.map(x -> x.source().name()));
        Output.put(n, "entryPrice", entryPrice(p, e));
        Output.put(n, "currentPrice", p.currentPrice());
        Output.put(n, "unrealizedPlPct", plPct(p, e));
        n.put("locked", active.containsKey(p.symbol()));
      }
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (sorted.isEmpty()) {
      out().println("No open positions at Alpaca.");
      out().flush();
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (BrokerPosition p : sorted) {
      Optional<TrackedEntry> e = Optional.ofNullable(tracked.get(p.symbol()));
      rows.add(
          List.of(
              p.symbol(),
              p.qty().toPlainString(),
              e.map(x -> Output.time(x.entryTime())).orElse("unknown"),
              e.map(x -> x.source().name()).orElse("untracked"),
              Output.dec(entryPrice(p, e)),
              Output.dec(p.currentPrice()),
              plPct(p, e)
                  .map(f -> f.movePointRight(2).setScale(2, RoundingMode.HALF_EVEN).toPlainString() + "%")
                  .orElse("-"),
              active.containsKey(p.symbol()) ? "[locked]" : ""));
    }
    Output.printTable(
        out(),
        List.of("SYMBOL", "QTY", "ENTRY TIME", "SOURCE", "ENTRY PRICE", "CURRENT PRICE", "P/L %", "LOCK"),
        rows);
    return ExitCodes.OK;
  }

  /** The tracked entry price, else Alpaca's average entry price. */
  private static Optional<BigDecimal> entryPrice(BrokerPosition p, Optional<TrackedEntry> e) {
    return e.flatMap(TrackedEntry::entryPrice).or(() -> Optional.of(p.avgEntryPrice()));
  }

  /** Alpaca's reported P/L fraction, else current price over entry price minus one. */
  private static Optional<BigDecimal> plPct(BrokerPosition p, Optional<TrackedEntry> e) {
    if (p.unrealizedPlPct().isPresent()) {
      return p.unrealizedPlPct();
    }
    Optional<BigDecimal> entry = entryPrice(p, e).filter(x -> x.signum() > 0);
    if (p.currentPrice().isEmpty() || entry.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        p.currentPrice().get().divide(entry.get(), MathContext.DECIMAL64).subtract(BigDecimal.ONE));
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
