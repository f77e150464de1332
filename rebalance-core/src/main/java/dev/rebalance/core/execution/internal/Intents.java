package dev.rebalance.core.execution.internal;

import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.log.LogEvents;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's swap intents in the store: records a new intent before its first order, stores
 * every later step stamped with the clock, and logs failures and pending stops.
 *
 * <p>Holds no mutable state; thread-safe as far as its store is.
 */
public final class Intents {
  private static final Logger log = LoggerFactory.getLogger(IntentDriver.LOGGER_NAME);

  private final TrackerStore store;
  private final String account;
  private final Clock clock;

  /**
   * Intents of one account.
   *
   * @param store the store holding the intents
   * @param account the account id
   * @param clock the time source for the timestamps
   */
  public Intents(TrackerStore store, String account, Clock clock) {
    this.store = store;
    this.account = account;
    this.clock = clock;
  }

  /**
   * Records a swap as a new {@code INTENT}, before any of its orders is sent.
   *
   * @param id the swap id
   * @param swap the swap
   * @return the stored intent
   */
  public SwapIntent record(String id, Swap swap) {
    var now = clock.instant();
    SwapIntent intent =
        SwapIntent.builder()
            .id(id)
            .createdAt(now)
            .updatedAt(now)
            .status(SwapStatus.INTENT)
            .sellSymbol(swap.sell())
            .sellQty(swap.sellQty())
            .sellFraction(swap.sellFraction())
            .buySymbol(swap.buy())
            .oldScore(swap.oldScore())
            .newScore(swap.newScore())
            .detail("recorded; no order sent yet")
            .build();
    store.putIntent(account, intent);
    log.atInfo()
        .setMessage(LogEvents.SWAP_INTENT_RECORDED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", id)
        .addKeyValue("sell_symbol", swap.sell())
        .addKeyValue("sell_qty", swap.sellQty().toPlainString())
        .addKeyValue("buy_symbol", swap.buy())
        .addKeyValue("score_diff", swap.scoreDiff().toPlainString())
        .log();
    return intent;
  }

  /**
   * A builder starting from {@code it}, for the next step.
   *
   * @param it the intent as it stands
   * @return the builder
   */
  static SwapIntent.Builder edit(SwapIntent it) {
    return SwapIntent.builder().from(it);
  }

  /**
   * Stores the next step, stamped with the clock.
   *
   * @param next the intent at its next step
   * @return the stored intent
   */
  SwapIntent save(SwapIntent.Builder next) {
    SwapIntent stamped = next.updatedAt(clock.instant()).build();
    store.putIntent(account, stamped);
    return stamped;
  }

  /**
   * Stores the intent as {@code FAILED} with a detail saying why and what was traded.
   *
   * @param it the intent as it stands
   * @param detail why it failed
   * @return the step's result: the failed intent
   */
  StepResult fail(SwapIntent it, String detail) {
    SwapIntent failed = save(edit(it).status(SwapStatus.FAILED).detail(detail));
    log.atWarn()
        .setMessage(LogEvents.SWAP_FAILED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("sell_symbol", it.sellSymbol())
        .addKeyValue("buy_symbol", it.buySymbol())
        .addKeyValue("failed_at", it.status())
        .addKeyValue("detail", detail)
        .log();
    return StepResult.advanced(failed);
  }

  /**
   * Keeps the intent at its status with a detail saying what it waits for. When the store fails
   * too, the intent stays as last written.
   *
   * @param it the intent as it stands
   * @param detail what the swap waits for
   * @return the intent as stored (or as it was, when the store failed)
   */
  SwapIntent pending(SwapIntent it, String detail) {
    SwapIntent stored = it;
    try {
      stored = save(edit(it).detail(detail));
    } catch (RuntimeException e) {
      // the store is failing too; the intent stays as last written
    }
    log.atWarn()
        .setMessage(LogEvents.SWAP_PENDING)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("status", it.status())
        .addKeyValue("detail", detail)
        .log();
    return stored;
  }
}
