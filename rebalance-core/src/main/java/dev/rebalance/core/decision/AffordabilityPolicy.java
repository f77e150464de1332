package dev.rebalance.core.decision;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.internal.WholeShareAffordability;
import java.math.BigDecimal;

/**
 * Decides whether the proceeds of a sale can buy a candidate. The engine walks the candidates that
 * clear the threshold, best first, and buys the first one this policy allows; those passed over get
 * {@link CandidateReason#UNAFFORDABLE}.
 *
 * <p>Implementations must be immutable and thread-safe, and pure functions of their arguments.
 */
@FunctionalInterface
public interface AffordabilityPolicy {

  /**
   * Whether selling {@code sellQty} of {@code sold} can buy {@code candidate}.
   *
   * @param sold the position sold
   * @param sellQty the quantity sold, {@code > 0}
   * @param candidate the candidate
   * @return true if it can be bought
   */
  boolean canBuy(HeldPosition sold, BigDecimal sellQty, Candidate candidate);

  /**
   * The default: a candidate cannot be bought when it has a price, is not fractionable, the sold
   * position has a price, and {@code sellQty × sold.price < candidate.price} (not one whole share).
   * Unknown prices never block.
   *
   * @return the policy
   */
  static AffordabilityPolicy wholeShare() {
    return WholeShareAffordability.WHOLE_SHARE;
  }

  /**
   * Every candidate is affordable (no affordability guard).
   *
   * @return the policy
   */
  static AffordabilityPolicy anything() {
    return WholeShareAffordability.ANYTHING;
  }
}
