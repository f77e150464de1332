package dev.rebalance.core.tracking.internal;

import dev.rebalance.api.PositionLock;
import dev.rebalance.core.tracking.LockRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** {@link LockRegistry#of}: locks indexed by symbol. Immutable, thread-safe. */
public final class IndexedLockRegistry implements LockRegistry {
  private final Map<String, List<PositionLock>> bySymbol;

  private IndexedLockRegistry(Map<String, List<PositionLock>> bySymbol) {
    this.bySymbol = bySymbol;
  }

  /**
   * @param locks copied
   * @return the registry
   */
  public static IndexedLockRegistry of(Collection<PositionLock> locks) {
    Objects.requireNonNull(locks, "locks");
    Map<String, List<PositionLock>> map = new HashMap<>();
    for (PositionLock lock : locks) {
      Objects.requireNonNull(lock, "locks contains null");
      map.computeIfAbsent(lock.symbol(), s -> new ArrayList<>(1)).add(lock);
    }
    map.replaceAll((s, l) -> List.copyOf(l));
    return new IndexedLockRegistry(Map.copyOf(map));
  }

  @Override
  public Optional<PositionLock> activeLock(String symbol, Instant now) {
    List<PositionLock> locks = bySymbol.get(symbol);
    if (locks != null) {
      for (PositionLock lock : locks) {
        if (lock.isActiveAt(now)) {
          return Optional.of(lock);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "LockRegistry" + bySymbol.keySet();
  }
}
