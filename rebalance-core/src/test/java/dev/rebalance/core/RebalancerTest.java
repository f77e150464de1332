package dev.rebalance.core;

import static dev.rebalance.core.Fixtures.LONG_AGO;
import static dev.rebalance.core.Fixtures.NOW;
import static dev.rebalance.core.Fixtures.cand;
import static dev.rebalance.core.Fixtures.enteredLongAgo;
import static dev.rebalance.core.Fixtures.entry;
import static dev.rebalance.core.Fixtures.fractional;
import static dev.rebalance.core.Fixtures.lock;
import static dev.rebalance.core.Fixtures.lockUntil;
import static dev.rebalance.core.Fixtures.pos;
import static dev.rebalance.core.decision.IneligibilityReason.LOCKED;
import static dev.rebalance.core.decision.IneligibilityReason.MIN_HOLD_TIME;
import static dev.rebalance.core.decision.IneligibilityReason.UNKNOWN_ENTRY_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.HoldTimePolicy;
import dev.rebalance.core.decision.PartialSellSizer;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RebalancerTest {

  private static final Rebalancer DEFAULTS = Rebalancer.of(RebalanceConfig.defaults());

  private static Rebalancer with(RebalanceConfig.Builder config) {
    return Rebalancer.of(config.build());
  }

  private static List<String> swapsOf(Decision d) {
    return d.swaps().stream().map(s -> s.sell() + "->" + s.buy()).toList();
  }

  @Nested
  class Disabled {
    @Test
    void holdsAndStillExplainsEveryPosition() {
      Decision d =
          with(RebalanceConfig.builder().enabled(false))
              .decide(
                  List.of(pos("BRK.B", "10", "10"), pos("PEP", "100", "50"), pos("KO", "5", "1")),
                  List.of(cand("TSLA", "99")),
                  enteredLongAgo("PEP").putLocks("BRK.B", lock("BRK.B")).build(),
                  NOW);
      assertThat(d.action()).isEqualTo(DecisionAction.HOLD);
      assertThat(d.reason()).isEqualTo(DecisionReason.DISABLED);
      assertThat(d.swaps()).isEmpty();
      assertThat(d.cooldownRemaining()).isEmpty();
      assertThat(d.positions())
          .extracting(PositionAssessment::symbol, PositionAssessment::reasons)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("BRK.B", List.of(LOCKED, UNKNOWN_ENTRY_TIME)),
              org.assertj.core.groups.Tuple.tuple("PEP", List.of()),
              org.assertj.core.groups.Tuple.tuple("KO", List.of(UNKNOWN_ENTRY_TIME)));
    }

    @Test
    void winsOverCooldown() {
      Decision d =
          with(RebalanceConfig.builder().enabled(false))
              .decide(
                  List.of(pos("PEP", "100", "50")),
                  List.of(cand("TSLA", "99")),
                  enteredLongAgo("PEP").lastRebalance(NOW).build(),
                  NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.DISABLED);
      assertThat(d.cooldownRemaining()).isEmpty();
    }
  }

  @Nested
  class Cooldown {
    private Decision at(Duration sinceLast) {
      return DEFAULTS.decide(
          List.of(pos("PEP", "100", "50"), pos("KO", "1", "10")),
          List.of(cand("TSLA", "99")),
          enteredLongAgo("PEP").lastRebalance(NOW.minus(sinceLast)).build(),
          NOW);
    }

    @Test
    void holdsInsideTheCooldownWithTheTimeRemaining() {
      Decision d = at(Duration.ofMinutes(60).minusNanos(1));
      assertThat(d.reason()).isEqualTo(DecisionReason.COOLDOWN);
      assertThat(d.cooldownRemaining()).contains(Duration.ofNanos(1));
      assertThat(d.swaps()).isEmpty();
      // Positions keep their own reasons on a cooldown hold.
      assertThat(d.positions().get(0).reasons()).isEmpty();
      assertThat(d.positions().get(1).reasons()).containsExactly(UNKNOWN_ENTRY_TIME);
    }

    @Test
    void swapsExactlyAtTheBoundary() {
      Decision d = at(Duration.ofMinutes(60));
      assertThat(d.reason()).isEqualTo(DecisionReason.SWAP);
      assertThat(d.cooldownRemaining()).isEmpty();
    }

    @Test
    void neverRebalancedHasNoCooldown() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "100", "50")),
              List.of(cand("TSLA", "99")),
              enteredLongAgo("PEP").build(),
              NOW);
      assertThat(d.isSwap()).isTrue();
    }

    @Test
    void zeroCooldownAllowsASwapRightAfterTheLast() {
      Decision d =
          with(RebalanceConfig.builder().cooldown(Duration.ZERO))
              .decide(
                  List.of(pos("PEP", "100", "50")),
                  List.of(cand("TSLA", "99")),
                  enteredLongAgo("PEP").lastRebalance(NOW).build(),
                  NOW);
      assertThat(d.isSwap()).isTrue();
    }

    @Test
    void winsOverNoEligiblePosition() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "100", "50")),
              List.of(),
              TrackerState.builder().lastRebalance(NOW.minusSeconds(60)).build(),
              NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.COOLDOWN);
      assertThat(d.cooldownRemaining()).contains(Duration.ofMinutes(59));
    }

    @Test
    void customCooldownPolicyIsUsed() {
      Rebalancer r =
          Rebalancer.builder().cooldownPolicy((last, now) -> Duration.ofSeconds(7)).build();
      Decision d =
          r.decide(
              List.of(pos("PEP", "100", "50")),
              List.of(cand("TSLA", "99")),
              enteredLongAgo("PEP").lastRebalance(LONG_AGO).build(),
              NOW);
      assertThat(d.cooldownRemaining()).contains(Duration.ofSeconds(7));
    }
  }

  @Nested
  class Eligibility {
    @Test
    void heldExactlyTheMinimumIsEligibleAndJustLessIsNot() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("OLD", "1", "50"), pos("NEW", "1", "40")),
              List.of(cand("TSLA", "99")),
              TrackerState.builder()
                  .putEntries("OLD", entry("OLD", NOW.minus(Duration.ofMinutes(30))))
                  .putEntries("NEW", entry("NEW", NOW.minus(Duration.ofMinutes(30)).plusNanos(1)))
                  .build(),
              NOW);
      assertThat(d.positions().get(0).eligible()).isTrue();
      assertThat(d.positions().get(1).reasons()).containsExactly(MIN_HOLD_TIME);
      // NEW scores lower but is too young: OLD is sold.
      assertThat(swapsOf(d)).containsExactly("OLD->TSLA");
    }

    @Test
    void unknownEntryTimeBlocksByDefaultAndAllowCountsItAsHeldLongEnough() {
      List<HeldPosition> positions = List.of(pos("PEP", "100", "50"));
      List<Candidate> candidates = List.of(cand("TSLA", "99"));
      Decision blocked = DEFAULTS.decide(positions, candidates, TrackerState.empty(), NOW);
      assertThat(blocked.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
      assertThat(blocked.positions().get(0).reasons()).containsExactly(UNKNOWN_ENTRY_TIME);

      Decision allowed =
          with(RebalanceConfig.builder().unknownEntryTime(UnknownEntryTimeRule.ALLOW))
              .decide(positions, candidates, TrackerState.empty(), NOW);
      assertThat(allowed.isSwap()).isTrue();
      assertThat(allowed.positions().get(0).eligible()).isTrue();
    }

    @Test
    void everyReasonThatAppliesIsListedInOrder() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("A", "1", "1"), pos("B", "1", "1"), pos("C", "1", "80")),
              List.of(cand("TSLA", "99")),
              TrackerState.builder()
                  .putEntries("A", entry("A", NOW.minusSeconds(1)))
                  .putLocks("A", lock("A"))
                  .putLocks("B", lock("B"))
                  .putEntries("C", entry("C", LONG_AGO))
                  .build(),
              NOW);
      assertThat(d.positions().get(0).reasons()).containsExactly(LOCKED, MIN_HOLD_TIME);
      assertThat(d.positions().get(1).reasons()).containsExactly(LOCKED, UNKNOWN_ENTRY_TIME);
      assertThat(d.positions().get(2).eligible()).isTrue();
      assertThat(swapsOf(d)).containsExactly("C->TSLA");
    }

    @Test
    void expiredLocksDoNotApplyAndActiveOnesDo() {
      Rebalancer r = Rebalancer.builder().build();
      Decision d =
          r.decide(
              List.of(pos("PEP", "1", "1"), pos("KO", "1", "2"), pos("MSFT", "1", "3")),
              List.of(cand("TSLA", "99")),
              enteredLongAgo("PEP", "KO", "MSFT")
                  .putLocks("KO", lock("KO"))
                  .putLocks("PEP", lockUntil("PEP", NOW))
                  .putLocks("MSFT", lockUntil("MSFT", NOW.plusNanos(1)))
                  .build(),
              NOW);
      assertThat(d.positions().get(0).reasons()).isEmpty();
      assertThat(d.positions().get(1).reasons()).containsExactly(LOCKED);
      assertThat(d.positions().get(2).reasons()).containsExactly(LOCKED);
      assertThat(swapsOf(d)).containsExactly("PEP->TSLA");
    }

    @Test
    void aStateLockExpiringAtNowNoLongerApplies() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "1", "1")),
              List.of(cand("TSLA", "99")),
              enteredLongAgo("PEP").putLocks("PEP", lockUntil("PEP", NOW)).build(),
              NOW);
      assertThat(d.isSwap()).isTrue();
    }

    @Test
    void customHoldTimePolicyReplacesTheConfiguredMinimum() {
      Rebalancer r =
          Rebalancer.builder().holdTimePolicy(HoldTimePolicy.minimum(Duration.ofDays(1))).build();
      Decision d =
          r.decide(
              List.of(pos("PEP", "1", "1")),
              List.of(cand("TSLA", "99")),
              enteredLongAgo("PEP").build(),
              NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
      assertThat(d.positions().get(0).reasons()).containsExactly(MIN_HOLD_TIME);
    }
  }

  @Nested
  class Selection {
    @Test
    void nothingHeldIsNoEligiblePosition() {
      Decision d =
          DEFAULTS.decide(List.of(), List.of(cand("TSLA", "99")), TrackerState.empty(), NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
      assertThat(d.positions()).isEmpty();
    }

    @Test
    void noEligibleWinsOverNoCandidate() {
      Decision d =
          DEFAULTS.decide(List.of(pos("PEP", "1", "1")), List.of(), TrackerState.empty(), NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
    }

    @Test
    void noCandidatesOrOnlyHeldOnesIsNoCandidate() {
      TrackerState state = enteredLongAgo("PEP", "AAPL").build();
      List<HeldPosition> positions = List.of(pos("PEP", "1", "1"), pos("AAPL", "1", "5"));
      assertThat(DEFAULTS.decide(positions, List.of(), state, NOW).reason())
          .isEqualTo(DecisionReason.NO_CANDIDATE);
      assertThat(
              DEFAULTS
                  .decide(positions, List.of(cand("AAPL", "99"), cand("PEP", "98")), state, NOW)
                  .reason())
          .isEqualTo(DecisionReason.NO_CANDIDATE);
    }

    @Test
    void aHeldCandidateIsNeverBoughtEvenWhenItScoresBest() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "1", "1"), pos("AAPL", "1", "5")),
              List.of(cand("AAPL", "99"), cand("TSLA", "20")),
              enteredLongAgo("PEP", "AAPL").build(),
              NOW);
      assertThat(swapsOf(d)).containsExactly("PEP->TSLA");
    }

    @Test
    void weakestTiesBreakByEarliestEntryThenSymbol() {
      Decision byEntry =
          DEFAULTS.decide(
              List.of(pos("AAA", "1", "5"), pos("ZZZ", "1", "5")),
              List.of(cand("TSLA", "99")),
              TrackerState.builder()
                  .putEntries("AAA", entry("AAA", LONG_AGO.plusSeconds(1)))
                  .putEntries("ZZZ", entry("ZZZ", LONG_AGO))
                  .build(),
              NOW);
      assertThat(swapsOf(byEntry)).containsExactly("ZZZ->TSLA");

      Decision bySymbol =
          DEFAULTS.decide(
              List.of(pos("ZZZ", "1", "5"), pos("AAA", "1", "5")),
              List.of(cand("TSLA", "99")),
              enteredLongAgo("AAA", "ZZZ").build(),
              NOW);
      assertThat(swapsOf(bySymbol)).containsExactly("AAA->TSLA");
    }

    @Test
    void anAllowedUnknownEntryCountsAsEarliest() {
      Decision d =
          with(RebalanceConfig.builder().unknownEntryTime(UnknownEntryTimeRule.ALLOW))
              .decide(
                  List.of(pos("AAA", "1", "5"), pos("ZZZ", "1", "5")),
                  List.of(cand("TSLA", "99")),
                  enteredLongAgo("AAA").build(),
                  NOW);
      assertThat(swapsOf(d)).containsExactly("ZZZ->TSLA");
    }

    @Test
    void scoresCompareAsDecimalsNotText() {
      // 5.0 and 5 tie; 10 > 9.99; 1E+1 is ten.
      Decision d =
          DEFAULTS.decide(
              List.of(pos("BBB", "1", "5.0"), pos("AAA", "1", "5"), pos("CCC", "1", "4.99")),
              List.of(cand("X", "99.99"), cand("Y", "1E+2")),
              enteredLongAgo("AAA", "BBB", "CCC").build(),
              NOW);
      assertThat(swapsOf(d)).containsExactly("CCC->Y");
    }

    @Test
    void bestTiesBreakBySymbol() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "1", "1")),
              List.of(cand("ZZZ", "50"), cand("MMM", "50.0"), cand("AAA", "49")),
              enteredLongAgo("PEP").build(),
              NOW);
      assertThat(swapsOf(d)).containsExactly("PEP->MMM");
    }
  }

  @Nested
  class Threshold {
    @Test
    void aDifferenceExactlyEqualToTheThresholdSwaps() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "1", "8.4")),
              List.of(Candidate.of("TSLA", 18.4)),
              enteredLongAgo("PEP").build(),
              NOW);
      assertThat(d.isSwap()).isTrue();
      assertThat(d.swaps().get(0).scoreDiff()).isEqualByComparingTo("10");
      assertThat(d.swaps().get(0).scoreDiff().toPlainString()).isEqualTo("10.0");
    }

    @Test
    void justBelowTheThresholdHolds() {
      Decision d =
          DEFAULTS.decide(
              List.of(pos("PEP", "1", "8.4")),
              List.of(cand("TSLA", "18.3999999999")),
              enteredLongAgo("PEP").build(),
              NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.BELOW_THRESHOLD);
    }

    @Test
    void zeroThresholdSwapsOnEqualScores() {
      Decision d =
          with(RebalanceConfig.builder().scoreThreshold(BigDecimal.ZERO))
              .decide(
                  List.of(pos("PEP", "1", "50")),
                  List.of(cand("TSLA", "50")),
                  enteredLongAgo("PEP").build(),
                  NOW);
      assertThat(d.isSwap()).isTrue();
    }
  }

  @Nested
  class Sizing {
    private Decision sell(String fraction, HeldPosition p) {
      return with(RebalanceConfig.builder().sellFraction(new BigDecimal(fraction)))
          .decide(List.of(p), List.of(cand("TSLA", "99")), enteredLongAgo(p.symbol()).build(), NOW);
    }

    @Test
    void aFractionOfOneSellsTheWholeQuantityExactly() {
      Decision d = sell("1", fractional("PEP", "0.123456789123", "1"));
      assertThat(d.swaps().get(0).sellQty()).isEqualTo(new BigDecimal("0.123456789123"));
      assertThat(sell("1.0", pos("PEP", "7", "1")).swaps().get(0).sellQty()).isEqualTo("7");
    }

    @Test
    void wholeSharesRoundDown() {
      Swap s = sell("0.5", pos("PEP", "101", "1")).swaps().get(0);
      assertThat(s.sellQty().toPlainString()).isEqualTo("50");
      assertThat(s.sellFraction()).isEqualByComparingTo("0.5");
      assertThat(s.sellPrice()).contains(new BigDecimal("100"));
    }

    @Test
    void fractionableRoundsDownToNineDecimals() {
      assertThat(
              sell("0.5", fractional("PEP", "0.3", "1")).swaps().get(0).sellQty().toPlainString())
          .isEqualTo("0.15");
      assertThat(
              sell("0.3", fractional("PEP", "0.0000000099", "1"))
                  .swaps()
                  .get(0)
                  .sellQty()
                  .toPlainString())
          .isEqualTo("0.000000002");
    }

    @Test
    void aSizeThatRoundsToZeroHolds() {
      Decision d = sell("0.5", pos("PEP", "1", "1"));
      assertThat(d.reason()).isEqualTo(DecisionReason.SIZE_ROUNDS_TO_ZERO);
      assertThat(d.swaps()).isEmpty();
      assertThat(sell("0.1", fractional("PEP", "0.000000001", "1")).reason())
          .isEqualTo(DecisionReason.SIZE_ROUNDS_TO_ZERO);
    }

    @Test
    void belowThresholdWinsOverSizeRoundsToZero() {
      Decision d =
          with(RebalanceConfig.builder().sellFraction(new BigDecimal("0.5")))
              .decide(
                  List.of(pos("PEP", "1", "95")),
                  List.of(cand("TSLA", "99")),
                  enteredLongAgo("PEP").build(),
                  NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.BELOW_THRESHOLD);
    }

    @Test
    void aSizerReturningMoreThanHeldIsRejected() {
      PartialSellSizer greedy =
          new PartialSellSizer() {
            @Override
            public BigDecimal fraction() {
              return BigDecimal.ONE;
            }

            @Override
            public BigDecimal sellQty(HeldPosition position) {
              return position.qty().add(BigDecimal.ONE);
            }
          };
      Rebalancer r = Rebalancer.builder().sizer(greedy).build();
      assertThatThrownBy(
              () ->
                  r.decide(
                      List.of(pos("PEP", "100", "1")),
                      List.of(cand("TSLA", "99")),
                      enteredLongAgo("PEP").build(),
                      NOW))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "sizer returned 101 for PEP, which holds 100; a sell quantity must be in [0, held]");
    }
  }

  @Nested
  class MaxSwapsPerScan {
    private final Rebalancer three = with(RebalanceConfig.builder().maxSwapsPerScan(3));

    @Test
    void pairsTheKthWeakestWithTheKthBestAndStopsAtTheFirstPairBelowThreshold() {
      Decision d =
          three.decide(
              List.of(
                  pos("A", "1", "10"),
                  pos("B", "1", "20"),
                  pos("C", "1", "30"),
                  pos("D", "1", "5")),
              List.of(cand("X", "50"), cand("Y", "35"), cand("Z", "34"), cand("W", "90")),
              enteredLongAgo("A", "B", "C", "D").build(),
              NOW);
      // D(5)-W(90), A(10)-X(50), B(20)-Y(35) is 15 >= 10; stop at k = 3.
      assertThat(swapsOf(d)).containsExactly("D->W", "A->X", "B->Y");

      Decision stopped =
          three.decide(
              List.of(pos("A", "1", "10"), pos("B", "1", "30")),
              List.of(cand("X", "50"), cand("Y", "35")),
              enteredLongAgo("A", "B").build(),
              NOW);
      // B(30)-Y(35) is below the threshold: only one swap.
      assertThat(swapsOf(stopped)).containsExactly("A->X");
    }

    @Test
    void stopsAtTheFirstPairWhoseSizeRoundsToZero() {
      Rebalancer half =
          with(RebalanceConfig.builder().maxSwapsPerScan(3).sellFraction(new BigDecimal("0.5")));
      Decision d =
          half.decide(
              List.of(pos("A", "4", "1"), pos("B", "1", "2"), pos("C", "10", "3")),
              List.of(cand("X", "90"), cand("Y", "80"), cand("Z", "70")),
              enteredLongAgo("A", "B", "C").build(),
              NOW);
      assertThat(swapsOf(d)).containsExactly("A->X");
      assertThat(d.swaps().get(0).sellQty()).isEqualByComparingTo("2");

      Decision first =
          half.decide(
              List.of(pos("A", "1", "1"), pos("B", "10", "2")),
              List.of(cand("X", "90"), cand("Y", "80")),
              enteredLongAgo("A", "B").build(),
              NOW);
      assertThat(first.reason()).isEqualTo(DecisionReason.SIZE_ROUNDS_TO_ZERO);
    }

    @Test
    void neverMorePairsThanEligiblePositionsOrCandidates() {
      Rebalancer many = with(RebalanceConfig.builder().maxSwapsPerScan(Integer.MAX_VALUE));
      Decision d =
          many.decide(
              List.of(pos("A", "1", "1"), pos("B", "1", "2"), pos("L", "1", "0")),
              List.of(cand("X", "90")),
              enteredLongAgo("A", "B", "L").putLocks("L", lock("L")).build(),
              NOW);
      assertThat(swapsOf(d)).containsExactly("A->X");
      Decision d2 =
          many.decide(
              List.of(pos("A", "1", "1"), pos("B", "1", "2"), pos("L", "1", "0")),
              List.of(cand("X", "90"), cand("Y", "80"), cand("Z", "70")),
              enteredLongAgo("A", "B", "L").putLocks("L", lock("L")).build(),
              NOW);
      assertThat(swapsOf(d2)).containsExactly("A->X", "B->Y");
    }
  }

  @Nested
  class InputsAndBuilder {
    @Test
    void duplicateSymbolsAreRejectedByName() {
      assertThatThrownBy(
              () ->
                  DEFAULTS.decide(
                      List.of(pos("PEP", "1", "1"), pos("PEP", "2", "1")),
                      List.of(),
                      TrackerState.empty(),
                      NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("positions list symbol PEP twice");
      assertThatThrownBy(
              () ->
                  DEFAULTS.decide(
                      List.of(),
                      List.of(cand("TSLA", "1"), cand("AAPL", "2"), cand("TSLA", "3")),
                      TrackerState.empty(),
                      NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("candidates list symbol TSLA twice");
    }

    @Test
    void symbolsWithEqualHashCodesAreNotDuplicates() {
      // "ANO", "B00" and "AO0" share a hash code: the duplicate check must compare the symbols.
      assertThat("ANO".hashCode()).isEqualTo("B00".hashCode()).isEqualTo("AO0".hashCode());
      Decision d =
          DEFAULTS.decide(
              List.of(pos("A", "1", "1")),
              List.of(cand("ANO", "50"), cand("B00", "90"), cand("AO0", "70")),
              enteredLongAgo("A").build(),
              NOW);
      assertThat(swapsOf(d)).containsExactly("A->B00");
      assertThatThrownBy(
              () ->
                  DEFAULTS.decide(
                      List.of(pos("A", "1", "1")),
                      List.of(
                          cand("ANO", "5"), cand("B00", "9"), cand("AO0", "7"), cand("B00", "1")),
                      enteredLongAgo("A").build(),
                      NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("candidates list symbol B00 twice");
    }

    @Test
    void aRepeatedSymbolIsFoundAmongThousands() {
      List<Candidate> many = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        many.add(cand(String.format("S%04d", i), Integer.toString(i % 97)));
      }
      many.add(cand("S4321", "3"));
      assertThatThrownBy(() -> DEFAULTS.decide(List.of(), many, TrackerState.empty(), NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("candidates list symbol S4321 twice");
    }

    @Test
    void duplicatesAreRejectedEvenWhenDisabled() {
      Rebalancer off = with(RebalanceConfig.builder().enabled(false));
      assertThatThrownBy(
              () ->
                  off.decide(
                      List.of(),
                      List.of(cand("TSLA", "1"), cand("TSLA", "1")),
                      TrackerState.empty(),
                      NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("TSLA");
    }

    @Test
    void nullsAreRejectedByName() {
      Rebalancer.Builder b = Rebalancer.builder();
      assertThatThrownBy(() -> b.config(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("config");
      assertThatThrownBy(() -> b.clock(null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("clock");
      assertThatThrownBy(() -> b.holdTimePolicy(null)).hasMessage("holdTimePolicy");
      assertThatThrownBy(() -> b.cooldownPolicy(null)).hasMessage("cooldownPolicy");
      assertThatThrownBy(() -> b.sizer(null)).hasMessage("sizer");
      assertThatThrownBy(() -> DEFAULTS.decide(null, List.of(), TrackerState.empty(), NOW))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("positions");
      assertThatThrownBy(() -> DEFAULTS.decide(List.of(), List.of(), TrackerState.empty(), null))
          .isInstanceOf(NullPointerException.class)
          .hasMessage("now");
    }

    @Test
    void buildCopiesTheBuilderState() {
      Rebalancer.Builder b = Rebalancer.builder().config(RebalanceConfig.defaults());
      Rebalancer first = b.build();
      b.config(RebalanceConfig.builder().enabled(false).build());
      Rebalancer second = b.build();
      assertThat(first.config().enabled()).isTrue();
      assertThat(second.config().enabled()).isFalse();
    }

    @Test
    void decideWithoutATimeReadsTheClock() {
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      Rebalancer r = Rebalancer.of(RebalanceConfig.defaults(), clock);
      assertThat(r.clock()).isSameAs(clock);
      Decision d =
          r.decide(
              List.of(pos("PEP", "1", "1")),
              List.of(cand("TSLA", "99")),
              TrackerState.builder()
                  .putEntries("PEP", entry("PEP", NOW.minus(Duration.ofMinutes(29))))
                  .build());
      assertThat(d.decidedAt()).isEqualTo(NOW);
      assertThat(d.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
    }

    @Test
    void thePolicyDefaultsComeFromTheConfig() {
      RebalanceConfig c =
          RebalanceConfig.builder()
              .minHoldTime(Duration.ofHours(6))
              .sellFraction(new BigDecimal("0.25"))
              .build();
      Rebalancer r = Rebalancer.of(c);
      assertThat(r.config()).isEqualTo(c);
      Decision young =
          r.decide(
              List.of(pos("PEP", "8", "1")),
              List.of(cand("T", "99")),
              enteredLongAgo("PEP").build(),
              NOW);
      assertThat(young.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
      Decision sized =
          r.decide(
              List.of(pos("PEP", "8", "1")),
              List.of(cand("T", "99")),
              enteredLongAgo("PEP").build(),
              NOW.plus(Duration.ofHours(1)));
      assertThat(sized.swaps().get(0).sellQty()).isEqualByComparingTo("2");
    }
  }
}
