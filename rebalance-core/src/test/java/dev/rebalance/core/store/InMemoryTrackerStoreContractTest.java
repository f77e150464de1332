package dev.rebalance.core.store;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.TrackerStoreContract;

/** The whole TrackerStore conformance kit against the in-memory store (it cannot be reopened). */
class InMemoryTrackerStoreContractTest extends TrackerStoreContract {
  @Override
  protected TrackerStore createStore() {
    return new InMemoryTrackerStore();
  }
}
