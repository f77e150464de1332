package dev.rebalance.core.store;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.process.StoreOpener;
import java.nio.file.Path;

/** Opens a JSON store that compacts every 20 changes, so crash tests also kill compactions. */
public final class CompactingJsonOpener implements StoreOpener {
  /** For the worker process. */
  public CompactingJsonOpener() {}

  @Override
  public TrackerStore open(String location) {
    return JsonFileTrackerStore.builder(Path.of(location)).compactAfter(20).open();
  }
}
