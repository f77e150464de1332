/**
 * The Rebalance API: the value types, the {@link dev.rebalance.api.broker.Broker} a bot trades
 * through and the {@link dev.rebalance.api.spi.TrackerStore} SPI that stores implement. Every other
 * Rebalance module builds on it.
 */
module dev.rebalance.api {
  // Compile-time only: Immutables generates the value classes; JSpecify's nullness annotations are
  // part of the exported signatures, so modules reading this one read them too when present.
  requires static org.immutables.value;
  requires static transitive org.jspecify;

  exports dev.rebalance.api;
  exports dev.rebalance.api.broker;
  exports dev.rebalance.api.spi;
}
