package dev.rebalance.core.store.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the built-in stores (TrackerStore clause 8). */
public final class StoreArgs {
  private StoreArgs() {}

  /**
   * Checks a non-null argument.
   *
   * @param value the argument
   * @param name its name, as in the SPI
   * @param <T> its type
   * @return the value
   */
  public static <T> T notNull(T value, String name) {
    return Objects.requireNonNull(value, name);
  }

  /**
   * Checks a page of history.
   *
   * @param limit at most this many
   * @param offset skip this many
   */
  public static void page(int limit, int offset) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0, was " + offset);
    }
  }

  /**
   * Checks a cooldown.
   *
   * @param cooldown the cooldown
   * @return the cooldown
   */
  public static Duration cooldown(Duration cooldown) {
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    return cooldown;
  }
}
