package dev.rebalance.core;

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
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A deliberately naive model of DESIGN.md "The decision", written straight from the rules: full
 * sorts, no selection, no shared code with the engine besides the value types. Property tests check
 * the engine against it.
 */
final class ReferenceRebalancer {
  private ReferenceRebalancer() {}

  static Decision decide(
      RebalanceConfig config,
      List<HeldPosition> positions,
      List<Candidate> candidates,
      TrackerState state,
      Instant now) {
    List<PositionAssessment> assessments = new ArrayList<>();
    List<HeldPosition> eligible = new ArrayList<>();
    for (HeldPosition p : positions) {
      List<IneligibilityReason> reasons = new ArrayList<>();
      PositionLock lock = state.locks().get(p.symbol());
      if (lock != null && (lock.expiresAt().isEmpty() || lock.expiresAt().get().isAfter(now))) {
        reasons.add(IneligibilityReason.LOCKED);
      }
      TrackedEntry e = state.entries().get(p.symbol());
      if (e != null && e.entryTime().plus(config.minHoldTime()).isAfter(now)) {
        reasons.add(IneligibilityReason.MIN_HOLD_TIME);
      }
      if (e == null && config.unknownEntryTime() == UnknownEntryTimeRule.BLOCK) {
        reasons.add(IneligibilityReason.UNKNOWN_ENTRY_TIME);
      }
      assessments.add(PositionAssessment.builder().symbol(p.symbol()).reasons(reasons).build());
      if (reasons.isEmpty()) {
        eligible.add(p);
      }
    }
    Decision.Builder d = Decision.builder().decidedAt(now).positions(assessments);
    if (!config.enabled()) {
      return d.action(DecisionAction.HOLD).reason(DecisionReason.DISABLED).build();
    }
    if (state.lastRebalance().isPresent()) {
      Instant last = state.lastRebalance().get();
      if (last.plus(config.cooldown()).isAfter(now)) {
        return d.action(DecisionAction.HOLD)
            .reason(DecisionReason.COOLDOWN)
            .cooldownRemaining(Duration.between(now, last.plus(config.cooldown())))
            .build();
      }
    }
    if (eligible.isEmpty()) {
      return d.action(DecisionAction.HOLD).reason(DecisionReason.NO_ELIGIBLE_POSITION).build();
    }
    Set<String> held = new HashSet<>();
    positions.forEach(p -> held.add(p.symbol()));
    List<Candidate> buyable = new ArrayList<>();
    for (Candidate c : candidates) {
      if (!held.contains(c.symbol())) {
        buyable.add(c);
      }
    }
    if (buyable.isEmpty()) {
      return d.action(DecisionAction.HOLD).reason(DecisionReason.NO_CANDIDATE).build();
    }
    buyable.sort(
        Comparator.comparing(Candidate::score, Comparator.reverseOrder())
            .thenComparing(Candidate::symbol));
    Comparator<Optional<Instant>> unknownFirst =
        (a, b) ->
            a.isEmpty() ? (b.isEmpty() ? 0 : -1) : (b.isEmpty() ? 1 : a.get().compareTo(b.get()));
    eligible.sort(
        Comparator.comparing(HeldPosition::score)
            .thenComparing(
                p ->
                    Optional.ofNullable(state.entries().get(p.symbol()))
                        .map(TrackedEntry::entryTime),
                unknownFirst)
            .thenComparing(HeldPosition::symbol));
    List<Swap> swaps = new ArrayList<>();
    DecisionReason firstFailure = null;
    int pairs = Math.min(config.maxSwapsPerScan(), Math.min(eligible.size(), buyable.size()));
    for (int i = 0; i < pairs; i++) {
      HeldPosition sell = eligible.get(i);
      Candidate buy = buyable.get(i);
      if (buy.score().subtract(sell.score()).compareTo(config.scoreThreshold()) < 0) {
        firstFailure = DecisionReason.BELOW_THRESHOLD;
        break;
      }
      BigDecimal qty;
      if (config.sellFraction().compareTo(BigDecimal.ONE) == 0) {
        qty = sell.qty();
      } else {
        qty =
            sell.qty()
                .multiply(config.sellFraction())
                .setScale(sell.fractionable() ? 9 : 0, RoundingMode.DOWN);
      }
      if (qty.signum() == 0) {
        firstFailure = DecisionReason.SIZE_ROUNDS_TO_ZERO;
        break;
      }
      swaps.add(
          Swap.builder()
              .sell(sell.symbol())
              .sellQty(qty)
              .sellFraction(config.sellFraction())
              .sellPrice(sell.price())
              .buy(buy.symbol())
              .oldScore(sell.score())
              .newScore(buy.score())
              .build());
    }
    if (swaps.isEmpty()) {
      return d.action(DecisionAction.HOLD).reason(firstFailure).build();
    }
    return d.action(DecisionAction.SWAP).reason(DecisionReason.SWAP).swaps(swaps).build();
  }
}
