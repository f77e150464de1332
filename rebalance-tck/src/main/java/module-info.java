import dev.rebalance.api.spi.TrackerStoreProvider;

/**
 * The conformance kit for {@link dev.rebalance.api.spi.TrackerStore} implementations: the JUnit 5
 * contract a store's test extends, the in-memory broker, and the multi-process checks. The {@code
 * internal} package is not exported.
 */
module dev.rebalance.tck {
  requires transitive dev.rebalance.api;
  // A store's test extends TrackerStoreContract, a JUnit 5 test class.
  requires transitive org.junit.jupiter.api;
  requires org.junit.jupiter.params;
  requires org.assertj.core;
  // QuickTheories has no module name of its own: this is the name derived from its jar.
  requires quicktheories;
  requires static org.immutables.value;
  requires static transitive org.jspecify;

  exports dev.rebalance.tck;
  exports dev.rebalance.tck.broker;
  exports dev.rebalance.tck.process;

  // JUnit calls the contract's package-private test methods reflectively.
  opens dev.rebalance.tck to
      org.junit.platform.commons;

  // UriStoreOpener opens a store by URI in a child JVM.
  uses TrackerStoreProvider;
}
