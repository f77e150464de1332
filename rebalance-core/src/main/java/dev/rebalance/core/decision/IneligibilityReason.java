package dev.rebalance.core.decision;

import dev.rebalance.core.config.UnknownEntryTimeRule;

/**
 * Why a held position may not be sold in a rebalance; a position gets every reason that applies.
 */
public enum IneligibilityReason {
  /** A person locked it. */
  LOCKED,
  /** It was entered less than the minimum hold time ago. */
  MIN_HOLD_TIME,
  /** Its entry time is not tracked and the rule is {@link UnknownEntryTimeRule#BLOCK}. */
  UNKNOWN_ENTRY_TIME
}
