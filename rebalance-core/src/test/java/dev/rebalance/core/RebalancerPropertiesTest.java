package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;

/** Invariants of the decision over generated portfolios (QuickTheories). */
class RebalancerPropertiesTest {

  private static QuickTheory qt2() {
    return qt().withExamples(1_000).withShrinkCycles(200);
  }

  private static Decision decide(Portfolios.Scan s) {
    return s.decide(Rebalancer.of(s.config()));
  }

  private static Map<String, HeldPosition> bySymbol(Portfolios.Scan s) {
    return s.positions().stream()
        .collect(Collectors.toMap(HeldPosition::symbol, Function.identity()));
  }

  /** A decision as text with decimals normalised, so equal decisions compare equal. */
  private static String describe(Decision d, boolean withPositionOrder) {
    String swaps =
        d.swaps().stream()
            .map(
                s ->
                    s.sell()
                        + ":"
                        + s.sellQty().stripTrailingZeros().toPlainString()
                        + "->"
                        + s.buy()
                        + " "
                        + s.oldScore().stripTrailingZeros().toPlainString()
                        + "/"
                        + s.newScore().stripTrailingZeros().toPlainString())
            .collect(Collectors.joining(", "));
    List<String> positions =
        d.positions().stream().map(p -> p.symbol() + p.reasons()).collect(Collectors.toList());
    if (!withPositionOrder) {
      positions.sort(Comparator.naturalOrder());
    }
    return d.action()
        + " "
        + d.reason()
        + " ["
        + swaps
        + "] "
        + d.cooldownRemaining()
        + " "
        + positions;
  }

  @Test
  void agreesWithTheNaiveReferenceModel() {
    qt2()
        .forAll(Portfolios.scans())
        .checkAssert(
            s ->
                assertThat(describe(decide(s), true))
                    .isEqualTo(
                        describe(
                            ReferenceRebalancer.decide(
                                s.config(), s.positions(), s.candidates(), s.state(), s.now()),
                            true)));
  }

  @Test
  void aLockedPositionIsNeverSold() {
    qt2()
        .forAll(Portfolios.scans())
        .checkAssert(
            s -> {
              for (Swap swap : decide(s).swaps()) {
                PositionLock lock = s.state().locks().get(swap.sell());
                assertThat(lock == null || !lock.isActiveAt(s.now()))
                    .as("sold locked %s", swap.sell())
                    .isTrue();
              }
            });
  }

  @Test
  void nothingYoungerThanTheMinimumHoldTimeIsSold() {
    qt2()
        .forAll(Portfolios.scans())
        .checkAssert(
            s -> {
              for (Swap swap : decide(s).swaps()) {
                TrackedEntry e = s.state().entries().get(swap.sell());
                if (e == null) {
                  assertThat(s.config().unknownEntryTime()).isEqualTo(UnknownEntryTimeRule.ALLOW);
                } else {
                  assertThat(Duration.between(e.entryTime(), s.now()))
                      .isGreaterThanOrEqualTo(s.config().minHoldTime());
                }
              }
            });
  }

  @Test
  void everySwapClearsTheThresholdAndNeverBuysWhatIsHeld() {
    qt2()
        .forAll(Portfolios.scans())
        .checkAssert(
            s -> {
              Map<String, HeldPosition> held = bySymbol(s);
              for (Swap swap : decide(s).swaps()) {
                assertThat(swap.scoreDiff()).isGreaterThanOrEqualTo(s.config().scoreThreshold());
                assertThat(held).doesNotContainKey(swap.buy());
                assertThat(held).containsKey(swap.sell());
              }
            });
  }

  @Test
  void sellQuantityIsPositiveAtMostHeldAndAllOfItAtFractionOne() {
    qt2()
        .forAll(Portfolios.scans())
        .checkAssert(
            s -> {
              Map<String, HeldPosition> held = bySymbol(s);
              for (Swap swap : decide(s).swaps()) {
                BigDecimal qty = held.get(swap.sell()).qty();
                assertThat(swap.sellQty()).isPositive().isLessThanOrEqualTo(qty);
                if (s.config().sellFraction().compareTo(BigDecimal.ONE) == 0) {
                  assertThat(swap.sellQty()).isEqualTo(qty);
                } else if (!held.get(swap.sell()).fractionable()) {
                  assertThat(swap.sellQty().stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
                } else {
                  assertThat(swap.sellQty().scale()).isLessThanOrEqualTo(9);
                }
              }
            });
  }

  @Test
  void theDecisionDoesNotDependOnTheOrderOfCandidates() {
    qt2()
        .forAll(Portfolios.scans(), longs().all())
        .checkAssert(
            (s, seed) -> {
              Decision a = decide(s);
              Decision b =
                  Rebalancer.of(s.config())
                      .decide(
                          s.positions(),
                          Portfolios.shuffled(s.candidates(), seed),
                          s.state(),
                          s.now());
              assertThat(b).isEqualTo(a);
            });
  }

  @Test
  void theDecisionDoesNotDependOnTheOrderOfPositionsExceptTheirListing() {
    qt2()
        .forAll(Portfolios.scans(), longs().all())
        .checkAssert(
            (s, seed) -> {
              List<HeldPosition> shuffled = Portfolios.shuffled(s.positions(), seed);
              Decision a = decide(s);
              Decision b =
                  Rebalancer.of(s.config()).decide(shuffled, s.candidates(), s.state(), s.now());
              assertThat(describe(b, false)).isEqualTo(describe(a, false));
              assertThat(b.positions())
                  .extracting(PositionAssessment::symbol)
                  .containsExactlyElementsOf(shuffled.stream().map(HeldPosition::symbol).toList());
            });
  }

  @Test
  void nothingIsSwappedInsideTheCooldown() {
    qt2()
        .forAll(Portfolios.scans())
        .checkAssert(
            s -> {
              Decision d = decide(s);
              boolean cooling =
                  s.state()
                      .lastRebalance()
                      .map(
                          last ->
                              Duration.between(last, s.now()).compareTo(s.config().cooldown()) < 0)
                      .orElse(false);
              if (cooling) {
                assertThat(d.isSwap()).isFalse();
                assertThat(d.reason()).isIn(DecisionReason.DISABLED, DecisionReason.COOLDOWN);
              }
              assertThat(d.cooldownRemaining().isPresent())
                  .isEqualTo(d.reason() == DecisionReason.COOLDOWN);
            });
  }

  @Test
  void tieBreaksAreTotalOrders() {
    // Among equally scored positions (and candidates) exactly one is chosen, whatever the input
    // order: the sold and bought symbols are the unique minimum/maximum of the documented orders.
    qt2()
        .forAll(Portfolios.scans(), longs().all())
        .checkAssert(
            (s, seed) -> {
              RebalanceConfig oneSwap =
                  RebalanceConfig.builder()
                      .from(s.config())
                      .enabled(true)
                      .maxSwapsPerScan(1)
                      .scoreThreshold(BigDecimal.ZERO)
                      .sellFraction(BigDecimal.ONE)
                      .build();
              TrackerState noCooldown =
                  TrackerState.builder()
                      .entries(s.state().entries())
                      .locks(s.state().locks())
                      .build();
              Rebalancer r = Rebalancer.of(oneSwap);
              Decision a = r.decide(s.positions(), s.candidates(), noCooldown, s.now());
              Decision b =
                  r.decide(
                      Portfolios.shuffled(s.positions(), seed),
                      Portfolios.shuffled(s.candidates(), ~seed),
                      noCooldown,
                      s.now());
              assertThat(b.swaps()).isEqualTo(a.swaps());
              if (a.isSwap()) {
                Swap swap = a.swaps().get(0);
                Map<String, HeldPosition> held = bySymbol(s);
                // The bought candidate scores at least as high as every buyable candidate.
                s.candidates().stream()
                    .filter(c -> !held.containsKey(c.symbol()))
                    .forEach(
                        c -> {
                          int cmp = c.score().compareTo(swap.newScore());
                          assertThat(cmp <= 0).isTrue();
                          if (cmp == 0) {
                            assertThat(c.symbol()).isGreaterThanOrEqualTo(swap.buy());
                          }
                        });
              }
            });
  }
}
