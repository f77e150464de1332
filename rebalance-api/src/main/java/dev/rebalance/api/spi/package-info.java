/**
 * The storage SPI: implement {@link dev.rebalance.api.spi.TrackerStore} to keep tracker state
 * somewhere of your choosing, and prove it with the {@code rebalance-tck} conformance kit.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.api.spi;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
