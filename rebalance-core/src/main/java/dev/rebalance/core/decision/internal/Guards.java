package dev.rebalance.core.decision.internal;

import dev.rebalance.core.decision.AffordabilityPolicy;
import dev.rebalance.core.decision.CostGate;
import dev.rebalance.core.decision.ReentryPolicy;
import dev.rebalance.core.decision.TurnoverPolicy;
import java.util.Objects;

/**
 * The four guards beyond the threshold, as one engine holds them. Immutable and thread-safe.
 *
 * @param reentry the re-entry block
 * @param turnover the turnover budget
 * @param affordability the affordability rule
 * @param costGate the cost gate
 */
public record Guards(
    ReentryPolicy reentry,
    TurnoverPolicy turnover,
    AffordabilityPolicy affordability,
    CostGate costGate) {

  /** Every guard off except affordability, which only acts on known prices. */
  public static final Guards DEFAULT =
      new Guards(
          ReentryPolicy.none(),
          TurnoverPolicy.unlimited(),
          AffordabilityPolicy.wholeShare(),
          CostGate.none());

  /** Checks for nulls. */
  public Guards {
    Objects.requireNonNull(reentry, "reentryPolicy");
    Objects.requireNonNull(turnover, "turnoverPolicy");
    Objects.requireNonNull(affordability, "affordabilityPolicy");
    Objects.requireNonNull(costGate, "costGate");
  }
}
