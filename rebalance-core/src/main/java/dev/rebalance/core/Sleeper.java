package dev.rebalance.core;

import dev.rebalance.api.RebalanceException;
import java.time.Duration;

/**
 * How a {@link SwapExecutor} pauses between two looks at an order's status. The executor computes
 * its deadlines from its injected {@link java.time.Clock}; the sleeper only decides how the pause
 * happens. Production code uses {@link #system()}; tests inject a sleeper that advances a mutable
 * test clock (and may let a simulated broker make progress) so that no test ever really sleeps.
 *
 * <p>Implementations must be thread-safe; {@link #system()} is.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Pauses for about {@code duration}.
   *
   * @param duration how long to pause; never negative
   * @throws RebalanceException if the pause is interrupted (the thread's interrupt flag is then
   *     set again)
   */
  void sleep(Duration duration);

  /**
   * A sleeper that blocks the calling thread with {@link Thread#sleep(long)}.
   *
   * @return the system sleeper
   */
  static Sleeper system() {
    return duration -> {
      try {
        Thread.sleep(duration.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RebalanceException("interrupted while waiting for an order", e);
      }
    };
  }
}
