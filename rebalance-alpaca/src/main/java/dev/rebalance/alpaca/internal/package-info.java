/**
 * Implementation details of the Alpaca adapter: the lenient JSON mapper, the wire DTOs, the HTTP
 * transport with its token bucket and retries, and the mapping of Alpaca's error bodies. Not API.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.alpaca.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
