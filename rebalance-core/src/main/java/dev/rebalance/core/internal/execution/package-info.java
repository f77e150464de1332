/**
 * How {@link dev.rebalance.core.SwapExecutor} and {@link dev.rebalance.core.EntryReconciler} work
 * inside: the swap state machine, client order id derivation and the fill-history walk-back. Not
 * part of the public API.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.internal.execution;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
