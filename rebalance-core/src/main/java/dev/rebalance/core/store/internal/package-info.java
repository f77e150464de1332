/**
 * How the built-in stores work inside: argument checks, the per-account in-memory state shared by
 * the memory and JSON stores, the JSON file formats, the JSON store's files ({@link
 * dev.rebalance.core.store.internal.StoreLayout}, {@link
 * dev.rebalance.core.store.internal.SnapshotFile}, {@link
 * dev.rebalance.core.store.internal.Journal}, {@link dev.rebalance.core.store.internal.HistoryLog},
 * {@link dev.rebalance.core.store.internal.ProcessLock}, kept in step by {@link
 * dev.rebalance.core.store.internal.JsonStoreFiles}) and the {@code TrackerStoreProvider}s
 * registered for {@code memory:} and {@code json:}. Not an API.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.store.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
