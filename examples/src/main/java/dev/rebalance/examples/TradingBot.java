package dev.rebalance.examples;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.Decision;
import dev.rebalance.core.EntryContext;
import dev.rebalance.core.HistoryRecorder;
import dev.rebalance.core.PositionTracker;
import dev.rebalance.core.DecisionReason;
import dev.rebalance.core.IneligibilityReason;
import dev.rebalance.core.LogEvents;
import dev.rebalance.core.PositionAssessment;
import dev.rebalance.core.Rebalancer;
import dev.rebalance.core.Swap;
import dev.rebalance.core.TrackerState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One score-driven trading bot wired to Rebalance, the way you would wire your own. Each {@link
 * #scan()}:
 *
 * <ol>
 *   <li>feeds new broker fills to the tracker, so entry times are the real fill times;
 *   <li>reads the positions from the broker and scores the universe with the {@link Scorer};
 *   <li>buys the best-scored symbols into free slots, up to {@code maxPositions};
 *   <li>asks the {@link Rebalancer} for a decision on the held positions, the candidates and the
 *       tracker state read from the {@link TrackerStore};
 *   <li>executes a SWAP through the broker (sell, then buy with the proceeds), claiming the
 *       cooldown slot first and recording the swap in the history;
 *   <li>logs the decision with its reasons, and tells the {@link BotListener} about purchases,
 *       swaps and notable refusals.
 * </ol>
 *
 * <p>Not thread-safe: one thread runs the scans.
 */
public final class TradingBot {
  private static final Logger log = LoggerFactory.getLogger(TradingBot.class);

  private final Broker broker;
  private final TrackerStore store;
  private final String account;
  private final Rebalancer rebalancer;
  private final Scorer scorer;
  private final List<String> universe;
  private final int maxPositions;
  private final BotListener listener;
  private final PositionTracker tracker;
  private final HistoryRecorder history;

  private Instant fillCursor;
  private final Set<String> fillsAtCursor = new HashSet<>();
  private final Map<String, BigDecimal> scoreByOrder = new HashMap<>();
  private final Map<String, String> reasonByOrder = new HashMap<>();
  private final Map<String, Asset> assets = new HashMap<>();
  private Optional<Refusal> lastRefusal = Optional.empty();
  private long scans;

  private TradingBot(Builder b) {
    this.broker = Objects.requireNonNull(b.broker, "broker");
    this.store = Objects.requireNonNull(b.store, "store");
    this.account = Objects.requireNonNull(b.account, "account");
    this.rebalancer = Objects.requireNonNull(b.rebalancer, "rebalancer");
    this.scorer = Objects.requireNonNull(b.scorer, "scorer");
    this.universe = List.copyOf(b.universe);
    this.maxPositions = b.maxPositions;
    this.listener = b.listener;
    this.tracker = PositionTracker.create(store, account);
    this.history = HistoryRecorder.create(store, account);
    this.fillCursor = b.fillsSince.orElseGet(() -> rebalancer.clock().instant());
  }

  /** The account this bot trades and tracks. */
  public String account() {
    return account;
  }

  /** How many scans have run. */
  public long scans() {
    return scans;
  }

  /**
   * Runs one scan at the rebalancer's clock's current time.
   *
   * @return the scan's decision
   */
  public Decision scan() {
    Instant now = rebalancer.clock().instant();
    scans++;
    trackFills();

    List<BrokerPosition> positions = broker.positions();
    Set<String> held = new LinkedHashSet<>();
    positions.forEach(p -> held.add(p.symbol()));
    Set<String> toScore = new LinkedHashSet<>(universe);
    toScore.addAll(held);
    Map<String, BigDecimal> scores = scorer.scoreAll(toScore);

    if (held.size() < maxPositions) {
      fillFreeSlots(now, held, scores);
      trackFills();
      positions = broker.positions();
    }

    List<HeldPosition> heldPositions = new ArrayList<>(positions.size());
    for (BrokerPosition p : positions) {
      heldPositions.add(
          HeldPosition.builder()
              .symbol(p.symbol())
              .qty(p.qty())
              .price(p.currentPrice())
              .score(scores.getOrDefault(p.symbol(), BigDecimal.ZERO))
              .fractionable(asset(p.symbol()).map(Asset::fractionable).orElse(false))
              .build());
    }
    Set<String> heldNow = new HashSet<>();
    positions.forEach(p -> heldNow.add(p.symbol()));
    List<Candidate> candidates = new ArrayList<>();
    scores.forEach((s, v) -> {
      if (!heldNow.contains(s)) {
        candidates.add(Candidate.of(s, v));
      }
    });

    TrackerState state = TrackerState.load(store, account);
    Decision decision = rebalancer.decide(heldPositions, candidates, state, now);
    logDecision(decision);
    listener.onDecision(decision);

    if (decision.isSwap()) {
      lastRefusal = Optional.empty();
      for (Swap swap : decision.swaps()) {
        SwapOutcome outcome = execute(now, decision, swap);
        listener.onSwap(now, swap, outcome);
      }
      trackFills();
    } else {
      notableRefusal(decision, heldPositions, candidates)
          .ifPresentOrElse(
              r -> {
                if (!lastRefusal.equals(Optional.of(r))) {
                  listener.onRefusal(now, r);
                }
                lastRefusal = Optional.of(r);
              },
              () -> lastRefusal = Optional.empty());
    }
    return decision;
  }

  // ---- buying into free slots ---------------------------------------------------------------------

  private void fillFreeSlots(Instant now, Set<String> held, Map<String, BigDecimal> scores) {
    int free = maxPositions - held.size();
    List<Map.Entry<String, BigDecimal>> best = new ArrayList<>();
    for (Map.Entry<String, BigDecimal> e : scores.entrySet()) {
      if (!held.contains(e.getKey())) {
        best.add(e);
      }
    }
    best.sort(Map.Entry.<String, BigDecimal>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
    BigDecimal cash = broker.account().cash();
    BigDecimal equity = broker.account().equity();
    // Equal weights: each slot gets at most 1/maxPositions of equity, and never more than the cash.
    BigDecimal perSlot = equity.divide(BigDecimal.valueOf(maxPositions), 2, RoundingMode.DOWN);
    for (int i = 0; i < best.size() && free > 0; i++) {
      String symbol = best.get(i).getKey();
      BigDecimal budget = perSlot.min(cash.divide(BigDecimal.valueOf(free), 2, RoundingMode.DOWN));
      Optional<BigDecimal> price = broker.latestPrice(symbol);
      if (price.isEmpty() || budget.signum() <= 0) {
        continue;
      }
      boolean fractionable = asset(symbol).map(Asset::fractionable).orElse(false);
      OrderRequest.Builder req =
          OrderRequest.builder()
              .clientOrderId(clientId("b", now, symbol))
              .symbol(symbol)
              .side(OrderSide.BUY);
      if (fractionable) {
        req.notional(budget.multiply(new BigDecimal("0.995")).setScale(2, RoundingMode.DOWN));
      } else {
        BigDecimal qty = budget.multiply(new BigDecimal("0.995")).divide(price.get(), 0, RoundingMode.DOWN);
        if (qty.signum() <= 0) {
          continue;
        }
        req.qty(qty);
      }
      Order o = broker.submitOrder(req.build());
      scoreByOrder.put(o.id(), best.get(i).getValue());
      reasonByOrder.put(o.id(), "free slot");
      if (o.status() == OrderStatus.FILLED) {
        listener.onBuy(now, symbol, o.filledQty(), o.filledAvgPrice().orElse(price.get()), best.get(i).getValue());
        cash = broker.account().cash();
        free--;
      }
    }
  }

  private static String clientId(String kind, Instant at, String symbol) {
    String id = kind + "-" + at.getEpochSecond() + "-" + symbol;
    return id.length() <= 48 ? id : id.substring(0, 48);
  }

  private Optional<Asset> asset(String symbol) {
    Asset a = assets.get(symbol);
    if (a == null) {
      Optional<Asset> fetched = broker.asset(symbol);
      fetched.ifPresent(x -> assets.put(symbol, x));
      return fetched;
    }
    return Optional.of(a);
  }

  // ---- executing a swap ---------------------------------------------------------------------------

  private SwapOutcome execute(Instant now, Decision decision, Swap swap) {
    if (!store.claimRebalance(account, now, rebalancer.config().cooldown())) {
      return new SwapOutcome(false, BigDecimal.ZERO, Optional.empty(), BigDecimal.ZERO, Optional.empty(),
          Optional.of("cooldown slot already claimed"));
    }
    Order sell =
        broker.submitOrder(
            OrderRequest.builder()
                .clientOrderId(clientId("s", now, swap.sell()))
                .symbol(swap.sell())
                .side(OrderSide.SELL)
                .qty(swap.sellQty())
                .build());
    if (sell.status() != OrderStatus.FILLED) {
      return new SwapOutcome(false, BigDecimal.ZERO, Optional.empty(), BigDecimal.ZERO, Optional.empty(),
          Optional.of("sell order " + sell.status()));
    }
    BigDecimal proceeds = sell.filledQty().multiply(sell.filledAvgPrice().orElseThrow());
    boolean fractionable = asset(swap.buy()).map(Asset::fractionable).orElse(false);
    OrderRequest.Builder buy =
        OrderRequest.builder().clientOrderId(clientId("r", now, swap.buy())).symbol(swap.buy()).side(OrderSide.BUY);
    BigDecimal budget = proceeds.multiply(new BigDecimal("0.995")).setScale(2, RoundingMode.DOWN);
    BigDecimal price = broker.latestPrice(swap.buy()).orElseThrow();
    if (fractionable) {
      buy.notional(budget);
    } else {
      BigDecimal qty = budget.divide(price, 0, RoundingMode.DOWN);
      if (qty.signum() <= 0) {
        return new SwapOutcome(false, sell.filledQty(), sell.filledAvgPrice(), BigDecimal.ZERO, Optional.empty(),
            Optional.of("proceeds too small for one share of " + swap.buy()));
      }
      buy.qty(qty);
    }
    Order bought = broker.submitOrder(buy.build());
    scoreByOrder.put(bought.id(), swap.newScore());
    reasonByOrder.put(bought.id(), "rebalance from " + swap.sell());
    boolean done = bought.status() == OrderStatus.FILLED;
    RebalanceEvent.Builder event =
        RebalanceEvent.builder()
            .timestamp(now)
            .oldSymbol(swap.sell())
            .newSymbol(swap.buy())
            .oldScore(swap.oldScore())
            .newScore(swap.newScore())
            .soldQty(sell.filledQty())
            .sellFraction(swap.sellFraction())
            .sellPrice(sell.filledAvgPrice());
    if (done) {
      event.boughtQty(bought.filledQty()).buyPrice(bought.filledAvgPrice());
    }
    history.record(event.build());
    return new SwapOutcome(done, sell.filledQty(), sell.filledAvgPrice(), bought.filledQty(), bought.filledAvgPrice(),
        done ? Optional.empty() : Optional.of("buy order " + bought.status()));
  }

  // ---- tracking fills -----------------------------------------------------------------------------

  private void trackFills() {
    List<Fill> fills = broker.fillsSince(fillCursor);
    for (Fill f : fills) {
      if (f.timestamp().equals(fillCursor) && fillsAtCursor.contains(f.id())) {
        continue;
      }
      if (f.timestamp().isAfter(fillCursor)) {
        fillCursor = f.timestamp();
        fillsAtCursor.clear();
      }
      fillsAtCursor.add(f.id());
      onFill(f);
    }
  }

  private void onFill(Fill f) {
    BigDecimal score = scoreByOrder.get(f.orderId());
    String reason = reasonByOrder.get(f.orderId());
    tracker.onFill(f, score == null ? EntryContext.none() : EntryContext.of(score, reason));
  }

  // ---- explaining -----------------------------------------------------------------------------------

  private void logDecision(Decision d) {
    var event =
        log.atInfo()
            .setMessage(LogEvents.REBALANCE_DECISION)
            .addKeyValue("account", account)
            .addKeyValue("decided_at", d.decidedAt())
            .addKeyValue("action", d.action())
            .addKeyValue("reason", d.reason());
    d.cooldownRemaining().ifPresent(r -> event.addKeyValue("cooldown_remaining", r));
    if (d.isSwap()) {
      Swap s = d.swaps().get(0);
      event.addKeyValue("sell", s.sell()).addKeyValue("buy", s.buy()).addKeyValue("score_diff", s.scoreDiff());
    }
    Map<String, List<IneligibilityReason>> blocked = new LinkedHashMap<>();
    for (PositionAssessment a : d.positions()) {
      if (!a.eligible()) {
        blocked.put(a.symbol(), a.reasons());
      }
    }
    event.addKeyValue("ineligible", blocked).log();
  }

  /**
   * A refusal worth telling a person about: the weakest held position trails the best candidate by
   * the threshold, yet the decision held because of the cooldown or because that position may not
   * be sold.
   */
  private Optional<Refusal> notableRefusal(Decision d, List<HeldPosition> held, List<Candidate> candidates) {
    if (held.isEmpty() || candidates.isEmpty()) {
      return Optional.empty();
    }
    HeldPosition weakest = held.stream()
        .min(Comparator.comparing(HeldPosition::score).thenComparing(HeldPosition::symbol))
        .orElseThrow();
    Candidate best = candidates.stream()
        .max(Comparator.comparing(Candidate::score).thenComparing(Candidate::symbol, Comparator.reverseOrder()))
        .orElseThrow();
    BigDecimal diff = best.score().subtract(weakest.score());
    if (diff.compareTo(rebalancer.config().scoreThreshold()) < 0) {
      return Optional.empty();
    }
    if (d.reason() == DecisionReason.COOLDOWN) {
      return Optional.of(new Refusal("COOLDOWN", weakest.symbol(), best.symbol(), diff, d.cooldownRemaining(), List.of()));
    }
    Optional<PositionAssessment> a = d.positions().stream().filter(p -> p.symbol().equals(weakest.symbol())).findFirst();
    if (a.isEmpty() || a.get().eligible()) {
      return Optional.empty();
    }
    List<String> reasons = a.get().reasons().stream().map(Enum::name).toList();
    return Optional.of(new Refusal(reasons.get(0), weakest.symbol(), best.symbol(), diff, Optional.empty(), reasons));
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TradingBot}; not thread-safe. */
  public static final class Builder {
    private Broker broker;
    private TrackerStore store;
    private String account;
    private Rebalancer rebalancer;
    private Scorer scorer;
    private List<String> universe = List.of();
    private int maxPositions = 10;
    private BotListener listener = BotListener.NONE;
    private Optional<Instant> fillsSince = Optional.empty();

    private Builder() {}

    /**
     * The broker to trade through. Required.
     *
     * @param broker the broker
     * @return this builder
     */
    public Builder broker(Broker broker) {
      this.broker = broker;
      return this;
    }

    /**
     * Where entries, locks and history live. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(TrackerStore store) {
      this.store = store;
      return this;
    }

    /**
     * The account id the store keys everything by. Required.
     *
     * @param account the account id
     * @return this builder
     */
    public Builder account(String account) {
      this.account = account;
      return this;
    }

    /**
     * The decision engine; its clock is the bot's clock. Required.
     *
     * @param rebalancer the rebalancer
     * @return this builder
     */
    public Builder rebalancer(Rebalancer rebalancer) {
      this.rebalancer = rebalancer;
      return this;
    }

    /**
     * How symbols are scored. Required.
     *
     * @param scorer the scorer
     * @return this builder
     */
    public Builder scorer(Scorer scorer) {
      this.scorer = scorer;
      return this;
    }

    /**
     * The symbols the bot may buy.
     *
     * @param universe the tickers
     * @return this builder
     */
    public Builder universe(List<String> universe) {
      this.universe = List.copyOf(universe);
      return this;
    }

    /**
     * How many positions the bot holds at most. Default 10.
     *
     * @param max {@code >= 1}
     * @return this builder
     */
    public Builder maxPositions(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxPositions must be >= 1, was " + max);
      }
      this.maxPositions = max;
      return this;
    }

    /**
     * Who hears about purchases, swaps and refusals. Default none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(BotListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The time from which broker fills are fed to the tracker. Default: the clock's time when the
     * bot is built (older fills are the start-up reconciliation's business).
     *
     * @param since the earliest fill time to track
     * @return this builder
     */
    public Builder fillsSince(Instant since) {
      this.fillsSince = Optional.of(since);
      return this;
    }

    /** The bot. */
    public TradingBot build() {
      return new TradingBot(this);
    }
  }
}
