package dev.rebalance.examples;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.RebalanceSession;
import dev.rebalance.core.ScanInput;
import dev.rebalance.core.ScanReport;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * One score-driven trading bot wired to Rebalance, the way you would wire your own: a scorer and a
 * loop around a {@link RebalanceSession}. Each {@link #scan()}:
 *
 * <ol>
 *   <li>reads the positions from the broker and scores the universe with the {@link Scorer};
 *   <li>buys the best-scored symbols into free slots, up to {@code maxPositions}, telling the
 *       session each order's score ({@link RebalanceSession#expectFill});
 *   <li>hands the scores to {@link RebalanceSession#scan}, which takes in the fills, decides,
 *       claims the cooldown slot, executes a swap and records it;
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
  private final RebalanceSession session;
  private final FreeSlotBuyer freeSlots;
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
    this.session =
        RebalanceSession.builder()
            .rebalancer(rebalancer)
            .store(store)
            .broker(broker)
            .account(account)
            .sleeper(b.sleeper)
            .build();
    this.freeSlots = new FreeSlotBuyer(broker, session, listener, maxPositions);
  }

  /** The account this bot trades and tracks. */
  public String account() {
    return account;
  }

  /**
   * Brings the store up to date at start-up (fills since the last run, entry reconciliation) and
   * continues swaps a previous run left unfinished: call once, before the first scan.
   *
   * @return what was found and done, for people
   */
  public String resumePending() {
    return session.start().toString();
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
    List<BrokerPosition> positions = broker.positions();
    // Score the universe once per scan; held symbols outside the universe are scored too.
    Map<String, BigDecimal> scores = new HashMap<>(universe.size() * 2);
    for (String symbol : universe) {
      scorer.score(symbol).ifPresent(v -> scores.put(symbol, v));
    }
    for (BrokerPosition p : positions) {
      if (!scores.containsKey(p.symbol())) {
        scorer.score(p.symbol()).ifPresent(v -> scores.put(p.symbol(), v));
      }
    }
    Set<String> held = new HashSet<>();
    positions.forEach(p -> held.add(p.symbol()));
    if (positions.size() < maxPositions) {
      freeSlots.fill(now, held, scores);
    }

    ScanReport report = session.scan(ScanInput.of(scores));
    if (report.decision().isEmpty()) {
      throw new IllegalStateException("scan at " + now + " failed: " + report.failures());
    }
    Decision decision = report.decision().get();
    logDecision(decision);
    listener.onDecision(decision);
    if (decision.isSwap()) {
      List<ExecutionResult> results = report.executions();
      for (int i = 0; i < results.size(); i++) {
        listener.onSwap(now, decision.swaps().get(i), outcome(results.get(i)));
      }
    } else {
      notableRefusal(decision, scores, held).ifPresent(r -> listener.onRefusal(now, r));
    }
    return decision;
  }

  // ---- reporting a swap
  // ----------------------------------------------------------------------------

  private static SwapOutcome outcome(ExecutionResult r) {
    Optional<SwapIntent> intent = r.intent();
    return new SwapOutcome(
        r.isCompleted(),
        intent.flatMap(SwapIntent::sellFilledQty).orElse(BigDecimal.ZERO),
        intent.flatMap(SwapIntent::sellPrice),
        intent.flatMap(SwapIntent::buyFilledQty).orElse(BigDecimal.ZERO),
        intent.flatMap(SwapIntent::buyPrice),
        r.isCompleted() ? Optional.empty() : Optional.of(r.outcome() + ": " + r.detail()));
  }

  // ---- explaining
  // -----------------------------------------------------------------------------------

  private void logDecision(Decision d) {
    LoggingEventBuilder event =
        log.atInfo()
            .setMessage(LogEvents.REBALANCE_DECISION)
            .addKeyValue("account", account)
            .addKeyValue("decided_at", d.decidedAt())
            .addKeyValue("action", d.action())
            .addKeyValue("reason", d.reason());
    if (d.cooldownRemaining().isPresent()) {
      event = event.addKeyValue("cooldown_remaining", d.cooldownRemaining().get());
    }
    if (d.isSwap()) {
      Swap s = d.swaps().get(0);
      event =
          event
              .addKeyValue("sell", s.sell())
              .addKeyValue("buy", s.buy())
              .addKeyValue("score_diff", s.scoreDiff());
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
  private Optional<Refusal> notableRefusal(
      Decision d, Map<String, BigDecimal> scores, Set<String> held) {
    Optional<Map.Entry<String, BigDecimal>> weakestHeld =
        scores.entrySet().stream()
            .filter(e -> held.contains(e.getKey()))
            .min(
                Map.Entry.<String, BigDecimal>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey()));
    Optional<Map.Entry<String, BigDecimal>> bestCandidate =
        scores.entrySet().stream()
            .filter(e -> !held.contains(e.getKey()))
            .max(
                Map.Entry.<String, BigDecimal>comparingByValue()
                    .thenComparing(Map.Entry.<String, BigDecimal>comparingByKey().reversed()));
    if (weakestHeld.isEmpty() || bestCandidate.isEmpty()) {
      return Optional.empty();
    }
    Candidate best = Candidate.of(bestCandidate.get().getKey(), bestCandidate.get().getValue());
    HeldScore weakest = new HeldScore(weakestHeld.get().getKey(), weakestHeld.get().getValue());
    BigDecimal diff = best.score().subtract(weakest.score());
    if (diff.compareTo(rebalancer.config().scoreThreshold()) < 0) {
      return Optional.empty();
    }
    if (d.reason() == DecisionReason.COOLDOWN) {
      return Optional.of(
          new Refusal(
              "COOLDOWN", weakest.symbol(), best.symbol(), diff, d.cooldownRemaining(), List.of()));
    }
    Optional<PositionAssessment> a =
        d.positions().stream().filter(p -> p.symbol().equals(weakest.symbol())).findFirst();
    if (a.isEmpty() || a.get().eligible()) {
      return Optional.empty();
    }
    List<String> reasons = a.get().reasons().stream().map(Enum::name).toList();
    return Optional.of(
        new Refusal(
            reasons.get(0), weakest.symbol(), best.symbol(), diff, Optional.empty(), reasons));
  }

  private record HeldScore(String symbol, BigDecimal score) {}

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TradingBot}; not thread-safe. */
  public static final class Builder {
    private @Nullable Broker broker;
    private @Nullable TrackerStore store;
    private @Nullable String account;
    private @Nullable Rebalancer rebalancer;
    private @Nullable Scorer scorer;
    private List<String> universe = List.of();
    private int maxPositions = 10;
    private BotListener listener = BotListener.NONE;
    private Sleeper sleeper = Sleeper.system();

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
     * How the swap executor waits between looks at an order. Default {@link Sleeper#system()}; the
     * simulation's orders fill at once, so it never waits.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /** The bot. */
    public TradingBot build() {
      return new TradingBot(this);
    }
  }
}
