/**
 * The {@code rebalance dashboard}: a local web page and a small JSON API over a tracker store,
 * served by an embedded Jetty that slow clients cannot stall (positions, locks, swap history,
 * statistics and payoff charts, an account picker).
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.cli.dashboard;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
