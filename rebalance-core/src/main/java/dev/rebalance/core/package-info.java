/**
 * The decision engine: {@link dev.rebalance.core.Rebalancer} composes the hold-time, cooldown,
 * lock and sizing policies and turns one scan's positions and candidates into an explained {@link
 * dev.rebalance.core.Decision}.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
