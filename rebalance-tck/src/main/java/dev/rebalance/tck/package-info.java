/**
 * The {@link dev.rebalance.api.spi.TrackerStore} conformance kit: extend {@link
 * dev.rebalance.tck.TrackerStoreContract} with a factory for a fresh store and JUnit 5 runs every
 * clause of the SPI's contract against it. {@link dev.rebalance.tck.MutableClock} and {@link
 * dev.rebalance.tck.TrackerFixtures} help write further tests of a store or of code using one;
 * {@link dev.rebalance.tck.broker.InMemoryBroker} stands in for a broker in a bot's tests.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.tck;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
