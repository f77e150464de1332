package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runtime end to end on the core's fake broker (a fake of the broker port written for core's
 * tests).
 */
class RebalanceSessionTest {
  static final String ACCOUNT = "paper-1";
  static final Instant T0 = Instant.parse("2025-11-25T15:45:00Z");

  MutableClock clock;
  FakeBroker broker;
  InMemoryTrackerStore store;
  Rebalancer rebalancer;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(T0);
    broker = broker(clock);
    store = new InMemoryTrackerStore();
    rebalancer =
        Rebalancer.of(
            RebalanceConfig.builder()
                .scoreThreshold(new BigDecimal("10"))
                .minHoldTime(Duration.ofMinutes(30))
                .cooldown(Duration.ofMinutes(60))
                .build(),
            clock);
  }

  static FakeBroker broker(MutableClock clock) {
    FakeBroker b =
        new FakeBroker(clock)
            .cash("0")
            .hold("PEP", "100", "160")
            .price("PEP", "170.37")
            .asset("PEP", false)
            .price("TSLA", "251.13")
            .asset("TSLA", true)
            .price("KO", "61.70")
            .asset("KO", false);
    // PEP was bought from flat two hours ago (reconciliation finds this fill).
    b.historicalFill("PEP", OrderSide.BUY, "100", "160", T0.minus(Duration.ofHours(2)));
    return b;
  }

  RebalanceSession session(FakeBroker broker) {
    return RebalanceSession.builder()
        .rebalancer(rebalancer)
        .store(store)
        .broker(broker)
        .account(ACCOUNT)
        .sleeper(clock::advance)
        .build();
  }

  static ScanInput scores(String... symbolScore) {
    ScanInput.Builder b = ScanInput.builder();
    for (int i = 0; i < symbolScore.length; i += 2) {
      b.putScores(symbolScore[i], new BigDecimal(symbolScore[i + 1]));
    }
    return b.build();
  }

  @Test
  void oneCallPerScanDecidesExecutesAndRecords() {
    RebalanceSession session = session(broker);
    StartupReport startup = session.start();
    assertThat(startup.ok()).isTrue();
    assertThat(store.entry(ACCOUNT, "PEP"))
        .get()
        .extracting(TrackedEntry::entryTime)
        .isEqualTo(T0.minus(Duration.ofHours(2)));

    ScanReport report = session.scan(scores("PEP", "52.1", "TSLA", "75.3", "KO", "60"));

    assertThat(report.ok()).isTrue();
    assertThat(report.decision()).get().extracting(Decision::isSwap).isEqualTo(true);
    assertThat(report.executions())
        .singleElement()
        .extracting(ExecutionResult::outcome)
        .isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(report.swapped()).isTrue();
    // The sale closed PEP's entry and the purchase opened TSLA's, with the score it was bought for.
    assertThat(report.fillsApplied()).isEqualTo(2);
    assertThat(store.entry(ACCOUNT, "PEP")).isEmpty();
    TrackedEntry tsla = store.entry(ACCOUNT, "TSLA").orElseThrow();
    assertThat(tsla.score()).contains(new BigDecimal("75.3"));
    assertThat(tsla.reason()).contains("rebalance from PEP");
    assertThat(store.history(ACCOUNT, 10, 0))
        .singleElement()
        .extracting(RebalanceEvent::oldSymbol, RebalanceEvent::newSymbol)
        .containsExactly("PEP", "TSLA");
  }

  @Test
  void aRestartNeitherRepeatsNorLosesAFill() {
    RebalanceSession first = session(broker);
    first.scan(scores("PEP", "52.1", "TSLA", "75.3"));
    TrackedEntry before = store.entry(ACCOUNT, "TSLA").orElseThrow();

    clock.advance(Duration.ofMinutes(5));
    RebalanceSession second = session(broker);
    StartupReport startup = second.start();
    ScanReport report = second.scan(scores("TSLA", "75.3", "KO", "60"));

    assertThat(startup.fillsApplied()).isZero();
    assertThat(report.fillsApplied()).isZero();
    assertThat(report.fillsAlreadyApplied()).isGreaterThanOrEqualTo(2);
    assertThat(store.entry(ACCOUNT, "TSLA")).contains(before);
    assertThat(store.fillWatermark(ACCOUNT)).contains(clock.instant());
  }

  @Test
  void twoSessionsOnOneStoreSwapOnceAndRecordItOnce() {
    // Two bot processes on one account and one store, each with its own broker, scanning at the
    // same time with the same scores (same seed): one swaps, the other places no order.
    FakeBroker other = broker(clock);
    RebalanceSession a = session(broker);
    RebalanceSession b = session(other);
    a.start();
    b.start();

    ScanReport ra = a.scan(scores("PEP", "52.1", "TSLA", "75.3"));
    ScanReport rb = b.scan(scores("PEP", "52.1", "TSLA", "75.3"));

    assertThat(ra.executions())
        .singleElement()
        .extracting(ExecutionResult::outcome)
        .isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(rb.executions()).allSatisfy(r -> assertThat(r.isCompleted()).isFalse());
    assertThat(other.submitCalls()).isZero();
    assertThat(store.history(ACCOUNT, 10, 0)).hasSize(1);
  }

  @Test
  void shortAndUnscoredPositionsAreLeftOutAndNamed() {
    broker.hold("GME", "-10", "20").price("GME", "25").asset("GME", false);
    broker.hold("XOM", "5", "100").price("XOM", "110").asset("XOM", false);
    RebalanceSession session = session(broker);

    ScanReport report = session.scan(scores("PEP", "52.1", "GME", "1", "KO", "55"));

    assertThat(report.excluded()).containsOnlyKeys("GME", "XOM");
    assertThat(report.excluded().get("GME")).startsWith("short position");
    assertThat(report.excluded().get("XOM")).contains("no score");
    assertThat(report.decision().orElseThrow().positions())
        .extracting(PositionAssessment::symbol)
        .containsExactly("PEP");
  }

  @Test
  void aBrokerFailureIsReportedNotThrown() {
    RebalanceSession session = session(broker);
    session.start();
    broker.faults =
        (point, key) -> {
          if (point == FakeBroker.Point.POSITIONS) {
            throw new BrokerException("503 service unavailable");
          }
        };

    ScanReport report = session.scan(scores("PEP", "52.1", "TSLA", "75.3"));

    assertThat(report.ok()).isFalse();
    assertThat(report.failures()).containsExactly("positions: 503 service unavailable");
    assertThat(report.decision()).isEmpty();
    assertThat(broker.submitCalls()).isZero();
  }

  @Test
  void theBuilderNamesWhatIsMissing() {
    assertThatThrownBy(
            () -> RebalanceSession.builder().store(store).broker(broker).account(ACCOUNT).build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("rebalancer is required");
    assertThatThrownBy(
            () ->
                RebalanceSession.builder()
                    .rebalancer(rebalancer)
                    .store(store)
                    .broker(broker)
                    .account("a".repeat(300))
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("account must be 1 to 64 characters");
    assertThatThrownBy(
            () ->
                RebalanceSession.builder()
                    .rebalancer(rebalancer)
                    .store(store)
                    .broker(broker)
                    .account(ACCOUNT)
                    .fillOverlap(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("fillOverlap must be >= 0");
    assertThatThrownBy(() -> ScanInput.of(Map.of("bad sym", BigDecimal.ONE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("scores must be 1 to 20 characters");
    assertThat(List.of()).isEmpty();
  }

  @Test
  void aSwapWhoseProceedsCannotBuyOneShareIsNeverProposed() {
    // One PEP share (170.37) cannot buy one whole TSLA share (251.13, not fractionable here).
    FakeBroker small =
        new FakeBroker(clock)
            .cash("0")
            .hold("PEP", "1", "160")
            .price("PEP", "170.37")
            .asset("PEP", false)
            .price("TSLA", "251.13")
            .asset("TSLA", false)
            .price("KO", "61.70")
            .asset("KO", false);
    small.historicalFill("PEP", OrderSide.BUY, "1", "160", T0.minus(Duration.ofHours(2)));

    ScanReport report = session(small).scan(scores("PEP", "52.1", "TSLA", "75.3", "KO", "65"));

    Decision d = report.decision().orElseThrow();
    assertThat(d.swaps()).singleElement().extracting(Swap::buy).isEqualTo("KO");
    assertThat(d.skippedCandidates())
        .singleElement()
        .satisfies(c -> assertThat(c.symbol()).isEqualTo("TSLA"));
    assertThat(report.executions())
        .singleElement()
        .extracting(ExecutionResult::outcome)
        .isEqualTo(ExecutionOutcome.COMPLETED);
  }
}
