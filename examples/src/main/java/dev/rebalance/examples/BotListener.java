package dev.rebalance.examples;

import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Swap;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * What the {@link TradingBot} reports as it scans: purchases into free slots, executed swaps,
 * notable refusals and every decision. The example command prints them; tests collect them. Every
 * method has an empty default, so implement only what you need.
 *
 * <p>Called from the scan thread; implementations need not be thread-safe unless shared.
 */
public interface BotListener {

  /** A listener that ignores everything. */
  BotListener NONE = new BotListener() {};

  /**
   * A purchase into a free slot filled.
   *
   * @param at the scan time
   * @param symbol the ticker
   * @param qty the quantity bought
   * @param price the average fill price
   * @param score the score it was bought at
   */
  default void onBuy(
      Instant at, String symbol, BigDecimal qty, BigDecimal price, BigDecimal score) {}

  /**
   * A swap was executed.
   *
   * @param at the scan time
   * @param swap the swap as decided
   * @param outcome what the broker did
   */
  default void onSwap(Instant at, Swap swap, SwapOutcome outcome) {}

  /**
   * A swap that the scores called for was refused by a guardrail (cooldown, lock, minimum hold
   * time, unknown entry time). Reported on every scan it happens; the example's console output
   * prints only the first of a run of repeats.
   *
   * @param at the scan time
   * @param refusal what was refused and why
   */
  default void onRefusal(Instant at, Refusal refusal) {}

  /**
   * Every scan's decision, swap or hold.
   *
   * @param decision the decision
   */
  default void onDecision(Decision decision) {}
}
