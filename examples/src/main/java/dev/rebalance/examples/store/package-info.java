/**
 * An example of writing your own {@link dev.rebalance.api.spi.TrackerStore}: {@link
 * dev.rebalance.examples.store.WalTrackerStore} keeps everything in maps and makes it durable with
 * a write-ahead log file. Its test extends the conformance kit ({@code
 * dev.rebalance.tck.TrackerStoreContract}), which is how you know a store of your own is right.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.examples.store;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
