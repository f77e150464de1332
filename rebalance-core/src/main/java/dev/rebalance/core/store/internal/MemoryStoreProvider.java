package dev.rebalance.core.store.internal;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.store.InMemoryTrackerStore;
import java.util.Set;

/** Opens {@code memory:} URIs: every call returns a new, empty {@link InMemoryTrackerStore}. */
public final class MemoryStoreProvider implements TrackerStoreProvider {
  /** For {@link java.util.ServiceLoader}. */
  public MemoryStoreProvider() {}

  @Override
  public Set<String> schemes() {
    return Set.of("memory");
  }

  @Override
  public TrackerStore open(String uri) {
    return new InMemoryTrackerStore();
  }
}
