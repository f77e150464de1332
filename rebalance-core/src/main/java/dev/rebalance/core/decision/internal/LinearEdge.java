package dev.rebalance.core.decision.internal;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.EdgeModel;
import java.math.BigDecimal;
import java.util.Objects;

/** {@link EdgeModel#linear}: {@code scoreDiff × bpsPerPoint}, exact. Immutable and thread-safe. */
public final class LinearEdge implements EdgeModel {
  private final BigDecimal bpsPerPoint;

  /**
   * @param bpsPerPoint {@code > 0}
   */
  public LinearEdge(BigDecimal bpsPerPoint) {
    Objects.requireNonNull(bpsPerPoint, "bpsPerPoint");
    if (bpsPerPoint.signum() <= 0) {
      throw new IllegalArgumentException(
          "edgeBpsPerPoint must be > 0, was " + bpsPerPoint.toPlainString());
    }
    this.bpsPerPoint = bpsPerPoint;
  }

  @Override
  public BigDecimal edgeBps(BigDecimal scoreDiff, HeldPosition sold, Candidate bought) {
    return scoreDiff.multiply(bpsPerPoint);
  }

  @Override
  public String toString() {
    return "EdgeModel.linear(" + bpsPerPoint.toPlainString() + ")";
  }
}
