/**
 * The decision: {@link dev.rebalance.core.decision.Rebalancer} composes the hold-time, cooldown and
 * sizing policies and the four guards (re-entry block, turnover budget, affordability, cost gate)
 * and turns one scan's positions, candidates and {@code TrackerState} into an explained {@link
 * dev.rebalance.core.decision.Decision}. Pure: no store or broker call, time from the injected
 * clock. May use {@code core.tracking}, {@code core.config}, {@code core.log} and the api module.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.decision;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
