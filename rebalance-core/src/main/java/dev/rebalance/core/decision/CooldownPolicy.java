package dev.rebalance.core.decision;

import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.internal.FixedCooldown;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides how long the account must still wait after its last rebalance before it may swap again. A
 * positive remaining time makes the {@link Rebalancer} hold with {@link DecisionReason#COOLDOWN}
 * and report the remaining time on the decision; {@link Duration#ZERO} allows a swap. All swaps of
 * one scan count as one rebalance.
 *
 * <p>The default, {@link #fixed(Duration)}, is built from {@link RebalanceConfig#cooldown()}.
 * Implementations must be pure functions of their arguments and thread-safe; the built-in one is
 * immutable and thread-safe.
 */
@FunctionalInterface
public interface CooldownPolicy {

  /**
   * The time left before a swap is allowed.
   *
   * @param lastRebalance when the account last rebalanced
   * @param now the decision time
   * @return a positive duration while cooling down, {@link Duration#ZERO} when a swap is allowed
   *     (never negative)
   */
  Duration remaining(Instant lastRebalance, Instant now);

  /**
   * A fixed cooldown: a swap is allowed once {@code now - lastRebalance >= cooldown}, so exactly at
   * the boundary a swap is allowed. A zero cooldown never holds.
   *
   * @param cooldown the minimum time between rebalances, {@code >= 0}
   * @return the policy
   * @throws NullPointerException if {@code cooldown} is null
   * @throws IllegalArgumentException if {@code cooldown} is negative
   */
  static CooldownPolicy fixed(Duration cooldown) {
    return new FixedCooldown(cooldown);
  }
}
