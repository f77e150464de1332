/**
 * The names of the structured log events core emits ({@link dev.rebalance.core.log.LogEvents}), one
 * home for each name that users' log pipelines match on. Uses nothing else of core.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.log;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
