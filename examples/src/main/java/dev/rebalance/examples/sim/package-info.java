/**
 * A deterministic simulated market and an in-process broker over it, so the example bot runs
 * without keys, a network or a server: {@link dev.rebalance.examples.sim.SyntheticMarket} (prices
 * from a fixed seed), {@link dev.rebalance.examples.sim.SimulatedClock} (stepped scan by scan
 * through trading hours) and {@link dev.rebalance.examples.sim.SimulatedBroker} (the broker port).
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.examples.sim;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
