package dev.rebalance.core.decision.internal;

import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.decision.PartialSellSizer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** {@link PartialSellSizer#of}: a fixed fraction, rounded down. Immutable, thread-safe. */
public final class FractionSizer implements PartialSellSizer {
  /** Decimal places of a fractional-share order (Alpaca's increment). */
  public static final int FRACTIONAL_SCALE = 9;

  private final BigDecimal fraction;
  private final boolean whole;

  /**
   * @param fraction in (0, 1]
   */
  public FractionSizer(BigDecimal fraction) {
    Objects.requireNonNull(fraction, "fraction");
    if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "fraction must be in (0, 1], was " + fraction.toPlainString());
    }
    this.fraction = fraction;
    this.whole = fraction.compareTo(BigDecimal.ONE) == 0;
  }

  @Override
  public BigDecimal fraction() {
    return fraction;
  }

  @Override
  public BigDecimal sellQty(HeldPosition position) {
    BigDecimal qty = position.qty();
    if (whole) {
      return qty;
    }
    int scale = position.fractionable() ? FRACTIONAL_SCALE : 0;
    BigDecimal sized = qty.multiply(fraction).setScale(scale, RoundingMode.DOWN);
    if (sized.signum() == 0) {
      return BigDecimal.ZERO;
    }
    BigDecimal plain = sized.stripTrailingZeros();
    return plain.scale() < 0 ? plain.setScale(0) : plain;
  }

  @Override
  public String toString() {
    return "PartialSellSizer.of(" + fraction.toPlainString() + ")";
  }
}
