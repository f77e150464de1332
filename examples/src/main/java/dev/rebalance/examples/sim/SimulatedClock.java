package dev.rebalance.examples.sim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} that stands still until the simulation moves it. The simulation sets it to each
 * scan time in turn; everything that asks for the time (the rebalancer, the tracker, the broker's
 * fills) then sees the simulated time.
 *
 * <p>Thread-safe: the instant is held in a volatile field and may only move forward.
 */
public final class SimulatedClock extends Clock {
  private volatile Instant now;

  /**
   * A clock standing at {@code start}.
   *
   * @param start the first instant
   */
  public SimulatedClock(Instant start) {
    this.now = Objects.requireNonNull(start, "start");
  }

  /**
   * Moves the clock to {@code next}.
   *
   * @param next the new instant, not before the current one
   * @throws IllegalArgumentException if {@code next} is before the current instant
   */
  public synchronized void set(Instant next) {
    Objects.requireNonNull(next, "next");
    if (next.isBefore(now)) {
      throw new IllegalArgumentException("next must not be before " + now + ", was " + next);
    }
    now = next;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.fixed(now, zone);
  }
}
