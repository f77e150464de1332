package dev.rebalance.benchmarks;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PartialSellSizer;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The baseline the engine is measured against: the same rules done the obvious way, sorting every
 * eligible position and every candidate fully (O(n log n) with comparator chains), a {@link
 * HashSet} for duplicates. Gives the same decisions as the engine for the benchmark's inputs.
 */
final class NaiveRebalancer {
  private final RebalanceConfig config;
  private final PartialSellSizer sizer;

  NaiveRebalancer(RebalanceConfig config) {
    this.config = config;
    this.sizer = PartialSellSizer.of(config.sellFraction());
  }

  Decision decide(
      List<HeldPosition> positions, List<Candidate> candidates, TrackerState state, Instant now) {
    Set<String> held = new HashSet<>();
    List<PositionAssessment> assessments = new ArrayList<>();
    List<HeldPosition> eligible = new ArrayList<>();
    for (HeldPosition p : positions) {
      if (!held.add(p.symbol())) {
        throw new IllegalArgumentException("positions list symbol " + p.symbol() + " twice");
      }
      List<IneligibilityReason> reasons = new ArrayList<>();
      PositionLock lock = state.locks().get(p.symbol());
      if (lock != null && lock.isActiveAt(now)) {
        reasons.add(IneligibilityReason.LOCKED);
      }
      TrackedEntry e = state.entries().get(p.symbol());
      if (e != null) {
        if (Duration.between(e.entryTime(), now).compareTo(config.minHoldTime()) < 0) {
          reasons.add(IneligibilityReason.MIN_HOLD_TIME);
        }
      } else if (config.unknownEntryTime() == UnknownEntryTimeRule.BLOCK) {
        reasons.add(IneligibilityReason.UNKNOWN_ENTRY_TIME);
      }
      assessments.add(PositionAssessment.builder().symbol(p.symbol()).reasons(reasons).build());
      if (reasons.isEmpty()) {
        eligible.add(p);
      }
    }
    Set<String> seen = new HashSet<>();
    List<Candidate> buyable = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!seen.add(c.symbol())) {
        throw new IllegalArgumentException("candidates list symbol " + c.symbol() + " twice");
      }
      if (!held.contains(c.symbol())) {
        buyable.add(c);
      }
    }
    Decision.Builder d = Decision.builder().decidedAt(now).positions(assessments);
    if (!config.enabled()) {
      return d.action(DecisionAction.HOLD).reason(DecisionReason.DISABLED).build();
    }
    if (state.lastRebalance().isPresent()
        && Duration.between(state.lastRebalance().get(), now).compareTo(config.cooldown()) < 0) {
      return d.action(DecisionAction.HOLD)
          .reason(DecisionReason.COOLDOWN)
          .cooldownRemaining(
              config.cooldown().minus(Duration.between(state.lastRebalance().get(), now)))
          .build();
    }
    if (eligible.isEmpty()) {
      return d.action(DecisionAction.HOLD).reason(DecisionReason.NO_ELIGIBLE_POSITION).build();
    }
    if (buyable.isEmpty()) {
      return d.action(DecisionAction.HOLD).reason(DecisionReason.NO_CANDIDATE).build();
    }
    buyable.sort(
        Comparator.comparing(Candidate::score, Comparator.reverseOrder())
            .thenComparing(Candidate::symbol));
    eligible.sort(
        Comparator.comparing(HeldPosition::score)
            .thenComparing(
                p -> {
                  TrackedEntry e = state.entries().get(p.symbol());
                  return e == null ? Instant.MIN : e.entryTime();
                })
            .thenComparing(HeldPosition::symbol));
    List<Swap> swaps = new ArrayList<>();
    DecisionReason failure = null;
    int pairs = Math.min(config.maxSwapsPerScan(), Math.min(eligible.size(), buyable.size()));
    for (int i = 0; i < pairs; i++) {
      HeldPosition sell = eligible.get(i);
      Candidate buy = buyable.get(i);
      if (buy.score().subtract(sell.score()).compareTo(config.scoreThreshold()) < 0) {
        failure = DecisionReason.BELOW_THRESHOLD;
        break;
      }
      BigDecimal qty = sizer.sellQty(sell);
      if (qty.signum() == 0) {
        failure = DecisionReason.SIZE_ROUNDS_TO_ZERO;
        break;
      }
      swaps.add(
          Swap.builder()
              .sell(sell.symbol())
              .sellQty(qty)
              .sellFraction(sizer.fraction())
              .sellPrice(sell.price())
              .buy(buy.symbol())
              .oldScore(sell.score())
              .newScore(buy.score())
              .build());
    }
    if (swaps.isEmpty()) {
      // At least one pair was tried (maxSwapsPerScan >= 1, both lists non-empty), and it failed.
      return d.action(DecisionAction.HOLD)
          .reason(Objects.requireNonNull(failure, "failure"))
          .build();
    }
    return d.action(DecisionAction.SWAP).reason(DecisionReason.SWAP).swaps(swaps).build();
  }
}
