package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.CostSettings;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.TurnoverBudget;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.tracking.RecentSwap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the guards over generated scans (QuickTheories drives a seed; each seed builds a
 * scan with prices, spreads, recent swaps and guard settings), checked against the independent
 * {@link GuardsReference} and against the guards' promises directly.
 */
class GuardsPropertiesTest {
  private static final Instant NOW = Instant.parse("2025-11-25T15:45:00Z");

  /** One generated scan. */
  record Scan(
      RebalanceConfig config,
      List<HeldPosition> positions,
      List<Candidate> candidates,
      TrackerState state) {
    Decision decide() {
      return Rebalancer.of(config).decide(positions, candidates, state, NOW);
    }
  }

  static Scan scan(long seed, boolean guards) {
    Random r = new Random(seed);
    RebalanceConfig.Builder c =
        RebalanceConfig.builder()
            .scoreThreshold(BigDecimal.valueOf(r.nextInt(4) * 5))
            .cooldown(Duration.ZERO)
            .minHoldTime(Duration.ZERO)
            .maxSwapsPerScan(1 + r.nextInt(3))
            .sellFraction(r.nextBoolean() ? BigDecimal.ONE : new BigDecimal("0.5"));
    if (guards) {
      if (r.nextBoolean()) {
        c.reentryBlock(Duration.ofHours(r.nextInt(48)));
      }
      if (r.nextBoolean()) {
        c.turnoverBudget(TurnoverBudget.of(1 + r.nextInt(4), Duration.ofHours(1 + r.nextInt(72))));
      }
      if (r.nextBoolean()) {
        c.costs(
            CostSettings.builder()
                .feeBps(BigDecimal.valueOf(r.nextInt(20)))
                .edgeBpsPerPoint(BigDecimal.valueOf(1 + r.nextInt(5)))
                .minNetEdgeBps(BigDecimal.valueOf(r.nextInt(30) - 10))
                .build());
      }
    }
    List<HeldPosition> held = new ArrayList<>();
    TrackerState.Builder s = TrackerState.builder();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      String sym = "H" + i;
      HeldPosition.Builder p =
          HeldPosition.builder()
              .symbol(sym)
              .qty(BigDecimal.valueOf(1 + r.nextInt(20)))
              .score(BigDecimal.valueOf(r.nextInt(100)))
              .fractionable(r.nextBoolean())
              .spreadBps(BigDecimal.valueOf(r.nextInt(40)));
      if (r.nextInt(4) > 0) {
        p.price(BigDecimal.valueOf(1 + r.nextInt(200)));
      }
      held.add(p.build());
      s.putEntries(
          sym, TrackedEntry.builder().symbol(sym).entryTime(NOW.minus(Duration.ofDays(3))).build());
    }
    List<Candidate> candidates = new ArrayList<>();
    int m = r.nextInt(8);
    for (int i = 0; i < m; i++) {
      // Some candidates share a held symbol's name: those are never bought.
      String sym = r.nextInt(6) == 0 && n > 0 ? "H" + r.nextInt(n) : "C" + i;
      if (candidates.stream().anyMatch(x -> x.symbol().equals(sym))) {
        continue;
      }
      Candidate.Builder b =
          Candidate.builder()
              .symbol(sym)
              .score(BigDecimal.valueOf(r.nextInt(120)))
              .fractionable(r.nextInt(4) == 0)
              .spreadBps(BigDecimal.valueOf(r.nextInt(40)));
      if (r.nextInt(3) > 0) {
        b.price(BigDecimal.valueOf(1 + r.nextInt(2000)));
      }
      candidates.add(b.build());
    }
    int k = guards ? r.nextInt(6) : 0;
    for (int i = 0; i < k; i++) {
      String sold = r.nextBoolean() ? "C" + r.nextInt(8) : "X" + i;
      s.addRecentSwaps(
          RecentSwap.of(NOW.minus(Duration.ofMinutes(r.nextInt(5000))), sold, "Y" + i));
    }
    return new Scan(c.build(), held, candidates, s.build());
  }

  @Test
  void agreesWithTheIndependentReferenceModel() {
    qt().withExamples(3_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scan s = scan(seed, true);
              assertThat(GuardsReference.of(s.decide()))
                  .as("seed %d: %s", seed, s)
                  .isEqualTo(
                      GuardsReference.decide(
                          s.config(), s.positions(), s.candidates(), s.state(), NOW));
            });
  }

  @Test
  void neverBuysARecentlySoldSymbolNeverAnUnaffordableOneNeverBelowTheNetEdge() {
    qt().withExamples(3_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scan s = scan(seed, true);
              Decision d = s.decide();
              Set<String> blocked =
                  s.state().recentSwaps().stream()
                      .filter(
                          w ->
                              Duration.between(w.at(), NOW).compareTo(s.config().reentryBlock())
                                  < 0)
                      .map(RecentSwap::sold)
                      .collect(Collectors.toSet());
              Map<String, HeldPosition> held = new HashMap<>();
              s.positions().forEach(p -> held.put(p.symbol(), p));
              Map<String, Candidate> cands = new HashMap<>();
              s.candidates().forEach(c -> cands.put(c.symbol(), c));
              for (Swap w : d.swaps()) {
                assertThat(blocked).as("seed %d", seed).doesNotContain(w.buy());
                HeldPosition p = held.get(w.sell());
                Candidate c = cands.get(w.buy());
                if (c.price().isPresent() && !c.fractionable() && p.price().isPresent()) {
                  assertThat(w.sellQty().multiply(p.price().get()))
                      .as("seed %d: proceeds of %s buy one %s", seed, w.sell(), w.buy())
                      .isGreaterThanOrEqualTo(c.price().get());
                }
                s.config()
                    .costs()
                    .ifPresent(
                        k -> {
                          BigDecimal edge = w.scoreDiff().multiply(k.edgeBpsPerPoint());
                          BigDecimal cost =
                              k.feeBps()
                                  .add(k.feeBps())
                                  .add(
                                      p.spreadBps()
                                          .add(c.spreadBps())
                                          .multiply(new BigDecimal("0.5")));
                          assertThat(edge.subtract(cost))
                              .as("seed %d", seed)
                              .isGreaterThanOrEqualTo(k.minNetEdgeBps());
                          assertThat(w.edgeBps()).contains(edge);
                          assertThat(w.costBps().get()).isEqualByComparingTo(cost);
                        });
                assertThat(w.scoreDiff()).isGreaterThanOrEqualTo(s.config().scoreThreshold());
              }
            });
  }

  @Test
  void theReentryBlockTurnoverBudgetAndCostGateNeverAddASwap() {
    qt().withExamples(3_000)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Scan on = scan(seed, true);
              // The same scan with those three guards off (affordability stays: it only reorders).
              RebalanceConfig off =
                  RebalanceConfig.builder()
                      .from(on.config())
                      .reentryBlock(Duration.ZERO)
                      .turnoverBudget(java.util.Optional.empty())
                      .costs(java.util.Optional.empty())
                      .build();
              Decision withGuards = on.decide();
              Decision without =
                  Rebalancer.of(off).decide(on.positions(), on.candidates(), on.state(), NOW);
              if (!without.isSwap()) {
                assertThat(withGuards.isSwap()).as("seed %d", seed).isFalse();
              }
              assertThat(withGuards.swaps().size())
                  .as("seed %d", seed)
                  .isLessThanOrEqualTo(without.swaps().size());
            });
  }

  @Test
  void theTurnoverBudgetIsNeverExceededOverAnyWindow() {
    qt().withExamples(300)
        .forAll(longs().all())
        .checkAssert(
            seed -> {
              Random r = new Random(seed);
              int budget = 1 + r.nextInt(3);
              Duration window = Duration.ofMinutes(30 + r.nextInt(600));
              RebalanceConfig config =
                  RebalanceConfig.builder()
                      .cooldown(Duration.ofMinutes(r.nextInt(30)))
                      .minHoldTime(Duration.ZERO)
                      .scoreThreshold(BigDecimal.ONE)
                      .maxSwapsPerScan(1 + r.nextInt(3))
                      .turnoverBudget(TurnoverBudget.of(budget, window))
                      .build();
              Rebalancer engine = Rebalancer.of(config);
              List<RecentSwap> history = new ArrayList<>();
              Instant t = NOW;
              Instant last = null;
              for (int scan = 0; scan < 60; scan++) {
                t = t.plus(Duration.ofMinutes(1 + r.nextInt(60)));
                List<HeldPosition> held = new ArrayList<>();
                List<Candidate> cands = new ArrayList<>();
                TrackerState.Builder s = TrackerState.builder().recentSwaps(history);
                for (int i = 0; i < 3; i++) {
                  held.add(
                      HeldPosition.builder()
                          .symbol("H" + i)
                          .qty(BigDecimal.TEN)
                          .score(BigDecimal.valueOf(i))
                          .build());
                  s.putEntries(
                      "H" + i,
                      TrackedEntry.builder()
                          .symbol("H" + i)
                          .entryTime(NOW.minus(Duration.ofDays(1)))
                          .build());
                  cands.add(Candidate.of("C" + i, 50 + i));
                }
                if (last != null) {
                  s.lastRebalance(last);
                }
                Decision d = engine.decide(held, cands, s.build(), t);
                for (Swap w : d.swaps()) {
                  history.add(RecentSwap.of(t, w.sell(), w.buy()));
                }
                if (d.isSwap()) {
                  last = t;
                }
              }
              for (RecentSwap a : history) {
                long inWindow =
                    history.stream()
                        .filter(
                            b ->
                                !b.at().isAfter(a.at())
                                    && Duration.between(b.at(), a.at()).compareTo(window) < 0)
                        .count();
                assertThat(inWindow)
                    .as("seed %d: swaps in the window ending %s", seed, a.at())
                    .isLessThanOrEqualTo(budget);
              }
            });
  }
}
