package dev.rebalance.core.execution;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends completed swaps to one account's rebalance history in a {@link TrackerStore} and logs
 * each as {@code rebalancing_event_tracked}. The history is append-only: what is recorded is never
 * changed; it feeds {@code rebalance history}, {@code rebalance stats} and {@code
 * RebalanceMetrics}.
 *
 * <p>Recording is separate from claiming the cooldown slot ({@link TrackerStore#claimRebalance}); a
 * caller that executes a swap claims the slot first and records the event once the swap's fills are
 * known.
 *
 * <p>Thread-safe: it holds no state of its own beyond the store, which is thread-safe.
 */
public final class HistoryRecorder {
  private static final Logger log = LoggerFactory.getLogger(HistoryRecorder.class);

  private final TrackerStore store;
  private final String account;

  private HistoryRecorder(TrackerStore store, String account) {
    this.store = store;
    this.account = account;
  }

  /**
   * A recorder for one account.
   *
   * @param store the store the history lives in
   * @param account the account id
   * @return the recorder
   * @throws IllegalArgumentException if {@code account} is blank
   */
  public static HistoryRecorder create(TrackerStore store, String account) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(account, "account");
    if (account.isBlank()) {
      throw new IllegalArgumentException("account must not be blank");
    }
    return new HistoryRecorder(store, account);
  }

  /**
   * Appends {@code event} to the history. An event whose swap id is already recorded is not
   * appended again (and not logged): see {@link #recordOnce}.
   *
   * @param event the completed swap
   * @return the event, as given
   * @throws dev.rebalance.api.TrackerStoreException if the store fails (nothing is logged then)
   */
  public RebalanceEvent record(RebalanceEvent event) {
    recordOnce(event);
    return event;
  }

  /**
   * Appends {@code event} to the history unless its swap id is already there (the store checks and
   * appends in one atomic step, so two processes recording one swap store it once).
   *
   * @param event the completed swap
   * @return true if it was appended (and logged); false if its swap was already recorded
   * @throws dev.rebalance.api.TrackerStoreException if the store fails (nothing is logged then)
   */
  public boolean recordOnce(RebalanceEvent event) {
    Objects.requireNonNull(event, "event");
    if (!store.appendHistory(account, event)) {
      return false;
    }
    log.atInfo()
        .setMessage(LogEvents.REBALANCING_EVENT_TRACKED)
        .addKeyValue("account", account)
        .addKeyValue("timestamp", event.timestamp())
        .addKeyValue("swap_id", event.swapId().orElse(null))
        .addKeyValue("old_symbol", event.oldSymbol())
        .addKeyValue("new_symbol", event.newSymbol())
        .addKeyValue("old_score", event.oldScore().toPlainString())
        .addKeyValue("new_score", event.newScore().toPlainString())
        .addKeyValue("score_diff", event.scoreDiff().toPlainString())
        .addKeyValue("sold_qty", event.soldQty().map(BigDecimal::toPlainString).orElse(null))
        .addKeyValue(
            "sell_fraction", event.sellFraction().map(BigDecimal::toPlainString).orElse(null))
        .log();
    return true;
  }
}
