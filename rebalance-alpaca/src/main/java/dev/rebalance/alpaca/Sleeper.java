package dev.rebalance.alpaca;

import java.time.Duration;

/**
 * Waits for a while. The Alpaca adapter waits through a {@code Sleeper} (for the rate limiter,
 * retry back-off and stream reconnects) so that tests can replace real sleeping with moving a test
 * clock.
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
