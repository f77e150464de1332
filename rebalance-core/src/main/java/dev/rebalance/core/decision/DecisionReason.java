package dev.rebalance.core.decision;

/**
 * The primary reason of a decision. For a HOLD, the first that applies in the order {@code
 * DISABLED, COOLDOWN, TURNOVER_BUDGET, NO_ELIGIBLE_POSITION, NO_CANDIDATE, BELOW_THRESHOLD,
 * SIZE_ROUNDS_TO_ZERO, NO_AFFORDABLE_CANDIDATE, COST_EXCEEDS_EDGE} (the constants are declared in
 * the order they were added, not in this order), from {@link #DISABLED} to {@link
 * #COST_EXCEEDS_EDGE}.
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
  SIZE_ROUNDS_TO_ZERO,
  /** The turnover budget's swaps in its window are used up (checked right after the cooldown). */
  TURNOVER_BUDGET,
  /** The sale cannot buy one whole share of any candidate that clears the threshold. */
  NO_AFFORDABLE_CANDIDATE,
  /** The chosen candidate's expected edge does not cover the swap's cost plus the minimum. */
  COST_EXCEEDS_EDGE
}
