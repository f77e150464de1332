package dev.rebalance.core.decision;

/** What a decision tells the bot to do. */
public enum DecisionAction {
  /** Sell the decision's weakest positions and buy its best candidates. */
  SWAP,
  /** Do nothing this scan. */
  HOLD
}
