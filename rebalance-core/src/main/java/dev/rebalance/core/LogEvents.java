package dev.rebalance.core;

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
}
