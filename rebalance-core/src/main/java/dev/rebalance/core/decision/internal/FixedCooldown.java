package dev.rebalance.core.decision.internal;

import dev.rebalance.core.decision.CooldownPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@link CooldownPolicy#fixed(Duration)}: a fixed time between rebalances. Immutable, thread-safe.
 */
public final class FixedCooldown implements CooldownPolicy {
  private final Duration cooldown;

  /**
   * @param cooldown {@code >= 0}
   */
  public FixedCooldown(Duration cooldown) {
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= PT0S, was " + cooldown);
    }
    this.cooldown = cooldown;
  }

  @Override
  public Duration remaining(Instant lastRebalance, Instant now) {
    Objects.requireNonNull(lastRebalance, "lastRebalance");
    Objects.requireNonNull(now, "now");
    if (cooldown.isZero()) {
      return Duration.ZERO;
    }
    Duration left = cooldown.minus(Duration.between(lastRebalance, now));
    return left.isNegative() ? Duration.ZERO : left;
  }

  @Override
  public String toString() {
    return "CooldownPolicy.fixed(" + cooldown + ")";
  }
}
