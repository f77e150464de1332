/**
 * The Alpaca adapter: {@link dev.rebalance.alpaca.AlpacaBroker} implements the broker port over
 * Alpaca's Trading API v2 and Market Data v2 with {@code java.net.http}, {@link
 * dev.rebalance.alpaca.TradeUpdatesStream} turns the trade-updates WebSocket into de-duplicated
 * {@link dev.rebalance.api.broker.Fill}s, and {@link dev.rebalance.alpaca.AlpacaConfig} holds the
 * keys (redacted everywhere) and the paper/live choice.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.alpaca;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
