package dev.rebalance.core;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The tracker's memory as one scan needs it: open entries and locks by symbol, and the last
 * rebalance time. Usually read from a {@link dev.rebalance.api.spi.TrackerStore} with {@link
 * #load}.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class TrackerState {
  /** Open entries by symbol. */
  public abstract Map<String, TrackedEntry> entries();

  /** Stored locks by symbol (expired ones are ignored by the engine). */
  public abstract Map<String, PositionLock> locks();

  /** When the account last rebalanced; empty if never. */
  public abstract Optional<Instant> lastRebalance();

  /** The state of an account that has tracked nothing. */
  public static TrackerState empty() {
    return builder().build();
  }

  /**
   * Reads an account's state from a store.
   *
   * @param store the store
   * @param account the account id
   * @return the state
   */
  public static TrackerState load(dev.rebalance.api.spi.TrackerStore store, String account) {
    Builder b = builder();
    store.entries(account).forEach(e -> b.putEntries(e.symbol(), e));
    store.locks(account).forEach(l -> b.putLocks(l.symbol(), l));
    store.lastRebalance(account).ifPresent(b::lastRebalance);
    return b.build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TrackerState}; not thread-safe. */
  public static final class Builder extends ImmutableTrackerState.Builder {
    Builder() {}
  }
}
