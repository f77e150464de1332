/**
 * Import of the original Python bot's {@code data/position_tracking.json} into a {@link
 * dev.rebalance.api.spi.TrackerStore}: entries, locks, the last rebalance and the rebalancing
 * history, validated in full before anything is written, and idempotent.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.legacy;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
