package dev.rebalance.examples;

import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.stats.RebalanceMetrics;
import dev.rebalance.core.stats.RebalanceStats;
import dev.rebalance.examples.sim.SimulatedBroker;
import dev.rebalance.examples.sim.SyntheticMarket;
import dev.rebalance.examples.sim.TradingCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Runs a {@link TradingBot} on a {@link SyntheticMarket} through a {@link SimulatedBroker} for a
 * number of trading days, one scan per 15 minutes of trading hours, and summarizes the run. The
 * same seed always gives the same market, so runs with different settings are directly comparable
 * (see {@link SettingsReplay}).
 *
 * <p>A simulation runs once; it is not thread-safe.
 */
public final class Simulation {
  /** How many bars the momentum scorer looks back: one trading day of 15-minute bars. */
  public static final int MOMENTUM_LOOKBACK = 26;

  private final Builder b;
  private @Nullable SimulatedBroker broker;

  /** Reports progress while a simulation runs. */
  @FunctionalInterface
  public interface Progress {
    /**
     * Called after each scan.
     *
     * @param done scans done
     * @param total scans in the run
     */
    void update(long done, long total);
  }

  /** The first scan's time in every simulation: the open of Monday 2025-01-06 in New York. */
  public static Instant firstScanTime() {
    return TradingCalendar.fifteenMinutes().scanTime(LocalDate.of(2025, 1, 6), 0);
  }

  private Simulation(Builder b) {
    this.b = b;
  }

  /**
   * Runs the simulation to the end.
   *
   * @return the summary
   */
  public RunSummary run() {
    SyntheticMarket market =
        SyntheticMarket.builder()
            .seed(b.seed)
            .symbols(b.symbols)
            .warmupBars(2 * MOMENTUM_LOOKBACK)
            .build();
    broker =
        SimulatedBroker.builder(market)
            .accountId(b.account)
            .cash(b.cash)
            .costBps(b.costBps)
            .costPerShare(b.costPerShare)
            .build();
    Clock clock = market.clock();
    Rebalancer rebalancer = b.rebalancer.apply(clock);
    Counting counting = new Counting(b.listener);
    TradingBot bot =
        TradingBot.builder()
            .broker(broker)
            .store(b.store)
            .account(b.account)
            .rebalancer(rebalancer)
            .scorer(b.scorer.apply(market::closes))
            .universe(market.symbols())
            .maxPositions(b.maxPositions)
            .listener(counting)
            // Simulated orders are done the moment they are submitted: the executor never waits.
            .sleeper(
                d -> {
                  throw new IllegalStateException(
                      "simulated orders fill at once; nothing to wait for");
                })
            .build();

    long total = (long) b.days * market.calendar().scansPerDay();
    BigDecimal cashAfterFirst = b.cash;
    Map<String, BigDecimal> firstHoldings = new HashMap<>();
    for (long i = 0; i < total; i++) {
      if (i > 0) {
        market.advance();
      }
      bot.scan();
      if (i == 0) {
        cashAfterFirst = broker.account().cash();
        for (BrokerPosition p : broker.positions()) {
          firstHoldings.put(p.symbol(), p.qty());
        }
      }
      b.progress.update(i + 1, total);
    }

    BigDecimal buyAndHold = cashAfterFirst;
    for (Map.Entry<String, BigDecimal> e : firstHoldings.entrySet()) {
      buyAndHold = buyAndHold.add(e.getValue().multiply(market.price(e.getKey())));
    }
    BigDecimal traded = BigDecimal.ZERO;
    for (Fill f : broker.fillsSince(Instant.EPOCH)) {
      traded = traded.add(f.qty().multiply(f.price()));
    }
    // The library's metrics: score improvements from the store, payoff at the final prices.
    RebalanceStats stats =
        RebalanceMetrics.compute(b.store, b.account, symbol -> Optional.of(market.price(symbol)));
    return new RunSummary(
        b.label,
        b.account,
        b.seed,
        b.days,
        total,
        b.symbols,
        b.maxPositions,
        rebalancer.config(),
        stats.totalRebalances(),
        counting.incomplete,
        stats.avgScoreImprovement().map(v -> v.setScale(2, RoundingMode.HALF_EVEN)),
        stats.minScoreImprovement(),
        stats.maxScoreImprovement(),
        stats.swapsPaidOff(),
        stats.payoffAmount().setScale(2, RoundingMode.HALF_EVEN),
        traded.divide(b.cash, 2, RoundingMode.HALF_EVEN),
        broker.costsPaid().setScale(2, RoundingMode.HALF_EVEN),
        b.cash,
        broker.account().equity(),
        buyAndHold.setScale(2, RoundingMode.HALF_EVEN),
        Map.copyOf(counting.refusals),
        Map.copyOf(counting.decisions));
  }

  /**
   * The simulated broker of the last {@link #run()}, with every order and fill; for tests and
   * further analysis.
   *
   * @return the broker
   * @throws IllegalStateException before the simulation ran
   */
  public SimulatedBroker broker() {
    if (broker == null) {
      throw new IllegalStateException("the simulation has not run yet");
    }
    return broker;
  }

  /** Counts refusals and decisions on their way to the caller's listener. */
  private static final class Counting implements BotListener {
    final BotListener next;
    final Map<String, Long> refusals = new TreeMap<>();
    final Map<String, Long> decisions = new TreeMap<>();
    long incomplete;

    Counting(BotListener next) {
      this.next = next;
    }

    @Override
    public void onBuy(
        Instant at, String symbol, BigDecimal qty, BigDecimal price, BigDecimal score) {
      next.onBuy(at, symbol, qty, price, score);
    }

    @Override
    public void onSwap(Instant at, Swap swap, SwapOutcome outcome) {
      if (!outcome.completed()) {
        incomplete++;
      }
      next.onSwap(at, swap, outcome);
    }

    @Override
    public void onRefusal(Instant at, Refusal refusal) {
      refusals.merge(refusal.kind(), 1L, Long::sum);
      next.onRefusal(at, refusal);
    }

    @Override
    public void onDecision(Decision decision) {
      decisions.merge(decision.reason().name(), 1L, Long::sum);
      next.onDecision(decision);
    }
  }

  /**
   * A new builder.
   *
   * @param store where the run's entries, locks and history go
   * @param rebalancer makes the rebalancer from the simulation's clock, e.g. {@code clock ->
   *     Rebalancer.of(config, clock)}
   * @return the builder: seed 42, 5 days, 50 symbols, 10 positions, 100,000 cash, 5 bps cost
   */
  public static Builder builder(TrackerStore store, Function<Clock, Rebalancer> rebalancer) {
    return new Builder(store, rebalancer);
  }

  /** Builds a {@link Simulation}; not thread-safe. */
  public static final class Builder {
    private final TrackerStore store;
    private final Function<Clock, Rebalancer> rebalancer;
    private String label = "run";
    private String account = "sim";
    private long seed = 42;
    private int days = 5;
    private int symbols = 50;
    private int maxPositions = 10;
    private BigDecimal cash = BigDecimal.valueOf(100_000);
    private BigDecimal costBps = BigDecimal.valueOf(5);
    private BigDecimal costPerShare = BigDecimal.ZERO;
    private Function<BarSource, Scorer> scorer =
        bars -> new MomentumScorer(bars, MOMENTUM_LOOKBACK);
    private BotListener listener = BotListener.NONE;
    private Progress progress = (done, total) -> {};

    private Builder(TrackerStore store, Function<Clock, Rebalancer> rebalancer) {
      this.store = Objects.requireNonNull(store, "store");
      this.rebalancer = Objects.requireNonNull(rebalancer, "rebalancer");
    }

    /**
     * A name for the run in summaries. Default {@code run}.
     *
     * @param label the name
     * @return this builder
     */
    public Builder label(String label) {
      this.label = Objects.requireNonNull(label, "label");
      return this;
    }

    /**
     * The account id the run is recorded under. Default {@code sim}.
     *
     * @param account the id
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * The market's seed. Default 42.
     *
     * @param seed any value
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Trading days to simulate. Default 5.
     *
     * @param days between 1 and 2520
     * @return this builder
     */
    public Builder days(int days) {
      if (days < 1 || days > 2520) {
        throw new IllegalArgumentException("days must be between 1 and 2520, was " + days);
      }
      this.days = days;
      return this;
    }

    /**
     * The universe size. Default 50.
     *
     * @param symbols between 1 and 10000
     * @return this builder
     */
    public Builder symbols(int symbols) {
      if (symbols < 1 || symbols > 10_000) {
        throw new IllegalArgumentException("symbols must be between 1 and 10000, was " + symbols);
      }
      this.symbols = symbols;
      return this;
    }

    /**
     * The most positions held. Default 10.
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
     * The starting cash. Default 100,000.
     *
     * @param cash {@code > 0}
     * @return this builder
     */
    public Builder cash(BigDecimal cash) {
      this.cash = Objects.requireNonNull(cash, "cash");
      return this;
    }

    /**
     * Price impact per trade in basis points. Default 5.
     *
     * @param bps between 0 and 1000
     * @return this builder
     */
    public Builder costBps(BigDecimal bps) {
      this.costBps = Objects.requireNonNull(bps, "bps");
      return this;
    }

    /**
     * Commission per share. Default 0.
     *
     * @param perShare {@code >= 0}
     * @return this builder
     */
    public Builder costPerShare(BigDecimal perShare) {
      this.costPerShare = Objects.requireNonNull(perShare, "perShare");
      return this;
    }

    /**
     * Makes the scorer from the market's bars. Default momentum over one day.
     *
     * @param scorer the factory
     * @return this builder
     */
    public Builder scorer(Function<BarSource, Scorer> scorer) {
      this.scorer = Objects.requireNonNull(scorer, "scorer");
      return this;
    }

    /**
     * Hears about purchases, swaps, refusals and decisions. Default none.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(BotListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Hears about progress after each scan. Default none.
     *
     * @param progress the callback
     * @return this builder
     */
    public Builder progress(Progress progress) {
      this.progress = Objects.requireNonNull(progress, "progress");
      return this;
    }

    /** The simulation, ready to {@link Simulation#run()}. */
    public Simulation build() {
      return new Simulation(this);
    }
  }
}
