/**
 * How {@link dev.rebalance.core.execution.SwapExecutor} works inside: the swap's steps and their
 * settings, and client order id derivation. Not part of the public API; used by {@code
 * core.execution} only.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.execution.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
