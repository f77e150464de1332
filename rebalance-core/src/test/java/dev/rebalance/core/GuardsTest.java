package dev.rebalance.core;

import static dev.rebalance.core.Fixtures.LONG_AGO;
import static dev.rebalance.core.Fixtures.NOW;
import static dev.rebalance.core.Fixtures.cand;
import static dev.rebalance.core.Fixtures.enteredLongAgo;
import static dev.rebalance.core.Fixtures.entry;
import static dev.rebalance.core.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.core.config.CostSettings;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.config.TurnoverBudget;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.SkippedCandidate;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.tracking.RecentSwap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The four guards of spec/guards.md: each rule, boundary and precedence. */
class GuardsTest {

  private static Candidate priced(String symbol, String score, String price) {
    return Candidate.builder()
        .symbol(symbol)
        .score(new BigDecimal(score))
        .price(new BigDecimal(price))
        .build();
  }

  private static Decision decide(
      RebalanceConfig c, List<HeldPosition> held, List<Candidate> cands, TrackerState s) {
    return Rebalancer.of(c).decide(held, cands, s, NOW);
  }

  private static List<String> skipped(Decision d) {
    return d.skippedCandidates().stream()
        .map(s -> s.symbol() + ":" + s.reasons())
        .collect(Collectors.toList());
  }

  // ---- re-entry block ----

  @Test
  void aSymbolSoldExactlyReentryBlockAgoMayBeBoughtOneSecondLessMayNot() {
    RebalanceConfig c = RebalanceConfig.builder().reentryBlock(Duration.ofDays(1)).build();
    List<HeldPosition> held = List.of(pos("PEP", "10", "40"));
    List<Candidate> cands = List.of(cand("TSLA", "80"), cand("KO", "60"));
    TrackerState atBoundary =
        enteredLongAgo("PEP")
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofDays(1)), "TSLA", "PEP"))
            .build();
    assertThat(decide(c, held, cands, atBoundary).swaps().get(0).buy()).isEqualTo("TSLA");
    assertThat(decide(c, held, cands, atBoundary).skippedCandidates()).isEmpty();

    TrackerState inside =
        enteredLongAgo("PEP")
            .addRecentSwaps(
                RecentSwap.of(NOW.minus(Duration.ofDays(1)).plusSeconds(1), "TSLA", "PEP"))
            .build();
    Decision d = decide(c, held, cands, inside);
    assertThat(d.swaps().get(0).buy()).isEqualTo("KO");
    assertThat(skipped(d)).containsExactly("TSLA:[RECENTLY_SOLD]");
  }

  @Test
  void everyCandidateRecentlySoldIsNoCandidateAndListsThem() {
    RebalanceConfig c = RebalanceConfig.builder().reentryBlock(Duration.ofHours(2)).build();
    TrackerState s =
        enteredLongAgo("PEP")
            .addRecentSwaps(RecentSwap.of(NOW.minusSeconds(60), "KO", "PEP"))
            .addRecentSwaps(RecentSwap.of(NOW.minusSeconds(120), "TSLA", "X"))
            .build();
    Decision d =
        decide(
            c, List.of(pos("PEP", "10", "40")), List.of(cand("KO", "60"), cand("TSLA", "80")), s);
    assertThat(d.reason()).isEqualTo(DecisionReason.NO_CANDIDATE);
    assertThat(skipped(d)).containsExactly("TSLA:[RECENTLY_SOLD]", "KO:[RECENTLY_SOLD]");
  }

  @Test
  void aHoldBeforeLookingAtCandidatesSkipsNone() {
    RebalanceConfig c = RebalanceConfig.builder().reentryBlock(Duration.ofHours(2)).build();
    TrackerState s =
        TrackerState.builder()
            .putEntries("PEP", entry("PEP", NOW.minusSeconds(60)))
            .addRecentSwaps(RecentSwap.of(NOW.minusSeconds(60), "KO", "PEP"))
            .build();
    Decision d = decide(c, List.of(pos("PEP", "10", "40")), List.of(cand("KO", "60")), s);
    assertThat(d.reason()).isEqualTo(DecisionReason.NO_ELIGIBLE_POSITION);
    assertThat(d.skippedCandidates()).isEmpty();
  }

  // ---- turnover budget ----

  @Test
  void aSwapExactlyWindowAgoNoLongerCounts() {
    RebalanceConfig c =
        RebalanceConfig.builder().turnoverBudget(TurnoverBudget.of(1, Duration.ofDays(1))).build();
    List<HeldPosition> held = List.of(pos("PEP", "10", "40"));
    List<Candidate> cands = List.of(cand("TSLA", "80"));
    TrackerState out =
        enteredLongAgo("PEP")
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofDays(1)), "A", "B"))
            .build();
    assertThat(decide(c, held, cands, out).isSwap()).isTrue();
    TrackerState in =
        enteredLongAgo("PEP")
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofDays(1)).plusSeconds(1), "A", "B"))
            .build();
    Decision d = decide(c, held, cands, in);
    assertThat(d.reason()).isEqualTo(DecisionReason.TURNOVER_BUDGET);
    assertThat(d.turnoverResetIn()).contains(Duration.ofSeconds(1));
  }

  @Test
  void resetTimeWithMoreSwapsInTheWindowThanTheBudget() {
    // 4 swaps in the window, budget 2: two must leave; the second oldest leaving resets it.
    RebalanceConfig c =
        RebalanceConfig.builder()
            .turnoverBudget(TurnoverBudget.of(2, Duration.ofHours(10)))
            .build();
    TrackerState s =
        enteredLongAgo("PEP")
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofHours(1)), "A", "B"))
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofHours(9)), "C", "D"))
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofHours(3)), "E", "F"))
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofHours(7)), "G", "H"))
            .addRecentSwaps(RecentSwap.of(NOW.minus(Duration.ofHours(12)), "I", "J"))
            .build();
    Decision d = decide(c, List.of(pos("PEP", "10", "40")), List.of(cand("TSLA", "80")), s);
    assertThat(d.reason()).isEqualTo(DecisionReason.TURNOVER_BUDGET);
    // counted ages 9h, 7h, 3h, 1h; index used - N = 2 of the oldest-first list is the 3h swap.
    assertThat(d.turnoverResetIn()).contains(Duration.ofHours(7));
    assertThat(d.positions()).hasSize(1);
    assertThat(d.skippedCandidates()).isEmpty();
  }

  @Test
  void theBudgetLimitsSwapsPerScanAndComesAfterTheCooldown() {
    RebalanceConfig c =
        RebalanceConfig.builder()
            .maxSwapsPerScan(3)
            .turnoverBudget(TurnoverBudget.of(3, Duration.ofDays(1)))
            .build();
    List<HeldPosition> held =
        List.of(pos("A", "10", "1"), pos("B", "10", "2"), pos("C", "10", "3"));
    List<Candidate> cands = List.of(cand("X", "90"), cand("Y", "80"), cand("Z", "70"));
    TrackerState.Builder s =
        enteredLongAgo("A", "B", "C").addRecentSwaps(RecentSwap.of(NOW.minusSeconds(10), "P", "Q"));
    assertThat(decide(c, held, cands, s.build()).swaps()).hasSize(2);
    Decision cooling = decide(c, held, cands, s.lastRebalance(NOW.minusSeconds(10)).build());
    assertThat(cooling.reason()).isEqualTo(DecisionReason.COOLDOWN);
    assertThat(cooling.turnoverResetIn()).isEmpty();
  }

  // ---- affordability ----

  @Test
  void oneWholeShareExactlyIsAffordableOneCentLessIsNot() {
    List<HeldPosition> held =
        List.of(
            HeldPosition.builder()
                .symbol("PEP")
                .qty(new BigDecimal("2"))
                .price(new BigDecimal("50"))
                .score(BigDecimal.valueOf(40))
                .build());
    TrackerState s = enteredLongAgo("PEP").build();
    RebalanceConfig c = RebalanceConfig.defaults();
    assertThat(decide(c, held, List.of(priced("NVR", "90", "100")), s).isSwap()).isTrue();
    Decision d = decide(c, held, List.of(priced("NVR", "90", "100.01")), s);
    assertThat(d.reason()).isEqualTo(DecisionReason.NO_AFFORDABLE_CANDIDATE);
    assertThat(skipped(d)).containsExactly("NVR:[UNAFFORDABLE]");
    assertThat(d.preventedSwap()).isPresent();
    assertThat(d.preventedSwap().get().buy()).isEqualTo("NVR");
  }

  @Test
  void unknownPricesAndFractionableCandidatesNeverBlock() {
    HeldPosition noPrice =
        HeldPosition.builder().symbol("PEP").qty(BigDecimal.ONE).score(BigDecimal.ONE).build();
    TrackerState s = enteredLongAgo("PEP").build();
    assertThat(
            decide(
                    RebalanceConfig.defaults(),
                    List.of(noPrice),
                    List.of(priced("NVR", "90", "7000")),
                    s)
                .isSwap())
        .isTrue();
    Candidate fractionable =
        Candidate.builder()
            .symbol("NVR")
            .score(90)
            .price(new BigDecimal("7000"))
            .fractionable(true)
            .build();
    assertThat(
            decide(
                    RebalanceConfig.defaults(),
                    List.of(pos("PEP", "1", "1")),
                    List.of(fractionable),
                    s)
                .isSwap())
        .isTrue();
  }

  @Test
  void aLaterLargerSaleBuysWhatAnEarlierOneCouldNotAfford() {
    RebalanceConfig c = RebalanceConfig.builder().maxSwapsPerScan(2).build();
    // A raises 100, B raises 1,000 (price 100 each).
    List<HeldPosition> held = List.of(pos("A", "1", "10"), pos("B", "10", "20"));
    List<Candidate> cands = List.of(priced("BIG", "90", "500"), priced("SMALL", "80", "50"));
    Decision d = decide(c, held, cands, enteredLongAgo("A", "B").build());
    assertThat(d.swaps())
        .extracting(Swap::sell, Swap::buy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("A", "SMALL"),
            org.assertj.core.groups.Tuple.tuple("B", "BIG"));
    assertThat(d.skippedCandidates()).as("BIG was bought in the end").isEmpty();
  }

  @Test
  void theWalkStopsAtTheThresholdAndGoesBeyondTheBestFew() {
    // Many unaffordable candidates above one affordable one: the walk passes the best few kept.
    List<Candidate> cands = new java.util.ArrayList<>();
    for (int i = 0; i < 20; i++) {
      cands.add(priced("U" + i, String.valueOf(90 - i), "1000"));
    }
    cands.add(priced("OK", "60", "10"));
    cands.add(priced("LOW", "45", "1"));
    Decision d =
        decide(
            RebalanceConfig.defaults(),
            List.of(pos("PEP", "1", "40")),
            cands,
            enteredLongAgo("PEP").build());
    assertThat(d.swaps().get(0).buy()).isEqualTo("OK");
    assertThat(d.skippedCandidates()).hasSize(20);
    assertThat(d.skippedCandidates().get(0).symbol()).isEqualTo("U0");
    // The walk stops at the threshold: LOW (45 - 40 < 10) is never walked, so never skipped.
    cands.remove(20);
    Decision none =
        decide(
            RebalanceConfig.defaults(),
            List.of(pos("PEP", "1", "40")),
            cands,
            enteredLongAgo("PEP").build());
    assertThat(none.reason()).isEqualTo(DecisionReason.NO_AFFORDABLE_CANDIDATE);
    assertThat(none.skippedCandidates()).extracting(SkippedCandidate::symbol).doesNotContain("LOW");
  }

  // ---- cost gate ----

  @Test
  void exactlyEqualNetEdgeSwapsOneBasisPointLessHolds() {
    HeldPosition pep =
        HeldPosition.builder()
            .symbol("PEP")
            .qty(BigDecimal.TEN)
            .score(BigDecimal.valueOf(40))
            .spreadBps(BigDecimal.valueOf(20))
            .build();
    Candidate tsla =
        Candidate.builder().symbol("TSLA").score(50).spreadBps(BigDecimal.valueOf(30)).build();
    TrackerState s = enteredLongAgo("PEP").build();
    // edge 10 x 2 = 20; cost 2 x 5 + 25 = 35; net -15.
    RebalanceConfig equal =
        RebalanceConfig.builder()
            .costs(
                CostSettings.builder()
                    .feeBps(BigDecimal.valueOf(5))
                    .edgeBpsPerPoint(BigDecimal.valueOf(2))
                    .minNetEdgeBps(BigDecimal.valueOf(-15))
                    .build())
            .build();
    Decision d = decide(equal, List.of(pep), List.of(tsla), s);
    assertThat(d.isSwap()).isTrue();
    assertThat(d.swaps().get(0).edgeBps().get()).isEqualByComparingTo("20");
    assertThat(d.swaps().get(0).costBps().get()).isEqualByComparingTo("35");
    RebalanceConfig more =
        RebalanceConfig.builder()
            .from(equal)
            .costs(
                CostSettings.builder()
                    .from(equal.costs().get())
                    .minNetEdgeBps(new BigDecimal("-14.99"))
                    .build())
            .build();
    Decision held = decide(more, List.of(pep), List.of(tsla), s);
    assertThat(held.reason()).isEqualTo(DecisionReason.COST_EXCEEDS_EDGE);
    assertThat(held.preventedSwap().get().edgeBps().get()).isEqualByComparingTo("20");
    assertThat(held.swaps()).isEmpty();
  }

  @Test
  void withoutCostsSwapsCarryNoEdgeOrCost() {
    Decision d =
        decide(
            RebalanceConfig.defaults(),
            List.of(pos("PEP", "1", "40")),
            List.of(cand("TSLA", "80")),
            enteredLongAgo("PEP").build());
    assertThat(d.swaps().get(0).edgeBps()).isEmpty();
    assertThat(d.swaps().get(0).costBps()).isEmpty();
    assertThat(d.turnoverResetIn()).isEmpty();
  }

  @Test
  void precedenceBelowThresholdBeforeSizeBeforeAffordabilityBeforeCost() {
    RebalanceConfig c =
        RebalanceConfig.builder()
            .sellFraction(new BigDecimal("0.5"))
            .costs(
                CostSettings.builder()
                    .edgeBpsPerPoint(BigDecimal.ONE)
                    .minNetEdgeBps(BigDecimal.valueOf(1000))
                    .build())
            .build();
    TrackerState s = enteredLongAgo("PEP").build();
    // 1 share at fraction 0.5 rounds to zero, the candidate is unaffordable and too costly:
    // size comes first.
    assertThat(
            decide(c, List.of(pos("PEP", "1", "40")), List.of(priced("NVR", "90", "7000")), s)
                .reason())
        .isEqualTo(DecisionReason.SIZE_ROUNDS_TO_ZERO);
    // Below the threshold comes before everything after it.
    assertThat(
            decide(c, List.of(pos("PEP", "1", "40")), List.of(priced("NVR", "45", "7000")), s)
                .reason())
        .isEqualTo(DecisionReason.BELOW_THRESHOLD);
    // Affordability before cost.
    assertThat(
            decide(c, List.of(pos("PEP", "10", "40")), List.of(priced("NVR", "90", "7000")), s)
                .reason())
        .isEqualTo(DecisionReason.NO_AFFORDABLE_CANDIDATE);
    assertThat(
            decide(c, List.of(pos("PEP", "10", "40")), List.of(priced("NVR", "90", "70")), s)
                .reason())
        .isEqualTo(DecisionReason.COST_EXCEEDS_EDGE);
  }

  // ---- configuration, state ----

  @Test
  void configurationNamesTheField() {
    assertThatThrownBy(() -> TurnoverBudget.of(0, Duration.ofDays(1)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("turnoverBudget.swaps must be >= 1, was 0");
    assertThatThrownBy(() -> TurnoverBudget.of(1, Duration.ZERO))
        .hasMessage("turnoverBudget.window must be > PT0S, was PT0S");
    assertThatThrownBy(() -> CostSettings.builder().edgeBpsPerPoint(BigDecimal.ZERO).build())
        .hasMessage("costs.edgeBpsPerPoint must be > 0, was 0");
    assertThatThrownBy(() -> RebalanceConfig.builder().reentryBlock(Duration.ofDays(-1)).build())
        .hasMessage("reentryBlock must be >= PT0S, was PT-24H");
    assertThatThrownBy(() -> RebalanceConfig.builder().cooldown(Duration.ofDays(36_501)).build())
        .hasMessage("cooldown must be <= PT876000H (100 years), was PT876024H");
  }

  @Test
  void loaderReadsTheGuardsFromJsonAndYaml() {
    RebalanceConfig json =
        RebalanceConfigLoader.fromJson(
            "{\"reentryBlock\": \"P1D\", \"turnoverBudget\": {\"swaps\": 3, \"window\": \"P7D\"},"
                + " \"costs\": {\"feeBps\": 5, \"edgeBpsPerPoint\": 2, \"minNetEdgeBps\": -1.5}}");
    RebalanceConfig yaml =
        RebalanceConfigLoader.fromYaml(
            "reentryBlock: P1D\nturnoverBudget:\n  swaps: 3\n  window: P7D\ncosts:\n  feeBps: 5\n"
                + "  edgeBpsPerPoint: 2\n  minNetEdgeBps: -1.5\n");
    assertThat(json).isEqualTo(yaml);
    assertThat(json.reentryBlock()).isEqualTo(Duration.ofDays(1));
    assertThat(json.turnoverBudget()).contains(TurnoverBudget.of(3, Duration.ofDays(7)));
    assertThat(json.costs().get().minNetEdgeBps()).isEqualByComparingTo("-1.5");
    assertThat(json.guardWindow()).isEqualTo(Duration.ofDays(7));
    assertThatThrownBy(
            () ->
                RebalanceConfigLoader.fromJson(
                    "{\"turnoverBudget\": {\"swaps\": 0, \"window\": \"P7D\"}}"))
        .hasMessage("turnoverBudget.swaps must be >= 1, was 0");
    assertThatThrownBy(() -> RebalanceConfigLoader.fromYaml("costs:\n  feeBps: 1\n"))
        .hasMessage("costs.edgeBpsPerPoint is required");
  }

  @Test
  void trackerStateRefusesAKeyThatIsNotItsValuesSymbol() {
    assertThatThrownBy(
            () -> TrackerState.builder().putEntries("KO", entry("PEP", LONG_AGO)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("entries key 'KO' does not match its entry's symbol 'PEP'");
    assertThatThrownBy(() -> TrackerState.builder().putLocks("KO", Fixtures.lock("PEP")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("locks key 'KO' does not match its lock's symbol 'PEP'");
  }

  @Test
  void recentSwapsFromHistoryAndFromAStoreReadOnlyTheWindow() {
    TestStore store = new TestStore();
    for (int h = 0; h < 200; h++) {
      store.appendHistory(
          "a",
          RebalanceEvent.builder()
              .timestamp(NOW.minus(Duration.ofHours(h)))
              .oldSymbol("S" + h)
              .newSymbol("B" + h)
              .oldScore(BigDecimal.ONE)
              .newScore(BigDecimal.TEN)
              .build());
    }
    List<RecentSwap> recent =
        RecentSwap.fromHistory(store.history("a", 500, 0), NOW, Duration.ofHours(3));
    assertThat(recent).extracting(RecentSwap::sold).containsExactly("S2", "S1", "S0");
    int before = store.historyQueries.get();
    TrackerState state = TrackerState.load(store, "a", Duration.ofHours(3), NOW);
    assertThat(state.recentSwaps()).isEqualTo(recent);
    assertThat(store.historyQueries.get() - before)
        .as("one page, not the whole history")
        .isEqualTo(1);
  }
}
