package dev.rebalance.api;

/** The steps a swap goes through, recorded so a crash between them is found on restart. */
public enum SwapStatus {
  /** Recorded before any order; the cooldown slot has been claimed. */
  INTENT,
  /** The sell order has been sent. */
  SELL_SUBMITTED,
  /** The sell order has filled (fully or as far as it will). */
  SELL_FILLED,
  /** The buy order has been sent. */
  BUY_SUBMITTED,
  /** The buy filled and the history event was recorded. Terminal. */
  COMPLETED,
  /** The swap stopped and will not go on; {@link SwapIntent#detail()} says why. Terminal. */
  FAILED;

  /** Whether no further step follows. */
  public boolean isTerminal() {
    return this == COMPLETED || this == FAILED;
  }
}
