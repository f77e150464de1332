/**
 * Multi-process reliability checks for any {@link dev.rebalance.api.spi.TrackerStore} that several
 * processes share: {@link dev.rebalance.tck.process.ChildJvm} starts worker JVMs on the test class
 * path, {@link dev.rebalance.tck.process.ConcurrentProcesses} has several of them lock distinct
 * symbols at once (nothing may be lost), and {@link dev.rebalance.tck.process.CrashSafety} kills a
 * writing child with SIGKILL at random moments (every acknowledged write must survive). Only the
 * JDK and rebalance-api are used, so any store module can run them.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.tck.process;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
