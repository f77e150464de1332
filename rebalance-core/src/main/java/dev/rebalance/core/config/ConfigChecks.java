package dev.rebalance.core.config;

import dev.rebalance.api.InvalidConfigException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The validation of {@link RebalanceConfig}; messages name the field, the value and the range.
 * {@link RebalanceConfig}'s parts and {@link RebalanceConfigLoader} reuse the per-field checks with
 * the field's full name.
 */
final class ConfigChecks {
  private ConfigChecks() {}

  /**
   * The longest duration a setting takes: 100 years (36,500 days). Longer ones would overflow the
   * time arithmetic of the guards and the cooldown, and mean "never" anyway.
   */
  static final Duration MAX_DURATION = Duration.ofDays(36_500);

  static void check(RebalanceConfig c) {
    scoreThreshold("scoreThreshold", c.scoreThreshold());
    duration("minHoldTime", c.minHoldTime());
    duration("cooldown", c.cooldown());
    sellFraction("sellFraction", c.sellFraction());
    maxSwapsPerScan("maxSwapsPerScan", c.maxSwapsPerScan());
    duration("reentryBlock", c.reentryBlock());
  }

  /** A setting's duration: {@code >= 0} and at most {@link #MAX_DURATION}. */
  static void duration(String field, Duration d) {
    nonNegative(field, d);
    atMostMax(field, d);
  }

  /** A window: {@code > 0} and at most {@link #MAX_DURATION}. */
  static void positive(String field, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidConfigException(field + " must be > PT0S, was " + d);
    }
    atMostMax(field, d);
  }

  private static void atMostMax(String field, Duration d) {
    if (d.compareTo(MAX_DURATION) > 0) {
      throw new InvalidConfigException(
          field + " must be <= " + MAX_DURATION + " (100 years), was " + d);
    }
  }

  static void nonNegative(String field, BigDecimal value) {
    if (value.signum() < 0) {
      throw new InvalidConfigException(field + " must be >= 0, was " + value.toPlainString());
    }
  }

  static void positive(String field, BigDecimal value) {
    if (value.signum() <= 0) {
      throw new InvalidConfigException(field + " must be > 0, was " + value.toPlainString());
    }
  }

  static void turnoverSwaps(String field, long n) {
    if (n < 1) {
      throw new InvalidConfigException(field + " must be >= 1, was " + n);
    }
    if (n > Integer.MAX_VALUE) {
      throw new InvalidConfigException(field + " must be <= " + Integer.MAX_VALUE + ", was " + n);
    }
  }

  static void scoreThreshold(String field, BigDecimal threshold) {
    if (threshold.signum() < 0) {
      throw new InvalidConfigException(field + " must be >= 0, was " + threshold.toPlainString());
    }
  }

  static void nonNegative(String field, Duration d) {
    if (d.isNegative()) {
      throw new InvalidConfigException(field + " must be >= PT0S, was " + d);
    }
  }

  static void sellFraction(String field, BigDecimal f) {
    if (f.signum() <= 0 || f.compareTo(BigDecimal.ONE) > 0) {
      throw new InvalidConfigException(field + " must be in (0, 1], was " + f.toPlainString());
    }
  }

  static void maxSwapsPerScan(String field, long n) {
    if (n < 1) {
      throw new InvalidConfigException(field + " must be >= 1, was " + n);
    }
    if (n > Integer.MAX_VALUE) {
      throw new InvalidConfigException(field + " must be <= " + Integer.MAX_VALUE + ", was " + n);
    }
  }
}
