/**
 * Test support for code that trades through the broker port: {@link
 * dev.rebalance.tck.broker.InMemoryBroker}, a small broker held in memory that fills orders at
 * prices the test sets, so a bot's tests need neither a network nor a hand-written fake.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.tck.broker;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
