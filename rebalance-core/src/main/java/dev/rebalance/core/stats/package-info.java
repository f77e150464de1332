/**
 * What the history shows: {@link dev.rebalance.core.stats.RebalanceMetrics} computes {@link
 * dev.rebalance.core.stats.RebalanceStats} (counts, score improvement, last swap) and each swap's
 * payoff at current prices. Reads the store's history through the api module only.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.stats;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
