package dev.rebalance.core.execution.internal;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.HistoryRecorder;
import java.time.Clock;
import java.util.Optional;

/**
 * Drives one swap intent from its recorded status to {@code COMPLETED} or {@code FAILED}, writing
 * every step to the store before the next broker call that depends on it:
 *
 * <pre>
 * INTENT --sell sent--> SELL_SUBMITTED --sell done--> SELL_FILLED --buy sent--> BUY_SUBMITTED
 *   --buy done, history appended--> COMPLETED           (any step) --> FAILED with a detail
 * </pre>
 *
 * <p>Each status has one step ({@link SellStep}, {@link BuyStep}) returning a {@link StepResult}:
 * the intent moved on, or the step cannot finish now. Orders carry deterministic client order ids
 * and go through an {@link OrderDesk}, which never retries what the broker adapter already retried:
 * an order whose existence is unknown is looked up, never re-sent blindly. When resuming, the
 * look-up comes first for every step that sends an order, so an order sent just before a crash is
 * found, not re-sent. A step that cannot finish now (an order still open after its cancel, the
 * broker not answering) leaves the intent at its status with a detail and reports {@link
 * ExecutionOutcome#PENDING}.
 *
 * <p>Holds no mutable state of its own; thread-safe as far as its broker and store are.
 */
public final class IntentDriver {
  /** The logger every part of the executor logs to, so a swap's events read as one stream. */
  static final String LOGGER_NAME = "dev.rebalance.core.execution.SwapExecutor";

  private final Intents intents;
  private final SellStep sell;
  private final BuyStep buy;

  /**
   * A driver for one account's intents.
   *
   * @param broker the broker
   * @param store the store holding intents and history
   * @param account the account id
   * @param clock the time source for deadlines and timestamps
   * @param sleeper how to pause between polls
   * @param settings the tunables
   */
  public IntentDriver(
      Broker broker,
      TrackerStore store,
      String account,
      Clock clock,
      Sleeper sleeper,
      ExecutionSettings settings) {
    this.intents = new Intents(store, account, clock);
    OrderDesk orders = new OrderDesk(broker, account, clock, sleeper, settings);
    this.sell = new SellStep(broker, orders, intents, account, clock, settings);
    this.buy =
        new BuyStep(
            broker, orders, intents, HistoryRecorder.create(store, account), account, settings);
  }

  /**
   * Drives {@code start} as far as it goes.
   *
   * @param start the intent as stored
   * @param resuming true when the intent comes from an earlier run (orders are looked up by client
   *     order id before any order is sent); false for an intent this process just recorded
   * @return what happened
   */
  public ExecutionResult drive(SwapIntent start, boolean resuming) {
    SwapIntent it = start;
    Optional<RebalanceEvent> event = Optional.empty();
    while (!it.status().isTerminal()) {
      StepResult step;
      try {
        step = step(it, resuming);
      } catch (BrokerException e) {
        // A read the step needed (position, account, asset, price) failed after the adapter's
        // own retries: nothing was sent by this step, so it is tried again on resume.
        step =
            StepResult.pending(
                "broker call failed at "
                    + it.status()
                    + ": "
                    + e.getMessage()
                    + "; resume() continues from here");
      }
      if (step instanceof StepResult.Pending pending) {
        return result(intents.pending(it, pending.detail()), Optional.empty());
      }
      StepResult.Advanced advanced = (StepResult.Advanced) step;
      it = advanced.intent();
      if (advanced.event().isPresent()) {
        event = advanced.event();
      }
    }
    return result(it, event);
  }

  private StepResult step(SwapIntent it, boolean resuming) {
    return switch (it.status()) {
      case INTENT -> sell.send(it, resuming);
      case SELL_SUBMITTED -> sell.await(it);
      case SELL_FILLED -> buy.send(it, resuming);
      case BUY_SUBMITTED -> buy.await(it);
      case COMPLETED, FAILED -> StepResult.advanced(it);
    };
  }

  /**
   * The result for an intent as it stands, without driving it.
   *
   * @param it the intent
   * @param event the event recorded in this call, if any
   * @return the result
   */
  public static ExecutionResult result(SwapIntent it, Optional<RebalanceEvent> event) {
    ExecutionOutcome outcome =
        switch (it.status()) {
          case COMPLETED -> ExecutionOutcome.COMPLETED;
          case FAILED -> ExecutionOutcome.FAILED;
          default -> ExecutionOutcome.PENDING;
        };
    return ExecutionResult.builder()
        .swapId(it.id())
        .sellSymbol(it.sellSymbol())
        .buySymbol(it.buySymbol())
        .outcome(outcome)
        .detail(it.detail().orElse(it.status().toString()))
        .intent(it)
        .event(event)
        .build();
  }
}
