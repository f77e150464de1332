/**
 * A runnable example bot that wires Rebalance into a score-driven trading loop: {@link
 * dev.rebalance.examples.ExampleBot} (the command), {@link dev.rebalance.examples.TradingBot} (one
 * scan: score, fill free slots, decide, execute, track), pluggable {@link
 * dev.rebalance.examples.Scorer}s, a simulation harness and a settings replay.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.examples;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
