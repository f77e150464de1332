package dev.rebalance.tck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that a test moves by hand: it stands still until {@link #advance(Duration)} or
 * {@link #set(Instant)} is called, so time-dependent behaviour (cooldowns, lock expiry, minimum
 * hold times) is tested without sleeping.
 *
 * <p>Clocks made with {@link #withZone(ZoneId)} share this clock's time: moving one moves all.
 *
 * <p>Thread-safe: the time is held in an atomic reference.
 */
public final class MutableClock extends Clock {
  /** A fixed, arbitrary starting point used by {@link #start()}: 2025-11-25T14:30:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-11-25T14:30:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock at {@code start}, in UTC.
   *
   * @param start the initial time
   * @return the clock
   */
  public static MutableClock at(Instant start) {
    return new MutableClock(
        new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
  }

  /**
   * A clock at {@link #DEFAULT_START}, in UTC.
   *
   * @return the clock
   */
  public static MutableClock start() {
    return at(DEFAULT_START);
  }

  /**
   * Moves the clock forward (or, with a negative duration, back).
   *
   * @param amount how far to move
   * @return the new time
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Sets the clock to {@code instant}.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  @Override
  public Instant instant() {
    return Objects.requireNonNull(now.get(), "now"); // never set to null
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A clock in another zone that shares this clock's time.
   *
   * @param zone the zone
   * @return a clock moved together with this one
   */
  @Override
  public MutableClock withZone(ZoneId zone) {
    return new MutableClock(now, Objects.requireNonNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "MutableClock[" + now.get() + ", " + zone + "]";
  }
}
