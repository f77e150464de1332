/**
 * Checks shared by core's builders and the SLF4J requirement. Not part of the public API; used by
 * core's packages only.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
