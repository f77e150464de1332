package com.example;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.JsonFileTrackerStore;
import dev.rebalance.tck.TrackerStoreContract;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

class JsonStoreContractTest extends TrackerStoreContract {
  @TempDir Path dir;

  @Override
  protected TrackerStore createStore() {                           // required: fresh and empty
    return JsonFileTrackerStore.open(dir.resolve("store-" + UUID.randomUUID()));
  }

  @Override
  protected Optional<TrackerStore> reopen(TrackerStore closed) {   // optional: clause 7
    return Optional.of(JsonFileTrackerStore.open(((JsonFileTrackerStore) closed).directory()));
  }

  @Override
  protected Optional<TrackerStore> openSecondInstance(TrackerStore first) {  // optional
    return Optional.of(JsonFileTrackerStore.open(((JsonFileTrackerStore) first).directory()));
  }
}
