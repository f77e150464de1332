package dev.rebalance.core;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.SwapExecutor;
import dev.rebalance.core.internal.BuilderChecks;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.EntryContext;
import dev.rebalance.core.tracking.EntryReconciler;
import dev.rebalance.core.tracking.FillOutcome;
import dev.rebalance.core.tracking.PositionTracker;
import dev.rebalance.core.tracking.TrackerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime of one bot on one account: built once, then one call per scan does everything between
 * the bot's scores and the broker.
 *
 * <pre>{@code
 * RebalanceSession session = RebalanceSession.builder()
 *     .rebalancer(Rebalancer.of(config, clock))
 *     .store(store)
 *     .broker(broker)
 *     .account("paper-1")
 *     .build();
 * session.start();                          // catch up fills, reconcile, resume unfinished swaps
 * while (running) {
 *   ScanReport report = session.scan(ScanInput.of(myScores()));
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #scan} does, in this order:
 *
 * <ol>
 *   <li>takes the broker's fills since the stored fill watermark into the {@link PositionTracker}
 *       (each fill exactly once, across restarts and across processes sharing the store: see {@link
 *       TrackerStore#applyFill}), then advances the watermark;
 *   <li>reads the positions; a short position, or one without a score, is left out of the decision
 *       and named in the report (it is never sold by a swap);
 *   <li>loads the tracker state (entries, locks, last rebalance, and the recent swaps as far back
 *       as the longest guard window) from the store;
 *   <li>asks the {@link Rebalancer} for a decision (a pure function); when a swap is due, prices
 *       the best candidates (latest price, fractionable flag) and decides again on those inputs, so
 *       a swap whose proceeds cannot buy one share is never proposed;
 *   <li>executes a SWAP with a {@link SwapExecutor} built from the same rebalancer, so the cooldown
 *       slot is claimed under the rebalancer's own cooldown policy;
 *   <li>takes the swap's fills into the tracker, and returns one {@link ScanReport}.
 * </ol>
 *
 * <p>Every setting has one home: the clock and the cooldown are the rebalancer's, the locks and
 * entries are the store's. The fill watermark moves to the time a catch-up started once every fill
 * of that catch-up was applied; the next catch-up asks again from {@link Builder#fillOverlap}
 * before it, so a fill the broker reports late is still taken in, and one reported twice counts
 * once.
 *
 * <p>Several processes may run sessions for the same account on one shared store: the claim lets
 * one of them swap per cooldown window, only the claimer places the swap's orders, and the history
 * records each swap once. A session is thread-safe, but its scans are meant to run one at a time on
 * one thread (a second concurrent scan waits).
 */
public final class RebalanceSession {
  private static final Logger log = LoggerFactory.getLogger(RebalanceSession.class);

  /**
   * How long another instance's open swap must stand still before this session's start-up takes it
   * over (see {@link SwapExecutor.Builder#takeoverAfter}); change it with {@link
   * Builder#executorOptions}.
   */
  public static final Duration TAKEOVER_AFTER = Duration.ofMinutes(5);

  private final Rebalancer rebalancer;
  private final TrackerStore store;
  private final Broker broker;
  private final String account;
  private final Clock clock;
  private final boolean reconcileOnStart;
  private final FillIntake fills;
  private final ScanPositions positions;
  private final SwapExecutor executor;
  private final EntryReconciler reconciler;
  private final Object scanLock = new Object();
  private volatile boolean started;

  private RebalanceSession(Builder b, Rebalancer rebalancer, TrackerStore store, Broker broker) {
    this.rebalancer = rebalancer;
    this.store = store;
    this.broker = broker;
    this.account = Objects.requireNonNull(b.account, "account");
    this.clock = rebalancer.clock();
    this.reconcileOnStart = b.reconcileOnStart;
    this.fills = new FillIntake(store, broker, account, clock, b.fillOverlap);
    this.positions = new ScanPositions(broker, account, b.pricedCandidates);
    this.executor =
        b.executorOptions
            .apply(SwapExecutor.builder().sleeper(b.sleeper).takeoverAfter(TAKEOVER_AFTER))
            .broker(broker)
            .store(store)
            .account(account)
            .rebalancer(rebalancer)
            .build();
    this.reconciler =
        EntryReconciler.builder().broker(broker).store(store).account(account).clock(clock).build();
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The account this session trades and tracks. */
  public String account() {
    return account;
  }

  /** The rebalancer this session decides with. */
  public Rebalancer rebalancer() {
    return rebalancer;
  }

  /**
   * Brings the store up to date with the broker before the first scan: takes in the fills since the
   * stored watermark (on an account's first run the watermark starts now: older fills are the
   * reconciliation's), reconciles the entries of held positions (entry times from the fill history,
   * entries of positions no longer held closed), and continues the swaps a previous run left
   * unfinished. {@link #scan} calls it first if it was not called; calling it again is harmless.
   *
   * @return what was found and done; failures are listed, not thrown
   * @throws dev.rebalance.api.TrackerStoreException if the store fails
   */
  public StartupReport start() {
    synchronized (scanLock) {
      StartupReport.Builder report = StartupReport.builder();
      fills.startWatermarkIfAbsent();
      StepFailures failures = new StepFailures(account);
      report.fillsApplied(fills.catchUp(failures)[0]);
      if (reconcileOnStart) {
        try {
          report.reconciliation(reconciler.reconcile());
        } catch (BrokerException e) {
          failures.add("reconcile", e);
        }
      }
      try {
        report.resumed(executor.resume());
      } catch (BrokerException e) {
        failures.add("resume", e);
      }
      started = true;
      return report.addAllFailures(failures.list()).build();
    }
  }

  /**
   * Runs one scan at the rebalancer's clock's current time with the bot's scores.
   *
   * @param input the scores (and optional prices) of held symbols and candidates
   * @return what the scan decided and did
   * @throws dev.rebalance.api.TrackerStoreException if the store fails (nothing is traded then)
   */
  public ScanReport scan(ScanInput input) {
    Objects.requireNonNull(input, "input");
    synchronized (scanLock) {
      if (!started) {
        start();
      }
      Instant now = clock.instant();
      ScanReport.Builder report = ScanReport.builder().at(now);
      StepFailures failures = new StepFailures(account);
      int[] seen = fills.catchUp(failures);

      List<BrokerPosition> held;
      try {
        held = broker.positions();
      } catch (BrokerException e) {
        failures.add("positions", e);
        return finish(report, failures, seen, Optional.empty());
      }
      Map<String, String> excluded = new LinkedHashMap<>();
      List<HeldPosition> sellable = positions.held(held, input, excluded, failures);
      List<Candidate> candidates = ScanPositions.candidates(input, held);
      report.putAllExcluded(excluded);

      TrackerState state =
          TrackerState.load(store, account, rebalancer.config().guardWindow(), now);
      Decision decision = rebalancer.decide(sellable, candidates, state, now);
      if (decision.isSwap()) {
        // A swap is due: price the best candidates (latest price, fractionable) so the
        // affordability guard decides on real prices, then decide again on those inputs.
        decision =
            rebalancer.decide(sellable, positions.priced(candidates, input, failures), state, now);
      }
      report.decision(decision);
      if (decision.isSwap()) {
        try {
          List<ExecutionResult> results = executor.execute(decision);
          report.addAllExecutions(results);
          results.forEach(fills::expectPurchase);
        } catch (BrokerException e) {
          failures.add("execute", e);
        }
        int[] more = fills.catchUp(failures);
        seen[0] += more[0];
        seen[1] += more[1];
      }
      return finish(report, failures, seen, Optional.of(decision));
    }
  }

  /**
   * Tells the session the score and reason of an order the bot placed itself (buying into a free
   * slot, say), so the entry its fill opens records them. Swaps' purchases are remembered without
   * this call.
   *
   * @param orderId the broker's order id
   * @param context the score and reason of the purchase
   */
  public void expectFill(String orderId, EntryContext context) {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(context, "context");
    fills.expect(orderId, context);
  }

  /**
   * Takes one fill into the tracker now (from a trade-updates stream, say), exactly once: the
   * scan's catch-up will not count it again.
   *
   * @param fill the fill
   * @return what the tracker did with it
   */
  public FillOutcome onFill(Fill fill) {
    Objects.requireNonNull(fill, "fill");
    return fills.apply(fill);
  }

  private ScanReport finish(
      ScanReport.Builder report, StepFailures failures, int[] seen, Optional<Decision> decision) {
    ScanReport done =
        report
            .fillsApplied(seen[0])
            .fillsAlreadyApplied(seen[1])
            .addAllFailures(failures.list())
            .build();
    log.atInfo()
        .setMessage(LogEvents.SCAN_COMPLETED)
        .addKeyValue("account", account)
        .addKeyValue("at", done.at())
        .addKeyValue("action", decision.map(Decision::action).orElse(null))
        .addKeyValue("reason", decision.map(Decision::reason).orElse(null))
        .addKeyValue(
            "swaps_completed",
            done.executions().stream().filter(ExecutionResult::isCompleted).count())
        .addKeyValue("fills_applied", done.fillsApplied())
        .addKeyValue("failures", done.failures().size())
        .log();
    return done;
  }

  /**
   * Builds a {@link RebalanceSession}. {@code rebalancer}, {@code store}, {@code broker} and {@code
   * account} are required. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable Rebalancer rebalancer;
    private @Nullable TrackerStore store;
    private @Nullable Broker broker;
    private @Nullable String account;
    private Sleeper sleeper = Sleeper.system();
    private Duration fillOverlap = Duration.ofMinutes(10);
    private boolean reconcileOnStart = true;
    private int pricedCandidates = 20;
    private UnaryOperator<SwapExecutor.Builder> executorOptions = UnaryOperator.identity();

    private Builder() {}

    /**
     * The decision engine; its clock is the session's clock and its cooldown policy the claim's.
     * Required.
     *
     * @param rebalancer the rebalancer
     * @return this builder
     */
    public Builder rebalancer(Rebalancer rebalancer) {
      this.rebalancer = Objects.requireNonNull(rebalancer, "rebalancer");
      return this;
    }

    /**
     * Where entries, locks, history, intents and the fill watermark live. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(TrackerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The broker to read positions and fills from and to trade through. Required.
     *
     * @param broker the broker
     * @return this builder
     */
    public Builder broker(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      return this;
    }

    /**
     * The account id the store keys everything by ({@link Identifiers} rule). Required.
     *
     * @param account the account id
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * How the executor waits between looks at an order. Default {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * How far before the fill watermark each catch-up asks again, for fills the broker reports late
     * (Alpaca's REST views can lag its stream by seconds). Default 10 minutes; {@code >= 0}.
     *
     * @param overlap the overlap
     * @return this builder
     */
    public Builder fillOverlap(Duration overlap) {
      this.fillOverlap = Objects.requireNonNull(overlap, "fillOverlap");
      return this;
    }

    /**
     * Whether {@link RebalanceSession#start()} reconciles entries with the broker. Default true.
     *
     * @param reconcile whether to reconcile
     * @return this builder
     */
    public Builder reconcileOnStart(boolean reconcile) {
      this.reconcileOnStart = reconcile;
      return this;
    }

    /**
     * How many of the best candidates are priced (latest price and fractionable flag from the
     * broker, unless the input gives a price) when a swap is due, so the affordability guard sees
     * real prices. It costs two broker calls per candidate, and only in scans where a swap is due.
     * Default 20; {@code >= 0}.
     *
     * @param count how many
     * @return this builder
     */
    public Builder pricedCandidates(int count) {
      this.pricedCandidates = count;
      return this;
    }

    /**
     * Tunes the swap executor (fill timeout, poll interval, open-market check, ...). The broker,
     * store, account, clock and cooldown are the session's and are set after this, so they cannot
     * disagree with it.
     *
     * @param options applied to the executor's builder
     * @return this builder
     */
    public Builder executorOptions(UnaryOperator<SwapExecutor.Builder> options) {
      this.executorOptions = Objects.requireNonNull(options, "executorOptions");
      return this;
    }

    /**
     * Builds the session.
     *
     * @return the session
     * @throws InvalidConfigException naming the field when a required one is missing or a value is
     *     out of range
     */
    public RebalanceSession build() {
      if (rebalancer == null) {
        throw new InvalidConfigException("rebalancer is required");
      }
      BuilderChecks.brokerStoreAccount(broker, store, account);
      if (pricedCandidates < 0) {
        throw new InvalidConfigException("pricedCandidates must be >= 0, was " + pricedCandidates);
      }
      if (fillOverlap.isNegative()) {
        throw new InvalidConfigException("fillOverlap must be >= 0, was " + fillOverlap);
      }
      return new RebalanceSession(
          this,
          rebalancer,
          Objects.requireNonNull(store, "store"),
          Objects.requireNonNull(broker, "broker"));
    }
  }
}
