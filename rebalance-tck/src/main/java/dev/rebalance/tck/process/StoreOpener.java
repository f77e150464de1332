package dev.rebalance.tck.process;

import dev.rebalance.api.spi.TrackerStore;

/**
 * Opens the store a worker process writes to, from a location string. Implementations need a public
 * no-argument constructor: the worker instantiates them by class name. Use one when a store needs
 * options a URI cannot carry; otherwise {@link UriStoreOpener} opens store URIs through the {@link
 * dev.rebalance.api.spi.TrackerStoreProvider}s on the class path.
 *
 * <p>Implementations must be stateless and thread-safe.
 */
@FunctionalInterface
public interface StoreOpener {
  /**
   * Opens the store.
   *
   * @param location the location the test gave (a URI, a path)
   * @return the opened store
   */
  TrackerStore open(String location);
}
