package dev.rebalance.api.broker;

/** Whether a position is long (shares held) or short (shares owed). */
public enum PositionSide {
  /** Shares held; the quantity is positive. */
  LONG,
  /** Shares sold short and owed; the broker reports a negative quantity. */
  SHORT
}
