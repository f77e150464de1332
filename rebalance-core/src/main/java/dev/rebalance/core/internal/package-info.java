/**
 * Implementation details of the decision engine: the default policies and the selecting {@code
 * Rebalancer}. Not part of the public API; reach them through the static factories of {@code
 * dev.rebalance.core}.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
