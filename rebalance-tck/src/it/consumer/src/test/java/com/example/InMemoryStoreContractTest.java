package com.example;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.tck.TrackerStoreContract;

/** The second store of this module: both must be reported under their own test class. */
class InMemoryStoreContractTest extends TrackerStoreContract {
  @Override
  protected TrackerStore createStore() {
    return new InMemoryTrackerStore();
  }
}
