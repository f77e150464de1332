package dev.rebalance.core;

import dev.rebalance.api.InvalidConfigException;
import java.math.BigDecimal;
import java.time.Duration;

/** The validation of {@link RebalanceConfig}; messages name the field, the value and the range. */
final class ConfigChecks {
  private ConfigChecks() {}

  static void check(RebalanceConfig c) {
    if (c.scoreThreshold().signum() < 0) {
      throw new InvalidConfigException(
          "scoreThreshold must be >= 0, was " + c.scoreThreshold().toPlainString());
    }
    nonNegative("minHoldTime", c.minHoldTime());
    nonNegative("cooldown", c.cooldown());
    BigDecimal f = c.sellFraction();
    if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidConfigException("sellFraction must be in (0, 1], was " + f.toPlainString());
    }
    if (c.maxSwapsPerScan() < 1) {
      throw new InvalidConfigException("maxSwapsPerScan must be >= 1, was " + c.maxSwapsPerScan());
    }
  }

  private static void nonNegative(String field, Duration d) {
    if (d.isNegative()) {
      throw new InvalidConfigException(field + " must be >= PT0S, was " + d);
    }
  }
}
