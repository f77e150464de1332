package dev.rebalance.core.tracking;

import dev.rebalance.api.PositionLock;
import dev.rebalance.core.tracking.internal.IndexedLockRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the locks people put on symbols: a locked position is never sold in a
 * rebalance (reason {@code IneligibilityReason#LOCKED}). A lock whose expiry is at or before {@code
 * now} no longer applies.
 *
 * <p>The {@code Rebalancer} consults the registry given to its builder (default {@link #none()})
 * and, in addition, the locks in the {@link TrackerState} of each scan; a position is locked if
 * either has an active lock for it. Changing locks is the job of the store ({@code LockManager});
 * this interface only reads.
 *
 * <p>Implementations must be thread-safe; the built-in ones are immutable and thread-safe.
 */
@FunctionalInterface
public interface LockRegistry {

  /**
   * The lock that applies to {@code symbol} at {@code now}, if any.
   *
   * @param symbol the ticker, compared exactly
   * @param now the decision time
   * @return the active lock, or empty if the symbol is not locked at {@code now}
   */
  Optional<PositionLock> activeLock(String symbol, Instant now);

  /**
   * A registry holding a copy of {@code locks}. A symbol may have several locks; it is locked while
   * any of them is active.
   *
   * @param locks the locks
   * @return the registry
   * @throws NullPointerException if {@code locks} or one of its elements is null
   */
  static LockRegistry of(Collection<PositionLock> locks) {
    return IndexedLockRegistry.of(locks);
  }

  /**
   * A registry with no locks.
   *
   * @return the empty registry
   */
  static LockRegistry none() {
    return IndexedLockRegistry.of(List.of());
  }
}
