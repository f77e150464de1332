package dev.rebalance.core.tracking;

/**
 * What {@link PositionTracker#onFill} did with one fill.
 *
 * <p>Constants only; thread-safe.
 */
public enum FillOutcome {
  /** A buy opened a position from flat: a new entry was recorded with the fill's time. */
  OPENED,
  /**
   * A buy added to an open position: the entry time was kept, quantity and average price updated.
   */
  ADDED,
  /** A sale reduced an open position that is still not flat: the entry was kept. */
  REDUCED,
  /** A sale took the position to flat (or below, an oversell): the entry was closed. */
  CLOSED,
  /** A sale of a symbol with no tracked entry: nothing was recorded or invented. */
  IGNORED_UNTRACKED_SELL,
  /**
   * A buy for a symbol with no tracked entry whose broker-reported position after the fill is
   * larger than the fill, so the position was not flat before it: the real entry time is unknown
   * and no entry was invented (start-up reconciliation may reconstruct it).
   */
  IGNORED_NOT_FROM_FLAT,
  /** A fill with an id this tracker has already applied (a replay): ignored. */
  DUPLICATE
}
