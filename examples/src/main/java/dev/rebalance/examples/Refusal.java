package dev.rebalance.examples;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A swap the scores called for but a guardrail refused: the weakest held position ({@code sell})
 * trailed the best candidate ({@code buy}) by at least the threshold, and the decision was HOLD
 * because of the cooldown or because that position may not be sold yet.
 *
 * @param kind the guardrail: {@code COOLDOWN}, {@code LOCKED}, {@code MIN_HOLD_TIME} or {@code
 *     UNKNOWN_ENTRY_TIME}
 * @param sell the weakest held position
 * @param buy the best candidate
 * @param scoreDiff how much better the candidate scored
 * @param cooldownRemaining on a cooldown refusal, the time left
 * @param reasons every reason the weakest position was not eligible (empty on a cooldown)
 */
public record Refusal(
    String kind,
    String sell,
    String buy,
    BigDecimal scoreDiff,
    Optional<Duration> cooldownRemaining,
    List<String> reasons) {}
