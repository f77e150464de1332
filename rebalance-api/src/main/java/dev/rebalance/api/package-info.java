/**
 * The vocabulary shared by every Rebalance module: held positions, candidates, tracked entries,
 * locks, the rebalance history and the exception hierarchy rooted at {@link
 * dev.rebalance.api.RebalanceException}.
 *
 * <p>Every value type here is immutable, validated when it is built, and safe to share between
 * threads. Money and quantities are {@link java.math.BigDecimal}; scores are exact decimals.
 */
@RebalanceStyle
@NullMarked
package dev.rebalance.api;

import org.jspecify.annotations.NullMarked;
