/**
 * Figures and times for people: {@link dev.rebalance.core.format.HumanFormat}, the one formatter
 * the {@code rebalance} command, the dashboard and bots (the example bot) share, so a figure reads
 * the same wherever it is shown. Machine-readable output (JSON) keeps full precision and never goes
 * through it.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.format;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
