package dev.rebalance.core.store.internal;

import dev.rebalance.api.Identifiers;
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
   * Checks an account id: not null, and following the one account-id rule (TrackerStore clause 1).
   *
   * @param account the account id
   * @return the account id
   * @throws IllegalArgumentException naming the rule when it is broken
   */
  public static String account(String account) {
    Objects.requireNonNull(account, "account");
    return Identifiers.checkAccountId("account", account);
  }

  /** The longest fill id accepted (TrackerStore clause 9). */
  public static final int MAX_FILL_ID_LENGTH = 200;

  /**
   * Checks a fill id: not null, not blank, at most {@value #MAX_FILL_ID_LENGTH} characters.
   *
   * @param fillId the broker's fill id
   * @return the fill id
   */
  public static String fillId(String fillId) {
    Objects.requireNonNull(fillId, "fillId");
    if (fillId.isBlank() || fillId.length() > MAX_FILL_ID_LENGTH) {
      throw new IllegalArgumentException(
          "fillId must be 1 to "
              + MAX_FILL_ID_LENGTH
              + " characters and not blank, was "
              + Identifiers.quote(fillId));
    }
    return fillId;
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
