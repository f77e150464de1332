package dev.rebalance.core.execution;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.CooldownPolicy;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.internal.CooldownClaim;
import dev.rebalance.core.execution.internal.ExecutionSettings;
import dev.rebalance.core.execution.internal.IntentDriver;
import dev.rebalance.core.execution.internal.Intents;
import dev.rebalance.core.execution.internal.SwapIds;
import dev.rebalance.core.execution.internal.SwapResumer;
import dev.rebalance.core.execution.internal.SwapStarter;
import dev.rebalance.core.internal.BuilderChecks;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Executes a {@link Decision}'s swaps through a {@link Broker}: sell, wait for the sale, buy with
 * what the sale freed, record the history event with the actual fill prices.
 *
 * <p>A swap can never place a second order and is never forgotten:
 *
 * <ol>
 *   <li>The decision's cooldown slot is claimed first ({@link TrackerStore#claimRebalance}); if
 *       another swap holds it, no order is placed ({@link ExecutionOutcome#NOT_CLAIMED}).
 *   <li>Each swap gets a deterministic id (from account, decision time, sell and buy; see {@link
 *       #swapId}) and its orders the client order ids {@code <id>-s} and {@code <id>-b}.
 *   <li>The swap is recorded as a {@link SwapIntent} before its first order, and the intent is
 *       updated at every step ({@code INTENT}, {@code SELL_SUBMITTED}, {@code SELL_FILLED}, {@code
 *       BUY_SUBMITTED}, then {@code COMPLETED} or {@code FAILED} with a detail).
 *   <li>A failed submit is handled by its {@link BrokerException#kind}: a refusal is final and
 *       never sent again; a transient failure was not placed and may be sent again; an unknown
 *       outcome is resolved by looking the order up by its client order id, and the order is sent
 *       again only when the broker does not know it. Transport retries are the broker adapter's: a
 *       look-up that fails is not retried here, it leaves the swap pending for {@link #resume()}.
 *   <li>{@link #resume()} continues every open intent from its recorded status, looking orders up
 *       by client order id first, so an order sent just before a crash is found, not re-sent.
 * </ol>
 *
 * <p>The sale is a market day order for {@code min(swap.sellQty, position.qtyAvailable)}; the
 * purchase spends what the sale freed (filled quantity times average price, capped by buying
 * power): by notional, rounded down to cents, when the asset is fractionable, otherwise in whole
 * shares at the latest price. A sale that fills only partly before it is canceled or expires buys
 * with what filled. An order not done within {@link Builder#fillTimeout} is canceled and what
 * filled is used.
 *
 * <p>Feeding fills to the {@code PositionTracker} is not the executor's job: the fill stream (or
 * the bot) does that, for swaps and for every other trade alike.
 *
 * <p>An executor keeps everything a restart needs in the store; in memory it only remembers which
 * swap ids it claimed itself. Only the executor that claimed a swap drives it from {@link
 * #execute}: another executor sharing the store that decides the same swap (same account, time,
 * sell and buy) gets {@link ExecutionOutcome#NOT_CLAIMED} and places no order; {@link #resume()}
 * continues an unfinished swap after its executor stopped. The claim is made under the cooldown
 * policy of the rebalancer the decision came from ({@link Builder#rebalancer}). Two executors, in
 * one process or in two sharing a store, never both execute swaps inside one cooldown window, and
 * if two resume the same intent at once their orders still collide on the same client order ids
 * instead of doubling. Thread-safe.
 */
public final class SwapExecutor {
  private final TrackerStore store;
  private final String account;
  private final SwapStarter starter;
  private final SwapResumer resumer;

  private SwapExecutor(Builder b, CooldownPolicy cooldown, ExecutionSettings settings) {
    this.store = Objects.requireNonNull(b.store, "store");
    this.account = Objects.requireNonNull(b.account, "account");
    // The swap ids this executor claimed (or resumed): only these may be driven by execute().
    Set<String> claimedHere = ConcurrentHashMap.newKeySet();
    Broker broker = Objects.requireNonNull(b.broker, "broker");
    IntentDriver driver = new IntentDriver(broker, store, account, b.clock, b.sleeper, settings);
    this.starter =
        new SwapStarter(
            broker,
            store,
            account,
            settings,
            new CooldownClaim(store, account, cooldown),
            new Intents(store, account, b.clock),
            driver,
            claimedHere);
    this.resumer = new SwapResumer(broker, store, account, b.clock, settings, driver, claimedHere);
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The deterministic id of a swap: {@code rb-} and 32 hex digits of a hash over the inputs (35
   * characters). Its orders' client order ids are {@code <id>-s} and {@code <id>-b}.
   *
   * @param account the account id
   * @param decision the decision the swap belongs to
   * @param swap the swap
   * @return the id
   */
  public static String swapId(String account, Decision decision, Swap swap) {
    return SwapIds.swapId(account, decision.decidedAt(), swap.sell(), swap.buy());
  }

  /**
   * Executes a decision's swaps, one after the other, each to completion, failure, or a pending
   * state that {@link #resume()} continues. A HOLD decision does nothing.
   *
   * <p>Executing the same decision again is safe: swaps already recorded are continued (or their
   * final result returned), never started twice.
   *
   * @param decision the decision
   * @return one result per swap, in the decision's order; empty for a HOLD
   * @throws BrokerException if the broker fails before anything was claimed
   * @throws TrackerStoreException if the store fails
   */
  public List<ExecutionResult> execute(Decision decision) {
    Objects.requireNonNull(decision, "decision");
    if (!decision.isSwap()) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (Swap swap : decision.swaps()) {
      ids.add(swapId(account, decision, swap));
    }
    return starter.execute(decision, ids);
  }

  /**
   * Continues every open intent of the account from its recorded status, oldest first: each ends
   * {@code COMPLETED}, {@code FAILED} with a clear detail, or stays open with a detail saying what
   * it waits for (reported as {@link ExecutionOutcome#PENDING}). Orders are looked up by client
   * order id before any is sent. A sale that was never sent is sent only while the intent is
   * younger than {@link Builder#staleAfter}; otherwise the intent fails with "nothing was traded".
   * While the market is closed (and {@link Builder#requireOpenMarket} is on) nothing is sent and
   * every open intent is reported pending.
   *
   * <p>Call it at start-up, before the first scan; calling it again later is harmless.
   *
   * @return what was found and done
   * @throws TrackerStoreException if the store fails
   */
  public ResumeReport resume() {
    return resumer.resume();
  }

  /**
   * The account's unfinished swaps, oldest first, for a status display (each intent's status and
   * detail say where it stopped and why).
   *
   * @return the open intents (immutable)
   */
  public List<SwapIntent> status() {
    return store.openIntents(account);
  }

  /**
   * One swap's intent by id, whatever its status.
   *
   * @param swapId the swap id
   * @return the intent, or empty
   */
  public Optional<SwapIntent> intent(String swapId) {
    return store.intent(account, swapId);
  }

  /** The account this executor trades for. */
  public String account() {
    return account;
  }

  /**
   * Builds a {@link SwapExecutor}. {@code broker}, {@code store} and {@code account} are required;
   * the builder is not thread-safe, the executor it builds is.
   */
  public static final class Builder {
    private @Nullable Broker broker;
    private @Nullable TrackerStore store;
    private @Nullable String account;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private @Nullable CooldownPolicy cooldown;
    private @Nullable Duration fixedCooldown;
    private Duration fillTimeout = Duration.ofMinutes(2);
    private Duration cancelTimeout = Duration.ofSeconds(30);
    private Duration pollInterval = Duration.ofSeconds(1);
    private int submitAttempts = 2;
    private Duration staleAfter = Duration.ofMinutes(15);
    private Duration takeoverAfter = Duration.ZERO;
    private BigDecimal minNotional = BigDecimal.ONE;
    private boolean requireOpenMarket = true;

    private Builder() {}

    /**
     * The broker to trade through. Required.
     *
     * @param broker the broker
     * @return this builder
     */
    public Builder broker(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      return this;
    }

    /**
     * The store holding the cooldown, intents and history. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(TrackerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The account id the store keys everything by. Required.
     *
     * @param account the account id
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * The time source for intent timestamps and wait deadlines; use the same clock as the {@link
     * Rebalancer}'s. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How to pause between two looks at an order. Default {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * Takes the clock and the cooldown policy from the rebalancer whose decisions this executor
     * carries out, so the slot is claimed under exactly the cooldown the decision was made with.
     * This is the usual way to configure the cooldown; {@code RebalanceSession} does it for you.
     *
     * @param rebalancer the rebalancer
     * @return this builder
     */
    public Builder rebalancer(Rebalancer rebalancer) {
      Objects.requireNonNull(rebalancer, "rebalancer");
      this.clock = rebalancer.clock();
      return cooldownPolicy(rebalancer.cooldownPolicy());
    }

    /**
     * The cooldown policy the claim is made under. Required, through this method, {@link
     * #rebalancer}, {@link #config} or {@link #cooldown}: there is no default, so the claim can
     * never use a cooldown other than the one the decision was made with.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder cooldownPolicy(CooldownPolicy policy) {
      this.cooldown = Objects.requireNonNull(policy, "cooldownPolicy");
      this.fixedCooldown = null;
      return this;
    }

    /**
     * Takes a fixed cooldown from a configuration (as {@link Rebalancer#of(RebalanceConfig)} does).
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(RebalanceConfig config) {
      return cooldown(config.cooldown());
    }

    /**
     * A fixed cooldown: the minimum time between two rebalances; {@code >= 0}.
     *
     * @param cooldown the cooldown
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      this.fixedCooldown = Objects.requireNonNull(cooldown, "cooldown");
      this.cooldown = null;
      return this;
    }

    /**
     * How long to wait for an order to be done before asking to cancel it (what filled is then
     * used). Default 2 minutes; {@code >= 0}.
     *
     * @param fillTimeout the timeout
     * @return this builder
     */
    public Builder fillTimeout(Duration fillTimeout) {
      this.fillTimeout = Objects.requireNonNull(fillTimeout, "fillTimeout");
      return this;
    }

    /**
     * How long to wait for a cancel to take effect; an order still open after it leaves the swap
     * pending. Default 30 seconds; {@code >= 0}.
     *
     * @param cancelTimeout the timeout
     * @return this builder
     */
    public Builder cancelTimeout(Duration cancelTimeout) {
      this.cancelTimeout = Objects.requireNonNull(cancelTimeout, "cancelTimeout");
      return this;
    }

    /**
     * The pause between two looks at an order, and before an order is sent again. Default 1 second;
     * {@code > 0}.
     *
     * @param pollInterval the interval
     * @return this builder
     */
    public Builder pollInterval(Duration pollInterval) {
      this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
      return this;
    }

    /**
     * How many times one order is sent at most. It is sent again only when the broker allows it:
     * after a {@code TRANSIENT} failure (it was not placed), or after an {@code OUTCOME_UNKNOWN}
     * one whose look-up by client order id found nothing (the same client order id never makes two
     * orders). A {@code REFUSED} order is never sent again. Transport retries are the broker
     * adapter's, inside each send. Default 2; {@code >= 1}.
     *
     * @param submitAttempts the attempts
     * @return this builder
     */
    public Builder submitAttempts(int submitAttempts) {
      this.submitAttempts = submitAttempts;
      return this;
    }

    /**
     * How old an intent may be for {@link #resume()} to still send its never-sent sale; older
     * intents fail with "nothing was traded". Default 15 minutes; {@code >= 0}.
     *
     * @param staleAfter the age
     * @return this builder
     */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
      return this;
    }

    /**
     * How long an open intent that this executor did not claim must have stood still ({@code
     * updatedAt}) before {@link #resume()} takes it over; until then another executor sharing the
     * store may still be driving it, and resume() reports it pending. Default 0: resume() continues
     * every open intent, as a single bot's start-up wants. {@code RebalanceSession} uses 5 minutes,
     * so a starting instance never co-drives a live instance's swap. {@code >= 0}.
     *
     * @param takeoverAfter the time
     * @return this builder
     */
    public Builder takeoverAfter(Duration takeoverAfter) {
      this.takeoverAfter = Objects.requireNonNull(takeoverAfter, "takeoverAfter");
      return this;
    }

    /**
     * The smallest notional purchase the broker accepts (Alpaca: 1 dollar). Default 1; {@code >=
     * 0}.
     *
     * @param minNotional the amount
     * @return this builder
     */
    public Builder minNotional(BigDecimal minNotional) {
      this.minNotional = Objects.requireNonNull(minNotional, "minNotional");
      return this;
    }

    /**
     * Whether swaps start, and resume, only while the broker's market clock says open. Default
     * true.
     *
     * @param requireOpenMarket whether to check
     * @return this builder
     */
    public Builder requireOpenMarket(boolean requireOpenMarket) {
      this.requireOpenMarket = requireOpenMarket;
      return this;
    }

    /**
     * Builds the executor.
     *
     * @return the executor
     * @throws InvalidConfigException naming the field when a required one is missing or a value is
     *     out of range
     */
    public SwapExecutor build() {
      BuilderChecks.brokerStoreAccount(broker, store, account);
      if (fixedCooldown != null) {
        ExecutionSettings.requireNonNegative("cooldown", fixedCooldown);
        cooldown = CooldownPolicy.fixed(fixedCooldown);
      }
      ExecutionSettings settings =
          new ExecutionSettings(
              fillTimeout,
              cancelTimeout,
              pollInterval,
              submitAttempts,
              staleAfter,
              takeoverAfter,
              minNotional,
              requireOpenMarket);
      if (cooldown == null) {
        throw new InvalidConfigException(
            "cooldown is required: set rebalancer(...) (or cooldownPolicy, config or cooldown) so"
                + " the slot is claimed under the rebalancer's own cooldown");
      }
      return new SwapExecutor(this, cooldown, settings);
    }
  }
}
