package dev.rebalance.core.execution;

/** How far one swap got when {@link SwapExecutor} returned. */
public enum ExecutionOutcome {
  /** Sold, bought, recorded in the history; the intent is {@code COMPLETED}. */
  COMPLETED,
  /**
   * Stopped for good; the intent is {@code FAILED} and its detail says why and what was traded (for
   * example "the sale stands, the proceeds remain in cash").
   */
  FAILED,
  /**
   * Not finished yet (an order still open at the deadline, the broker unreachable); the intent
   * stays open and {@link SwapExecutor#resume()} continues it.
   */
  PENDING,
  /**
   * The cooldown slot could not be claimed (another swap, possibly by another bot instance, took
   * it); no intent was recorded and no order placed.
   */
  NOT_CLAIMED,
  /** The market was closed; nothing was claimed, recorded or ordered. */
  MARKET_CLOSED
}
