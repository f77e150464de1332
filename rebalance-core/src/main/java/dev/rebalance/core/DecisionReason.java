package dev.rebalance.core;

/**
 * The primary reason of a decision. For a HOLD, the first that applies in declaration order from
 * {@link #DISABLED} to {@link #SIZE_ROUNDS_TO_ZERO}.
 */
public enum DecisionReason {
  /** The decision is a swap. */
  SWAP,
  /** Rebalancing is disabled in the configuration. */
  DISABLED,
  /** The last rebalance was less than the cooldown ago. */
  COOLDOWN,
  /** No held position may be sold (locked, too young, unknown entry time, or nothing held). */
  NO_ELIGIBLE_POSITION,
  /** No candidate that is not already held. */
  NO_CANDIDATE,
  /** The best candidate does not beat the weakest eligible position by the threshold. */
  BELOW_THRESHOLD,
  /** The sell fraction of the weakest position rounds down to zero shares. */
  SIZE_ROUNDS_TO_ZERO
}
