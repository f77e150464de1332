/**
 * The broker port: the few broker operations Rebalance needs (account, positions, orders, fills,
 * market clock, asset facts). The Alpaca adapter implements it; so can a simulated broker or an
 * adapter for another broker.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.api.broker;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
