/**
 * The {@code rebalance dashboard}: a local web page and a small JSON API over a tracker store,
 * served by the JDK's HTTP server (positions, locks, swap history, statistics and payoff charts).
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.cli.dashboard;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
