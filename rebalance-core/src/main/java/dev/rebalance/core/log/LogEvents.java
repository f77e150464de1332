package dev.rebalance.core.log;

/**
 * The names of Rebalance's structured log events, one per decision and per state change, kept
 * stable for log queries. Keys attached to events are snake_case ({@code account}, {@code symbol},
 * {@code reason}, ...); values are never formatted into the message, and secrets are never logged.
 *
 * <p>Constants only; thread-safe.
 */
public final class LogEvents {
  private LogEvents() {}

  /** A fill opened a position from flat and its entry was recorded. */
  public static final String POSITION_ENTRY_TRACKED = "position_entry_tracked";

  /** A position was sold to flat and its entry closed. */
  public static final String POSITION_EXIT_TRACKED = "position_exit_tracked";

  /** A completed swap was appended to the history. */
  public static final String REBALANCING_EVENT_TRACKED = "rebalancing_event_tracked";

  /** A symbol was locked. */
  public static final String POSITION_LOCKED = "position_locked";

  /** A symbol was unlocked. */
  public static final String POSITION_UNLOCKED = "position_unlocked";

  /** A scan held because the cooldown since the last rebalance had not passed. */
  public static final String REBALANCING_IN_COOLDOWN = "rebalancing_in_cooldown";

  /** A held position has no tracked entry time. */
  public static final String NO_TRACKED_ENTRY_TIME = "no_tracked_entry_time";

  /** A locked position was skipped as a rebalancing candidate for sale. */
  public static final String POSITION_LOCKED_SKIP_REBALANCING = "position_locked_skip_rebalancing";

  /** One scan's decision, with its action and primary reason. */
  public static final String REBALANCE_DECISION = "rebalance_decision";

  // ---- Swap execution (SwapExecutor) and start-up reconciliation (EntryReconciler) ------------

  /** Start-up reconciliation finished, with counts of what it found. */
  public static final String ENTRIES_RECONCILED = "entries_reconciled";

  /** A swap's cooldown slot was already taken; no intent was recorded and no order placed. */
  public static final String SWAP_CLAIM_LOST = "swap_claim_lost";

  /** A swap's purchase filled and the history event was recorded; the intent is completed. */
  public static final String SWAP_COMPLETED = "swap_completed";

  /** A swap ended for good without completing; {@code detail} says why and what was traded. */
  public static final String SWAP_FAILED = "swap_failed";

  /** A swap was recorded as an intent before its first order. */
  public static final String SWAP_INTENT_RECORDED = "swap_intent_recorded";

  /** A swap was not started because the market was closed. */
  public static final String SWAP_MARKET_CLOSED = "swap_market_closed";

  /**
   * A swap's order was not done by its deadline; a cancel was requested (and what filled is used).
   */
  public static final String SWAP_ORDER_CANCEL_REQUESTED = "swap_order_cancel_requested";

  /** A swap's order was found by its client order id instead of being sent again. */
  public static final String SWAP_ORDER_RECOVERED = "swap_order_recovered";

  /** A swap's order (sell or buy) was accepted by the broker. */
  public static final String SWAP_ORDER_SUBMITTED = "swap_order_submitted";

  /** Submitting a swap's order failed; the order is looked up before anything else happens. */
  public static final String SWAP_ORDER_SUBMIT_FAILED = "swap_order_submit_failed";

  /** A swap stopped before finishing and stays open for {@code resume()}. */
  public static final String SWAP_PENDING = "swap_pending";

  /** An open swap intent found at start-up is being continued. */
  public static final String SWAP_RESUMED = "swap_resumed";

  /** A swap's sale is done (filled, or canceled/expired after a partial fill). */
  public static final String SWAP_SELL_FILLED = "swap_sell_filled";

  /** A session took the broker's new fills into the tracker. */
  public static final String FILLS_CAUGHT_UP = "fills_caught_up";

  /** A held position was left out of a scan's decision (short, or no score), with the reason. */
  public static final String POSITION_EXCLUDED = "position_excluded";

  /** One step of a session's scan or start-up failed; the report lists it. */
  public static final String SCAN_STEP_FAILED = "scan_step_failed";

  /** A session finished a scan: the decision, swaps executed, fills taken in, failures. */
  public static final String SCAN_COMPLETED = "scan_completed";
}
