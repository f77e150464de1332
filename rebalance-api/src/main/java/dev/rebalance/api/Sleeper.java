package dev.rebalance.api;

import java.time.Duration;

/**
 * Waits for a while. Every wait in the SDK goes through one {@code Sleeper}: the swap executor
 * between two looks at an order, the Alpaca adapter for its rate limiter, retry back-off and stream
 * reconnects. Deadlines are computed from the injected {@link java.time.Clock}; the sleeper only
 * decides how the pause happens, so tests replace real sleeping with moving a test clock.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Sleeper {

  /**
   * Waits for {@code duration}; returns early only when interrupted.
   *
   * @param duration how long to wait; zero or negative returns at once
   * @throws InterruptedException when the thread is interrupted while waiting
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * The real sleeper, {@link Thread#sleep(long)}.
   *
   * @return a sleeper that blocks the calling thread
   */
  static Sleeper system() {
    return d -> {
      if (!d.isNegative() && !d.isZero()) {
        Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
      }
    };
  }
}
