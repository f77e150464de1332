/**
 * What the tracker remembers and how it learns it: {@link
 * dev.rebalance.core.tracking.PositionTracker} turns fills into entries, {@link
 * dev.rebalance.core.tracking.EntryReconciler} rebuilds entries from the broker's fill history at
 * start-up, {@link dev.rebalance.core.tracking.LockManager} keeps locks in the store (their one
 * home), and {@link dev.rebalance.core.tracking.TrackerState} is the state one decision reads. May
 * use {@code core.config}, {@code core.log}, {@code core.internal} and the api module; never the
 * decision or the execution.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.tracking;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
