package dev.rebalance.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rebalance list}: the tracked entries with entry time, where it came from, entry price,
 * quantity, score, how long held and lock status. JSON: an array of {@code {symbol, entryTime,
 * entrySource, entryPrice, qty, score, reason, heldFor, locked, lockReason}}.
 *
 * <p>When {@code APCA_API_KEY_ID} and {@code APCA_API_SECRET_KEY} are set it lists the LIVE
 * positions from Alpaca instead, joined with the tracked entries, priced by the position or else by
 * the latest trade: JSON {@code {symbol, qty, side, entryTime, entrySource, entryPrice,
 * currentPrice, unrealizedPlPct, locked}} ({@code side} is {@code short} for a negative quantity;
 * {@code entryTime} and {@code entrySource} are {@code null} for an untracked position; {@code
 * unrealizedPlPct} is a fraction, 0.2 being 20 %).
 *
 * <p>Not thread-safe; one instance per invocation.
 */
@Command(name = "list", description = "List tracked entries with their lock status.")
public final class ListCommand extends ManagementCommand {

  /** What {@code HELD} is measured to. */
  enum HeldAt {
    /** The current time. */
    NOW,
    /** The account's last activity: its newest entry time or last rebalance. */
    LAST_ACTIVITY
  }

  /** Accepts {@code now} and {@code last-activity}. */
  static final class HeldAtConverter implements CommandLine.ITypeConverter<HeldAt> {
    @Override
    public HeldAt convert(String value) {
      switch (value.strip().toLowerCase(Locale.ROOT)) {
        case "now":
          return HeldAt.NOW;
        case "last-activity":
          return HeldAt.LAST_ACTIVITY;
        default:
          throw new CommandLine.TypeConversionException(
              "expected now or last-activity, was " + Identifiers.quote(value));
      }
    }
  }

  /** An account idle for longer than this gets a hint that HELD runs to the wall clock. */
  static final Duration IDLE_HINT = Duration.ofDays(7);

  @Option(
      names = "--held-at",
      paramLabel = "now|last-activity",
      defaultValue = "now",
      converter = HeldAtConverter.class,
      description =
          "Measure HELD (and heldFor) to now (default) or to the account's last activity, for"
              + " simulated or idle accounts.")
  HeldAt heldAt = HeldAt.NOW;

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
      return AlpacaAccess.call(err(), () -> live(broker, entries, active));
    }
    Optional<Instant> lastActivity =
        Stream.concat(
                entries.stream().map(TrackedEntry::entryTime),
                store.lastRebalance(account).stream())
            .max(Comparator.naturalOrder());
    Instant heldTo = heldAt == HeldAt.LAST_ACTIVITY ? lastActivity.orElse(now) : now;
    if (json) {
      ArrayNode a = Output.array();
      for (TrackedEntry e : entries) {
        a.add(Output.entry(e, Optional.ofNullable(active.get(e.symbol())), heldTo));
      }
      Output.printJson(out(), a);
      return ExitCodes.OK;
    }
    if (entries.isEmpty()) {
      out().println("No tracked entries" + emptyAccountNote(store, account) + ".");
      out().flush();
      return ExitCodes.OK;
    }
    List<List<String>> rows = new ArrayList<>();
    for (TrackedEntry e : entries) {
      rows.add(
          List.of(
              e.symbol(),
              time(e.entryTime()),
              e.source().name(),
              HumanFormat.money(e.entryPrice()),
              HumanFormat.quantity(e.qty()),
              HumanFormat.score(e.score()),
              HumanFormat.duration(Duration.between(e.entryTime(), heldTo)),
              active.containsKey(e.symbol()) ? "[locked]" : ""));
    }
    Output.printTable(
        out(),
        List.of("SYMBOL", "ENTRY TIME", "SOURCE", "ENTRY PRICE", "QTY", "SCORE", "HELD", "LOCK"),
        rows);
    out()
        .println(
            heldAt == HeldAt.LAST_ACTIVITY
                ? "HELD: to the account's last activity, " + time(heldTo) + "."
                : "HELD: to now, " + time(now) + ".");
    if (heldAt == HeldAt.NOW
        && lastActivity.isPresent()
        && Duration.between(lastActivity.get(), now).compareTo(IDLE_HINT) > 0) {
      out()
          .println(
              "The account's last activity was "
                  + time(lastActivity.get())
                  + "; for a simulated or idle account use --held-at last-activity.");
    }
    out().flush();
    return ExitCodes.OK;
  }

  private int live(
      AlpacaBroker broker, List<TrackedEntry> entries, Map<String, PositionLock> active) {
    Map<String, TrackedEntry> tracked =
        entries.stream()
            .collect(Collectors.toMap(TrackedEntry::symbol, Function.identity(), (a, b) -> a));
    List<BrokerPosition> sorted = new ArrayList<>(broker.positions());
    sorted.sort(Comparator.comparing(BrokerPosition::symbol));
    Map<String, Optional<BigDecimal>> prices = new LinkedHashMap<>();
    for (BrokerPosition p : sorted) {
      // The position's own price, else the latest trade from market data.
      prices.put(
          p.symbol(),
          p.currentPrice().isPresent() ? p.currentPrice() : broker.latestPrice(p.symbol()));
    }
    if (json) {
      ArrayNode a = Output.array();
      for (BrokerPosition p : sorted) {
        Optional<TrackedEntry> e = Optional.ofNullable(tracked.get(p.symbol()));
        ObjectNode n = a.addObject();
        n.put("symbol", p.symbol());
        n.put("qty", p.qty());
        n.put("side", side(p));
        Output.put(n, "entryTime", e.map(TrackedEntry::entryTime));
        Output.put(n, "entrySource", e.map(x -> x.source().name()));
        Output.put(n, "entryPrice", entryPrice(p, e));
        Output.put(n, "currentPrice", prices.getOrDefault(p.symbol(), Optional.empty()));
        Output.put(
            n, "unrealizedPlPct", plPct(p, e, prices.getOrDefault(p.symbol(), Optional.empty())));
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
              HumanFormat.quantity(p.qty().abs()),
              side(p),
              e.map(x -> time(x.entryTime())).orElse("unknown"),
              e.map(x -> x.source().name()).orElse("untracked"),
              HumanFormat.money(entryPrice(p, e)),
              HumanFormat.money(prices.getOrDefault(p.symbol(), Optional.empty())),
              plPct(p, e, prices.getOrDefault(p.symbol(), Optional.empty()))
                  .map(HumanFormat::signedPercent)
                  .orElse(HumanFormat.ABSENT),
              active.containsKey(p.symbol()) ? "[locked]" : ""));
    }
    Output.printTable(
        out(),
        List.of(
            "SYMBOL",
            "QTY",
            "SIDE",
            "ENTRY TIME",
            "SOURCE",
            "ENTRY PRICE",
            "CURRENT PRICE",
            "P/L %",
            "LOCK"),
        rows);
    return ExitCodes.OK;
  }

  /** Alpaca reports a short position with a negative quantity. */
  private static String side(BrokerPosition p) {
    return p.qty().signum() < 0 ? "short" : "long";
  }

  /** The tracked entry price, else Alpaca's average entry price. */
  private static Optional<BigDecimal> entryPrice(BrokerPosition p, Optional<TrackedEntry> e) {
    return e.flatMap(TrackedEntry::entryPrice).or(() -> Optional.of(p.avgEntryPrice()));
  }

  /**
   * Alpaca's reported P/L fraction, else the current price over the entry price minus one (the
   * other way round for a short).
   */
  private static Optional<BigDecimal> plPct(
      BrokerPosition p, Optional<TrackedEntry> e, Optional<BigDecimal> current) {
    if (p.unrealizedPlPct().isPresent()) {
      return p.unrealizedPlPct();
    }
    Optional<BigDecimal> entry = entryPrice(p, e).filter(x -> x.signum() > 0);
    if (current.isEmpty() || entry.isEmpty()) {
      return Optional.empty();
    }
    BigDecimal change =
        current.get().divide(entry.get(), MathContext.DECIMAL64).subtract(BigDecimal.ONE);
    return Optional.of(p.qty().signum() < 0 ? change.negate() : change);
  }
}
