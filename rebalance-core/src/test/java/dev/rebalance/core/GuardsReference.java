package dev.rebalance.core;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.CostSettings;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.TurnoverBudget;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.tracking.RecentSwap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An independent reference model of the decision with the guards, written from spec/guards.md and
 * DESIGN.md step by step with sorts and plain loops (not the engine's code, which selects with
 * bounded heaps and probes hash tables). Only for tests.
 */
final class GuardsReference {
  private GuardsReference() {}

  /** What the model decides; swaps as "SELL:qty->BUY", skipped as "SYMBOL:REASON". */
  record Outcome(
      DecisionReason reason, List<String> swaps, List<String> skipped, Duration resetIn) {}

  static Outcome decide(
      RebalanceConfig c,
      List<HeldPosition> positions,
      List<Candidate> candidates,
      TrackerState state,
      Instant now) {
    if (!c.enabled()) {
      return hold(DecisionReason.DISABLED);
    }
    if (state.lastRebalance().isPresent()
        && Duration.between(state.lastRebalance().get(), now).compareTo(c.cooldown()) < 0) {
      return hold(DecisionReason.COOLDOWN);
    }
    int limit = c.maxSwapsPerScan();
    if (c.turnoverBudget().isPresent()) {
      TurnoverBudget b = c.turnoverBudget().get();
      List<Instant> used =
          state.recentSwaps().stream()
              .map(RecentSwap::at)
              .filter(at -> Duration.between(at, now).compareTo(b.window()) < 0)
              .sorted()
              .collect(Collectors.toList());
      if (used.size() >= b.swaps()) {
        Instant leaving = used.get(used.size() - b.swaps());
        return new Outcome(
            DecisionReason.TURNOVER_BUDGET,
            List.of(),
            List.of(),
            Duration.between(now, leaving.plus(b.window())));
      }
      limit = Math.min(limit, b.swaps() - used.size());
    }
    List<HeldPosition> eligible = new ArrayList<>();
    for (HeldPosition p : positions) {
      PositionLock lock = state.locks().get(p.symbol());
      boolean locked = lock != null && lock.isActiveAt(now);
      TrackedEntry e = state.entries().get(p.symbol());
      boolean young =
          e != null && Duration.between(e.entryTime(), now).compareTo(c.minHoldTime()) < 0;
      boolean unknown = e == null && c.unknownEntryTime() == UnknownEntryTimeRule.BLOCK;
      if (!locked && !young && !unknown) {
        eligible.add(p);
      }
    }
    if (eligible.isEmpty()) {
      return hold(DecisionReason.NO_ELIGIBLE_POSITION);
    }
    Set<String> held = positions.stream().map(HeldPosition::symbol).collect(Collectors.toSet());
    Set<String> sold = new HashSet<>();
    for (RecentSwap s : state.recentSwaps()) {
      if (Duration.between(s.at(), now).compareTo(c.reentryBlock()) < 0) {
        sold.add(s.sold());
      }
    }
    Comparator<Candidate> rank =
        Comparator.comparing(Candidate::score, Comparator.reverseOrder())
            .thenComparing(Candidate::symbol);
    List<Candidate> notHeld =
        candidates.stream()
            .filter(x -> !held.contains(x.symbol()))
            .sorted(rank)
            .collect(Collectors.toList());
    List<Candidate> recentlySold =
        notHeld.stream().filter(x -> sold.contains(x.symbol())).collect(Collectors.toList());
    List<Candidate> pool =
        notHeld.stream().filter(x -> !sold.contains(x.symbol())).collect(Collectors.toList());
    if (pool.isEmpty()) {
      return new Outcome(
          DecisionReason.NO_CANDIDATE, List.of(), skipped(recentlySold, Set.of(), rank), null);
    }
    eligible.sort(
        Comparator.comparing(HeldPosition::score)
            .thenComparing(
                p ->
                    state.entries().containsKey(p.symbol())
                        ? state.entries().get(p.symbol()).entryTime()
                        : Instant.MIN)
            .thenComparing(HeldPosition::symbol));
    List<String> swaps = new ArrayList<>();
    Set<Candidate> unaffordable = new LinkedHashSet<>();
    DecisionReason stop = null;
    for (int i = 0; i < Math.min(limit, eligible.size()) && !pool.isEmpty(); i++) {
      HeldPosition s = eligible.get(i);
      DecisionReason why = null;
      if (pool.get(0).score().subtract(s.score()).compareTo(c.scoreThreshold()) < 0) {
        why = DecisionReason.BELOW_THRESHOLD;
      }
      BigDecimal qty = why == null ? size(s, c.sellFraction()) : null;
      if (why == null && qty.signum() == 0) {
        why = DecisionReason.SIZE_ROUNDS_TO_ZERO;
      }
      Candidate chosen = null;
      if (why == null) {
        for (Candidate x : pool) {
          if (x.score().subtract(s.score()).compareTo(c.scoreThreshold()) < 0) {
            break;
          }
          boolean cannot =
              x.price().isPresent()
                  && !x.fractionable()
                  && s.price().isPresent()
                  && qty.multiply(s.price().get()).compareTo(x.price().get()) < 0;
          if (!cannot) {
            chosen = x;
            break;
          }
          unaffordable.add(x);
        }
        if (chosen == null) {
          why = DecisionReason.NO_AFFORDABLE_CANDIDATE;
        }
      }
      if (why == null && c.costs().isPresent()) {
        CostSettings k = c.costs().get();
        BigDecimal edge = chosen.score().subtract(s.score()).multiply(k.edgeBpsPerPoint());
        BigDecimal cost =
            k.feeBps()
                .multiply(BigDecimal.valueOf(2))
                .add(s.spreadBps().add(chosen.spreadBps()).divide(BigDecimal.valueOf(2)));
        if (edge.subtract(cost).compareTo(k.minNetEdgeBps()) < 0) {
          why = DecisionReason.COST_EXCEEDS_EDGE;
        }
      }
      if (why != null) {
        if (i == 0) {
          stop = why;
        }
        break;
      }
      swaps.add(
          s.symbol() + ":" + qty.stripTrailingZeros().toPlainString() + "->" + chosen.symbol());
      pool.remove(chosen);
      unaffordable.remove(chosen);
    }
    return new Outcome(
        stop == null ? DecisionReason.SWAP : stop,
        swaps,
        skipped(recentlySold, unaffordable, rank),
        null);
  }

  private static List<String> skipped(
      List<Candidate> recentlySold, Set<Candidate> unaffordable, Comparator<Candidate> rank) {
    List<Candidate> all = new ArrayList<>(recentlySold);
    all.addAll(unaffordable);
    all.sort(rank);
    return all.stream()
        .map(x -> x.symbol() + ":" + (unaffordable.contains(x) ? "UNAFFORDABLE" : "RECENTLY_SOLD"))
        .collect(Collectors.toList());
  }

  private static BigDecimal size(HeldPosition p, BigDecimal fraction) {
    if (fraction.compareTo(BigDecimal.ONE) == 0) {
      return p.qty();
    }
    return p.qty().multiply(fraction).setScale(p.fractionable() ? 9 : 0, RoundingMode.DOWN);
  }

  private static Outcome hold(DecisionReason r) {
    return new Outcome(r, List.of(), List.of(), null);
  }

  /** The engine's decision in the model's terms. */
  static Outcome of(Decision d) {
    return new Outcome(
        d.reason(),
        d.swaps().stream()
            .map(
                s ->
                    s.sell()
                        + ":"
                        + s.sellQty().stripTrailingZeros().toPlainString()
                        + "->"
                        + s.buy())
            .collect(Collectors.toList()),
        d.skippedCandidates().stream()
            .map(s -> s.symbol() + ":" + s.reasons().get(0))
            .collect(Collectors.toList()),
        d.turnoverResetIn().orElse(null));
  }
}
