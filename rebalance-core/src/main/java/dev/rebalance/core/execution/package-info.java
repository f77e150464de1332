/**
 * Carrying a decision out: {@link dev.rebalance.core.execution.SwapExecutor} claims the cooldown
 * slot with the rebalancer's own policy, sells, buys and records each swap exactly once, resuming
 * an interrupted one from its stored intent; {@link dev.rebalance.core.execution.HistoryRecorder}
 * appends the history. May use {@code core.decision} and everything below it.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.execution;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
