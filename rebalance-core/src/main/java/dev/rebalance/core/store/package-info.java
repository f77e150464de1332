/**
 * The built-in {@link dev.rebalance.api.spi.TrackerStore}s — {@link
 * dev.rebalance.core.store.InMemoryTrackerStore} for tests and {@link
 * dev.rebalance.core.store.JsonFileTrackerStore}, a crash-safe, human-readable store in plain files
 * — and {@link dev.rebalance.core.store.TrackerStores}, which opens any store, built-in or plugged
 * in, from a URI such as {@code json:data/tracker} or {@code sqlite:data/rebalance.db}.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.store;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
