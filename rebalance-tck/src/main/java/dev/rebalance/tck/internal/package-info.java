/**
 * The kit's own machinery (the reference model its properties compare a store against); not an API.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.tck.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
