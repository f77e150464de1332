package dev.rebalance.core.execution.internal;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The executor's tunables, validated by the public builder.
 *
 * @param fillTimeout how long to wait for an order to be done before cancelling it
 * @param cancelTimeout how long to wait for a cancel to take effect
 * @param pollInterval the pause between two looks at an order
 * @param submitAttempts how many times an order is sent when the broker says it does not know it
 * @param lookupAttempts how many times a failed look-up by client order id is tried
 * @param staleAfter how old an intent may be for a never-sent sell to be sent on resume
 * @param minNotional the smallest notional buy the broker accepts
 * @param requireOpenMarket whether to start swaps (and resume them) only while the market is open
 */
public record ExecutionSettings(
    Duration fillTimeout,
    Duration cancelTimeout,
    Duration pollInterval,
    int submitAttempts,
    int lookupAttempts,
    Duration staleAfter,
    BigDecimal minNotional,
    boolean requireOpenMarket) {}
