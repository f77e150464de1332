package dev.rebalance.jdbc;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.TrackerStoreContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The whole TrackerStore conformance kit against SQLite files. */
class SqliteTrackerStoreContractTest extends TrackerStoreContract {
  @TempDir Path dir;
  private final AtomicInteger files = new AtomicInteger();
  private final Map<TrackerStore, Path> locations = new ConcurrentHashMap<>();

  private TrackerStore open(Path file) {
    JdbcTrackerStore store = JdbcTrackerStore.sqlite(file);
    locations.put(store, file);
    return store;
  }

  @Override
  protected TrackerStore createStore() {
    return open(dir.resolve("store-" + files.incrementAndGet()).resolve("rebalance.db"));
  }

  @Override
  protected Optional<TrackerStore> reopen(TrackerStore closed) {
    return Optional.of(open(locations.get(closed)));
  }

  @Override
  protected Optional<TrackerStore> openSecondInstance(TrackerStore first) {
    return Optional.of(open(locations.get(first)));
  }
}
