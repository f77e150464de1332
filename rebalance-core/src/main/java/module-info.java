import dev.rebalance.api.spi.TrackerStoreProvider;
import dev.rebalance.core.store.internal.JsonStoreProvider;
import dev.rebalance.core.store.internal.MemoryStoreProvider;

/**
 * The Rebalance engine and runtime: the decision, tracking, execution and statistics, the
 * configuration, and the in-memory and JSON file stores. The {@code internal} packages are not
 * exported.
 */
module dev.rebalance.core {
  requires transitive dev.rebalance.api;
  // RebalanceJson and RebalanceConfigLoader.fromNode show Jackson's ObjectMapper and JsonNode.
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires com.fasterxml.jackson.datatype.jdk8;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires org.slf4j;
  requires static org.immutables.value;
  requires static transitive org.jspecify;

  exports dev.rebalance.core;
  exports dev.rebalance.core.config;
  exports dev.rebalance.core.decision;
  exports dev.rebalance.core.execution;
  exports dev.rebalance.core.format;
  exports dev.rebalance.core.json;
  exports dev.rebalance.core.legacy;
  exports dev.rebalance.core.log;
  exports dev.rebalance.core.stats;
  exports dev.rebalance.core.store;
  exports dev.rebalance.core.tracking;

  // TrackerStores.open(uri) finds the stores of every module on the path by scheme.
  uses TrackerStoreProvider;

  provides TrackerStoreProvider with
      MemoryStoreProvider,
      JsonStoreProvider;
}
