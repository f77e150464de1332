package dev.rebalance.core.store;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.TrackerStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole TrackerStore conformance kit against the JSON file store, including reopening and two
 * instances sharing one directory. A small compaction threshold makes the kit's sequences cross
 * snapshots.
 */
class JsonFileTrackerStoreContractTest extends TrackerStoreContract {
  @TempDir Path dir;
  private final AtomicInteger stores = new AtomicInteger();

  @Override
  protected TrackerStore createStore() {
    return JsonFileTrackerStore.builder(dir.resolve("store-" + stores.incrementAndGet()))
        .compactAfter(7)
        .open();
  }

  @Override
  protected Optional<TrackerStore> reopen(TrackerStore closed) {
    return Optional.of(JsonFileTrackerStore.open(((JsonFileTrackerStore) closed).directory()));
  }

  @Override
  protected Optional<TrackerStore> openSecondInstance(TrackerStore first) {
    return Optional.of(
        JsonFileTrackerStore.builder(((JsonFileTrackerStore) first).directory())
            .compactAfter(5)
            .open());
  }
}
