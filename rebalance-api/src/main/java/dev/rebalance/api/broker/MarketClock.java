package dev.rebalance.api.broker;

import java.time.Instant;
import org.immutables.value.Value;

/**
 * Whether the market is open, and when it next opens and closes.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class MarketClock {
  /** The broker's current time. */
  public abstract Instant timestamp();

  /** Whether the market is open now. */
  public abstract boolean isOpen();

  /** The next open. */
  public abstract Instant nextOpen();

  /** The next close. */
  public abstract Instant nextClose();

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link MarketClock}; not thread-safe. */
  public static final class Builder extends ImmutableMarketClock.Builder {
    Builder() {}
  }
}
