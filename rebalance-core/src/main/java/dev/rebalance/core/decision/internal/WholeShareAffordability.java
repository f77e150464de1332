package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.AffordabilityPolicy;
import java.math.BigDecimal;

/**
 * {@link AffordabilityPolicy#wholeShare} and {@link AffordabilityPolicy#anything}. Immutable and
 * thread-safe.
 */
public final class WholeShareAffordability implements AffordabilityPolicy {
  /** The whole-share rule. */
  public static final AffordabilityPolicy WHOLE_SHARE = new WholeShareAffordability(true);

  /** Everything is affordable. */
  public static final AffordabilityPolicy ANYTHING = new WholeShareAffordability(false);

  private final boolean check;

  private WholeShareAffordability(boolean check) {
    this.check = check;
  }

  @Override
  public boolean canBuy(HeldPosition sold, BigDecimal sellQty, Candidate candidate) {
    if (!check || candidate.fractionable()) {
      return true;
    }
    BigDecimal price = candidate.price().orElse(null);
    BigDecimal soldPrice = sold.price().orElse(null);
    if (price == null || soldPrice == null) {
      return true;
    }
    return sellQty.multiply(soldPrice).compareTo(price) >= 0;
  }

  @Override
  public String toString() {
    return check ? "AffordabilityPolicy.wholeShare()" : "AffordabilityPolicy.anything()";
  }
}
