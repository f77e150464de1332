package dev.rebalance.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.cli.LockCommand;
import dev.rebalance.cli.Output;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.stats.PriceSource;
import dev.rebalance.core.stats.RebalanceMetrics;
import dev.rebalance.core.stats.RebalanceStats;
import dev.rebalance.core.stats.SwapPayoff;
import dev.rebalance.core.tracking.LockManager;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What each endpoint answers, as JSON, using the CLI's own renderings ({@link Output}) so the
 * fields match {@code --json}, plus a {@code text} object per figure group: the same figures for
 * people, through {@link HumanFormat} (the CLI's and the bots' formatter) with times in the
 * requested zone. Reads the store on every call, so it follows a bot writing to the same store.
 *
 * <p>Thread-safe: no state of its own beyond the (thread-safe) store.
 */
final class Api {
  /** The most history the sorted views and the charts read. */
  static final int MAX_EVENTS = 20_000;

  static final int MAX_LIMIT = 500;

  private final TrackerStore store;
  private final String account;
  private final Clock clock;
  private final Duration cooldown;
  private final PriceSource prices;
  private final boolean pricesConfigured;
  private final LockManager locks;

  /** What every account's API shares: the store, the clock, the cooldown and the prices. */
  static final class Settings {
    final TrackerStore store;
    final Clock clock;
    final Duration cooldown;
    final PriceSource prices;
    final boolean pricesConfigured;

    Settings(
        TrackerStore store,
        Clock clock,
        Duration cooldown,
        PriceSource prices,
        boolean pricesConfigured) {
      this.store = store;
      this.clock = clock;
      this.cooldown = cooldown;
      this.prices = prices;
      this.pricesConfigured = pricesConfigured;
    }
  }

  Api(Settings settings, String account) {
    this.store = settings.store;
    this.account = account;
    this.clock = settings.clock;
    this.cooldown = settings.cooldown;
    this.prices = settings.prices;
    this.pricesConfigured = settings.pricesConfigured;
    this.locks = LockManager.create(store, account, clock);
  }

  /**
   * {@code GET /api/stats}: the CLI's stats plus the cooldown; texts with times in {@code zone}.
   */
  ObjectNode stats(ZoneId zone) {
    Instant now = clock.instant();
    PriceSource p = payoffPrices();
    RebalanceStats s = RebalanceMetrics.compute(store, account, p);
    ObjectNode n = Output.stats(s);
    n.put("now", now.toString());
    n.put("account", account);
    n.put("cooldown", cooldown.toString());
    Optional<Instant> last = store.lastRebalance(account).or(s::lastRebalance);
    Optional<Instant> ends = last.map(t -> t.plus(cooldown));
    Output.put(n, "cooldownEndsAt", ends);
    Output.put(
        n,
        "cooldownRemaining",
        ends.map(e -> e.isAfter(now) ? Duration.between(now, e) : Duration.ZERO));
    n.put("pricesConfigured", pricesConfigured);
    n.put("lockedPositions", store.locks(account).stream().filter(l -> l.isActiveAt(now)).count());
    ObjectNode t = n.putObject("text");
    t.put("zone", HumanFormat.zone(zone));
    t.put("avgScoreImprovement", HumanFormat.score(s.avgScoreImprovement()));
    t.put("minScoreImprovement", HumanFormat.score(s.minScoreImprovement()));
    t.put("maxScoreImprovement", HumanFormat.score(s.maxScoreImprovement()));
    t.put("lastRebalance", HumanFormat.time(s.lastRebalance(), zone));
    t.put("amountSwapped", HumanFormat.money(s.amountSwapped()));
    t.put("boughtReturn", HumanFormat.percent(s.boughtReturn()));
    t.put("soldReturn", HumanFormat.percent(s.soldReturn()));
    t.put("excessReturn", HumanFormat.percent(s.excessReturn()));
    t.put("payoffAmount", HumanFormat.money(s.payoffAmount()));
    t.put("cooldown", HumanFormat.duration(cooldown));
    t.put("cooldownEndsAt", HumanFormat.time(ends, zone));
    t.put(
        "cooldownRemaining",
        ends.map(e -> HumanFormat.duration(Duration.between(now, e))).orElse(HumanFormat.ABSENT));
    t.put("now", HumanFormat.time(now, zone));
    return n;
  }

  /** {@code GET /api/positions}: the CLI's list, plus the lock and current prices. */
  ArrayNode positions(ZoneId zone) {
    Instant now = clock.instant();
    Map<String, PositionLock> active = activeLocks(now);
    ArrayNode a = Output.array();
    for (TrackedEntry e : store.entries(account)) {
      Optional<PositionLock> lock = Optional.ofNullable(active.get(e.symbol()));
      ObjectNode n = Output.entry(e, lock, now);
      Optional<BigDecimal> current = pricesConfigured ? prices.price(e.symbol()) : Optional.empty();
      Output.put(n, "currentPrice", current);
      Output.put(
          n,
          "plPercent",
          current.flatMap(
              c ->
                  e.entryPrice()
                      .filter(ep -> ep.signum() > 0)
                      .map(
                          ep ->
                              c.subtract(ep)
                                  .multiply(BigDecimal.valueOf(100))
                                  .divide(ep, 2, RoundingMode.HALF_EVEN))));
      if (lock.isPresent()) {
        ObjectNode l = Output.lock(lock.get(), now);
        l.putObject("text")
            .put("lockedAt", HumanFormat.time(lock.get().lockedAt(), zone))
            .put("expiresAt", HumanFormat.time(lock.get().expiresAt(), zone));
        n.set("lock", l);
      } else {
        n.putNull("lock");
      }
      ObjectNode t = n.putObject("text");
      t.put("entryTime", HumanFormat.time(e.entryTime(), zone));
      t.put("entryPrice", HumanFormat.money(e.entryPrice()));
      t.put("currentPrice", HumanFormat.money(current));
      t.put(
          "plPercent",
          n.get("plPercent").isNull()
              ? HumanFormat.ABSENT
              : HumanFormat.signedPercent(n.get("plPercent").decimalValue().movePointLeft(2)));
      t.put("qty", HumanFormat.quantity(e.qty()));
      t.put("score", HumanFormat.score(e.score()));
      t.put("heldFor", HumanFormat.duration(Duration.between(e.entryTime(), now)));
      a.add(n);
    }
    return a;
  }

  /** {@code GET /api/history}: one page of swaps, the CLI's fields per item. */
  ObjectNode history(int limit, int offset, String sort, boolean ascending, ZoneId zone) {
    List<RebalanceEvent> page;
    long total = store.historyStats(account).count();
    if (sort.equals("time") && !ascending) {
      page = store.history(account, limit, offset);
    } else {
      Comparator<RebalanceEvent> c =
          sort.equals("time")
              ? Comparator.comparing(RebalanceEvent::timestamp)
              : Comparator.comparing(RebalanceEvent::scoreDiff)
                  .thenComparing(RebalanceEvent::timestamp);
      if (!ascending) {
        c = c.reversed();
      }
      page = allEvents().stream().sorted(c).skip(offset).limit(limit).collect(Collectors.toList());
    }
    ObjectNode n = Output.NODES.objectNode();
    n.put("total", total);
    n.put("limit", limit);
    n.put("offset", offset);
    n.put("sort", sort);
    n.put("order", ascending ? "asc" : "desc");
    ArrayNode items = n.putArray("items");
    page.forEach(e -> items.add(Output.event(e).set("text", eventText(e, zone))));
    return n;
  }

  /** {@code GET /api/swaps}: every swap, oldest first, with its payoff when prices are known. */
  ObjectNode swaps(ZoneId zone) {
    PriceSource p = payoffPrices();
    List<RebalanceEvent> all = new ArrayList<>(allEvents());
    all.sort(Comparator.comparing(RebalanceEvent::timestamp));
    ObjectNode n = Output.NODES.objectNode();
    ArrayNode items = n.putArray("items");
    for (RebalanceEvent e : all) {
      ObjectNode i = items.addObject();
      i.put("timestamp", e.timestamp().toString());
      i.put("oldSymbol", e.oldSymbol());
      i.put("newSymbol", e.newSymbol());
      i.put("scoreDiff", e.scoreDiff());
      Optional<SwapPayoff> pay = RebalanceMetrics.payoff(e, p);
      Output.put(i, "amount", pay.map(SwapPayoff::amount));
      Output.put(i, "boughtReturn", pay.map(SwapPayoff::boughtReturn));
      Output.put(i, "soldReturn", pay.map(SwapPayoff::soldReturn));
      Output.put(i, "payoffAmount", pay.map(SwapPayoff::payoffAmount));
      i.set("text", eventText(e, zone));
    }
    return n;
  }

  /** {@code GET /api/locks}: the locks that apply now (with {@code all}, expired ones too). */
  ArrayNode locks(boolean all) {
    Instant now = clock.instant();
    ArrayNode a = Output.array();
    store.locks(account).stream()
        .filter(l -> all || l.isActiveAt(now))
        .forEach(l -> a.add(Output.lock(l, now)));
    return a;
  }

  /** {@code POST /api/locks/SYMBOL}: locks, replacing any lock; the CLI's lock JSON. */
  ObjectNode lock(String symbol, JsonNode body) {
    if (!body.isObject()) {
      throw new ApiException(400, "body must be a JSON object, was " + body.getNodeType());
    }
    PositionLock.Builder b = locks.newLock(symbol).lockedBy("dashboard");
    Instant now = clock.instant();
    for (Map.Entry<String, JsonNode> f : body.properties()) {
      JsonNode v = f.getValue();
      if (v.isNull()) {
        continue;
      }
      switch (f.getKey()) {
        case "reason":
          b.reason(text(f.getKey(), v, 200));
          break;
        case "lockedBy":
          b.lockedBy(text(f.getKey(), v, 100));
          break;
        case "until":
          b.expiresAt(until(text("until", v, 64), now));
          break;
        default:
          throw new ApiException(
              400, "unknown field '" + f.getKey() + "'; allowed: reason, until, lockedBy");
      }
    }
    PositionLock lock;
    try {
      lock = b.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new ApiException(400, Objects.toString(e.getMessage(), e.toString()));
    }
    boolean replaced = store.locks(account).stream().anyMatch(l -> l.symbol().equals(symbol));
    locks.lock(lock);
    return Output.lock(lock, now).put("replaced", replaced);
  }

  /** {@code DELETE /api/locks/SYMBOL}: unlocks; the CLI's unlock JSON; 404 if not locked. */
  ObjectNode unlock(String symbol) {
    Instant now = clock.instant();
    Optional<PositionLock> before =
        store.locks(account).stream().filter(l -> l.symbol().equals(symbol)).findFirst();
    if (!locks.unlock(symbol)) {
      throw new ApiException(404, symbol + " is not locked (account " + account + ")");
    }
    boolean expired = before.map(l -> !l.isActiveAt(now)).orElse(false);
    return Output.NODES
        .objectNode()
        .put("symbol", symbol)
        .put("unlocked", true)
        .put("expired", expired);
  }

  /**
   * The lock's expiry from {@code until}, with the CLI's own parser; a value that overflows an
   * instant is a 400 naming the field, never a 500.
   */
  static Instant until(String text, Instant now) {
    try {
      return LockCommand.expiry(text, now);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          400, Objects.toString(e.getMessage(), e.toString()).replaceFirst("^--until", "until"));
    } catch (ArithmeticException | DateTimeException e) {
      throw new ApiException(
          400,
          "until is too far in the future (the latest is "
              + Instant.MAX
              + "), was "
              + Identifiers.quote(text));
    }
  }

  private static String text(String field, JsonNode v, int max) {
    if (!v.isTextual()) {
      throw new ApiException(400, field + " must be a string, was " + v.getNodeType());
    }
    String s = v.asText().strip();
    if (s.length() > max) {
      throw new ApiException(400, field + " must be at most " + max + " characters");
    }
    if (s.isEmpty()) {
      throw new ApiException(400, field + " must not be blank");
    }
    if (s.chars().anyMatch(Character::isISOControl)) {
      throw new ApiException(
          400, field + " must not contain control characters, was " + Identifiers.quote(s));
    }
    return s;
  }

  /** The texts of one history event, as {@code rebalance history} prints them. */
  private static ObjectNode eventText(RebalanceEvent e, ZoneId zone) {
    return Output.NODES
        .objectNode()
        .put("timestamp", HumanFormat.time(e.timestamp(), zone))
        .put("oldScore", HumanFormat.score(e.oldScore()))
        .put("newScore", HumanFormat.score(e.newScore()))
        .put("scoreDiff", HumanFormat.scoreDiff(e.scoreDiff()))
        .put("soldQty", HumanFormat.quantity(e.soldQty()))
        .put("sellFraction", HumanFormat.percent(e.sellFraction()));
  }

  private Map<String, PositionLock> activeLocks(Instant now) {
    return store.locks(account).stream()
        .filter(l -> l.isActiveAt(now))
        .collect(Collectors.toMap(PositionLock::symbol, Function.identity(), (x, y) -> x));
  }

  private List<RebalanceEvent> allEvents() {
    List<RebalanceEvent> all = new ArrayList<>();
    int page = RebalanceMetrics.PAGE_SIZE;
    while (all.size() < MAX_EVENTS) {
      List<RebalanceEvent> got = store.history(account, page, all.size());
      all.addAll(got);
      if (got.size() < page) {
        break;
      }
    }
    return all;
  }

  /**
   * Prices for payoff figures: the configured ones, else the last trade price the history recorded
   * for the symbol (its newest buy or sell price).
   */
  private PriceSource payoffPrices() {
    Map<String, BigDecimal> recorded = new HashMap<>();
    for (RebalanceEvent e : store.history(account, MAX_LIMIT, 0)) {
      e.buyPrice().ifPresent(pr -> recorded.putIfAbsent(e.newSymbol(), pr));
      e.sellPrice().ifPresent(pr -> recorded.putIfAbsent(e.oldSymbol(), pr));
    }
    return symbol -> prices.price(symbol).or(() -> Optional.ofNullable(recorded.get(symbol)));
  }
}
