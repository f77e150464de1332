package dev.rebalance.api.broker;

/** Buy or sell. */
public enum OrderSide {
  /** Buy. */
  BUY,
  /** Sell. */
  SELL
}
