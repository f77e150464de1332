/**
 * Implementation details of the Alpaca adapter: the lenient JSON mapper, the wire DTOs, the HTTP
 * transport with its token bucket, the endpoints behind {@code AlpacaBroker}, the stream's
 * connection loop, every retry policy ({@link Retries}, on Failsafe), and the mapping of Alpaca's
 * error bodies. Not API.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.alpaca.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
