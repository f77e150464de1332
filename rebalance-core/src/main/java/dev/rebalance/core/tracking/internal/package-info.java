/**
 * How the tracking works inside: the fill-history walk-back and the indexed lock registry. Not part
 * of the public API; used by {@code core.tracking} only.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.tracking.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
