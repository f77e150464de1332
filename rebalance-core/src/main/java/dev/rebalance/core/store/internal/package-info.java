/**
 * How the built-in stores work inside: argument checks, the per-account in-memory state shared by
 * the memory and JSON stores, the JSON file formats and the {@code TrackerStoreProvider}s registered
 * for {@code memory:} and {@code json:}. Not an API.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.store.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
