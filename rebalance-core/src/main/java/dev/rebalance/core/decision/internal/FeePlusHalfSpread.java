package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.CostModel;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * {@link CostModel#feePlusHalfSpread}: {@code 2 × feeBps + (sold.spreadBps + bought.spreadBps) /
 * 2}, exact (halving a decimal always terminates). Immutable and thread-safe.
 */
public final class FeePlusHalfSpread implements CostModel {
  private static final BigDecimal TWO = BigDecimal.valueOf(2);
  private final BigDecimal feeBps;

  /**
   * @param feeBps {@code >= 0}
   */
  public FeePlusHalfSpread(BigDecimal feeBps) {
    Objects.requireNonNull(feeBps, "feeBps");
    if (feeBps.signum() < 0) {
      throw new IllegalArgumentException("feeBps must be >= 0, was " + feeBps.toPlainString());
    }
    this.feeBps = feeBps;
  }

  @Override
  public BigDecimal costBps(HeldPosition sold, Candidate bought) {
    BigDecimal halfSpread = sold.spreadBps().add(bought.spreadBps()).divide(TWO);
    return feeBps.multiply(TWO).add(halfSpread);
  }

  @Override
  public String toString() {
    return "CostModel.feePlusHalfSpread(" + feeBps.toPlainString() + ")";
  }
}
