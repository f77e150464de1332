/**
 * How the decision works inside: the selecting rebalancer, the candidate ranking, the pairing and
 * the default policies and guards. Not part of the public API; reach them through the static
 * factories of {@code core.decision}, which is the only package that uses this one.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.decision.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
