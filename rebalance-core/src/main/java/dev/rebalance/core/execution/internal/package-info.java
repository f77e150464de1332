/**
 * How {@link dev.rebalance.core.execution.SwapExecutor} works inside: starting a decision's swaps
 * under the cooldown claim ({@code SwapStarter}, {@code CooldownClaim}), resuming open ones ({@code
 * SwapResumer}), driving one intent through its steps ({@code IntentDriver}, {@code SellStep},
 * {@code BuyStep}, each returning a {@code StepResult}), the orders at the broker ({@code
 * OrderDesk}, answering {@code OrderReply} values; no retries of its own), the intents in the store
 * ({@code Intents}), the settings and client order id derivation. Not part of the public API; used
 * by {@code core.execution} only.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.core.execution.internal;

import dev.rebalance.api.RebalanceStyle;
import org.jspecify.annotations.NullMarked;
