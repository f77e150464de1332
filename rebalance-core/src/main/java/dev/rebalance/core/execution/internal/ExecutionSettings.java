package dev.rebalance.core.execution.internal;

import dev.rebalance.api.InvalidConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The executor's tunables, validated when built: an invalid value fails with a message naming the
 * field, the value and the allowed range.
 *
 * @param fillTimeout how long to wait for an order to be done before cancelling it; {@code >= 0}
 * @param cancelTimeout how long to wait for a cancel to take effect; {@code >= 0}
 * @param pollInterval the pause between two looks at an order, and before an order is sent again;
 *     {@code > 0}
 * @param submitAttempts how many times one order is sent at most, counting only re-sends the broker
 *     allows (after a transient failure, or after a look-up that did not find it); {@code >= 1}
 * @param staleAfter how old an intent may be for a never-sent sell to be sent on resume; {@code >=
 *     0}
 * @param takeoverAfter how long an intent claimed elsewhere must stand still before resume takes it
 *     over; {@code >= 0}
 * @param minNotional the smallest notional buy the broker accepts; {@code >= 0}
 * @param requireOpenMarket whether to start swaps (and resume them) only while the market is open
 */
public record ExecutionSettings(
    Duration fillTimeout,
    Duration cancelTimeout,
    Duration pollInterval,
    int submitAttempts,
    Duration staleAfter,
    Duration takeoverAfter,
    BigDecimal minNotional,
    boolean requireOpenMarket) {

  /** Validates every field; see the record's description for the ranges. */
  public ExecutionSettings {
    requireNonNegative("fillTimeout", fillTimeout);
    requireNonNegative("cancelTimeout", cancelTimeout);
    requireNonNegative("staleAfter", staleAfter);
    requireNonNegative("takeoverAfter", takeoverAfter);
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new InvalidConfigException("pollInterval must be > 0, was " + pollInterval);
    }
    if (submitAttempts < 1) {
      throw new InvalidConfigException("submitAttempts must be >= 1, was " + submitAttempts);
    }
    Objects.requireNonNull(minNotional, "minNotional");
    if (minNotional.signum() < 0) {
      throw new InvalidConfigException(
          "minNotional must be >= 0, was " + minNotional.toPlainString());
    }
  }

  /**
   * Fails when a duration is negative, naming the field.
   *
   * @param field the setting's name
   * @param value its value
   * @throws InvalidConfigException if {@code value} is negative
   */
  public static void requireNonNegative(String field, Duration value) {
    Objects.requireNonNull(value, field);
    if (value.isNegative()) {
      throw new InvalidConfigException(field + " must be >= 0, was " + value);
    }
  }
}
