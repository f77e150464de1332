package dev.rebalance.examples;

import dev.rebalance.api.spi.TrackerStore;

/** How the example bot tells whether a run's account id is already used in a store. */
final class RunNames {
  private RunNames() {}

  /**
   * Whether {@code account} holds anything a run writes: entries, history or a last-rebalance time.
   * Locks alone do not count, so symbols locked ahead of a run do not push it to the next id.
   */
  static boolean used(TrackerStore store, String account) {
    return !store.entries(account).isEmpty()
        || !store.history(account, 1, 0).isEmpty()
        || store.lastRebalance(account).isPresent()
        || !store.openIntents(account).isEmpty();
  }
}
