package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.stats.PriceSource;
import dev.rebalance.core.stats.RebalanceMetrics;
import dev.rebalance.core.stats.RebalanceStats;
import dev.rebalance.core.stats.SwapPayoff;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RebalanceMetricsTest {
  private static final Instant T0 = Instant.parse("2025-11-25T14:30:00Z");
  private final TestStore store = new TestStore();

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static RebalanceEvent.Builder swap(
      int minute, String oldSym, String newSym, String oldScore, String newScore) {
    return RebalanceEvent.builder()
        .timestamp(T0.plusSeconds(60L * minute))
        .oldSymbol(oldSym)
        .newSymbol(newSym)
        .oldScore(d(oldScore))
        .newScore(d(newScore));
  }

  @Test
  void emptyHistoryHasZeroCountsAndNoAverages() {
    RebalanceStats s = RebalanceMetrics.compute(store, "acc", PriceSource.none());
    assertThat(s.totalRebalances()).isZero();
    assertThat(s.avgScoreImprovement()).isEmpty();
    assertThat(s.minScoreImprovement()).isEmpty();
    assertThat(s.lastRebalance()).isEmpty();
    assertThat(s.swapsWithPayoff()).isZero();
    assertThat(s.boughtReturn()).isEmpty();
    assertThat(s.payoffAmount()).isEqualByComparingTo("0");
    assertThat(store.historyQueries.get()).isZero();
  }

  @Test
  void countAverageMinMaxAndLastComeFromTheHistory() {
    store.appendHistory("acc", swap(0, "PEP", "TSLA", "52.1", "75.3").build());
    store.appendHistory("acc", swap(60, "A", "B", "40", "50").build());
    store.appendHistory("acc", swap(120, "C", "D", "10", "15").build());
    store.appendHistory("other", swap(500, "C", "D", "10", "99").build());

    RebalanceStats s = RebalanceMetrics.compute(store, "acc", PriceSource.none());

    assertThat(s.totalRebalances()).isEqualTo(3);
    // (23.2 + 10 + 5) / 3 = 12.7333...
    assertThat(s.avgScoreImprovement()).contains(d("12.7333333333"));
    assertThat(s.minScoreImprovement().orElseThrow()).isEqualByComparingTo("5");
    assertThat(s.maxScoreImprovement().orElseThrow()).isEqualByComparingTo("23.2");
    assertThat(s.lastRebalance()).contains(T0.plusSeconds(7200));
    assertThat(s.swapsWithoutPrices()).isEqualTo(3);
  }

  @Test
  void lastRebalanceIsTheLaterOfTheStoredTimeAndTheNewestSwap() {
    store.appendHistory("acc", swap(0, "A", "B", "1", "2").build());
    store.setLastRebalance("acc", T0.plusSeconds(600));
    assertThat(RebalanceMetrics.compute(store, "acc", PriceSource.none()).lastRebalance())
        .contains(T0.plusSeconds(600));
    store.setLastRebalance("acc", T0.minusSeconds(600));
    assertThat(RebalanceMetrics.compute(store, "acc", PriceSource.none()).lastRebalance())
        .contains(T0);
  }

  @Test
  void payoffIsMoneyWeightedOverSwapsWithKnownPricesAndCountsTheRest() {
    // amount 10 x 100 = 1000; bought TSLA at 200, now 220 (+10%); PEP sold at 100, now 105 (+5%).
    store.appendHistory(
        "acc",
        swap(0, "PEP", "TSLA", "50", "70")
            .soldQty(d("10"))
            .sellPrice(d("100"))
            .buyPrice(d("200"))
            .build());
    // amount 10 x 300 = 3000; bought NVDA at 50, now 45 (-10%); MSFT sold at 300, now 330 (+10%).
    store.appendHistory(
        "acc",
        swap(1, "MSFT", "NVDA", "50", "70")
            .soldQty(d("10"))
            .sellPrice(d("300"))
            .buyPrice(d("50"))
            .build());
    // no current price for XYZ
    store.appendHistory(
        "acc",
        swap(2, "XYZ", "TSLA", "50", "70")
            .soldQty(d("1"))
            .sellPrice(d("10"))
            .buyPrice(d("200"))
            .build());
    // imported: no quantities or prices
    store.appendHistory("acc", swap(3, "PEP", "TSLA", "50", "70").build());
    Map<String, BigDecimal> now =
        Map.of("TSLA", d("220"), "PEP", d("105"), "NVDA", d("45"), "MSFT", d("330"));

    RebalanceStats s = RebalanceMetrics.compute(store, "acc", PriceSource.of(now));

    assertThat(s.totalRebalances()).isEqualTo(4);
    assertThat(s.swapsWithPayoff()).isEqualTo(2);
    assertThat(s.swapsWithoutPrices()).isEqualTo(2);
    assertThat(s.swapsPaidOff()).isEqualTo(1);
    assertThat(s.amountSwapped()).isEqualByComparingTo("4000");
    // (1000 x 0.10 + 3000 x -0.10) / 4000 = -0.05
    assertThat(s.boughtReturn().orElseThrow()).isEqualByComparingTo("-0.05");
    // (1000 x 0.05 + 3000 x 0.10) / 4000 = 0.0875
    assertThat(s.soldReturn().orElseThrow()).isEqualByComparingTo("0.0875");
    assertThat(s.excessReturn().orElseThrow()).isEqualByComparingTo("-0.1375");
    // 1000 x 0.05 + 3000 x -0.20 = -550
    assertThat(s.payoffAmount()).isEqualByComparingTo("-550");
  }

  @Test
  void perSwapPayoff() {
    RebalanceEvent e =
        swap(0, "PEP", "TSLA", "50", "70")
            .soldQty(d("3"))
            .sellPrice(d("90"))
            .buyPrice(d("30"))
            .build();
    SwapPayoff p =
        RebalanceMetrics.payoff(e, PriceSource.of(Map.of("TSLA", d("40"), "PEP", d("90"))))
            .orElseThrow();
    assertThat(p.amount()).isEqualByComparingTo("270");
    // 40 / 30 - 1 = 0.3333333333 (10 places, half-even)
    assertThat(p.boughtReturn()).isEqualTo(d("0.3333333333"));
    assertThat(p.soldReturn()).isEqualByComparingTo("0");
    assertThat(p.payoffAmount()).isEqualTo(d("90"));
    assertThat(p.paidOff()).isTrue();
    assertThat(RebalanceMetrics.payoff(e, PriceSource.of(Map.of("TSLA", d("40"))))).isEmpty();
  }

  @Test
  void payoffPagesThroughHistoryAndAsksEachPriceOnce() {
    int n = 1_234;
    for (int i = 0; i < n; i++) {
      store.appendHistory(
          "acc",
          swap(i, "S" + (i % 7), "B" + (i % 5), "1", "2")
              .soldQty(d("1"))
              .sellPrice(d("10"))
              .buyPrice(d("10"))
              .build());
    }
    Map<String, Integer> asked = new HashMap<>();
    PriceSource prices =
        symbol -> {
          asked.merge(symbol, 1, Integer::sum);
          return Optional.of(d("11"));
        };

    RebalanceStats s = RebalanceMetrics.compute(store, "acc", prices);

    assertThat(s.swapsWithPayoff()).isEqualTo(n);
    assertThat(store.historyQueries.get()).isEqualTo(3); // 500 + 500 + 234
    assertThat(asked).hasSize(12).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
    assertThat(s.boughtReturn().orElseThrow()).isEqualByComparingTo("0.1");
    assertThat(s.excessReturn().orElseThrow()).isEqualByComparingTo("0");
  }

  @Test
  void swapsAppendedWhilePagingAreNotCounted() {
    int n = 600;
    for (int i = 0; i < n; i++) {
      store.appendHistory(
          "acc",
          swap(i, "S", "B", "1", "2").soldQty(d("1")).sellPrice(d("10")).buyPrice(d("10")).build());
    }
    AtomicInteger calls = new AtomicInteger();
    PriceSource appendsOnFirstCall =
        symbol -> {
          if (calls.getAndIncrement() == 0) {
            store.appendHistory(
                "acc",
                swap(10_000, "S", "B", "1", "2")
                    .soldQty(d("1"))
                    .sellPrice(d("10"))
                    .buyPrice(d("10"))
                    .build());
          }
          return Optional.of(d("10"));
        };

    RebalanceStats s = RebalanceMetrics.compute(store, "acc", appendsOnFirstCall);

    assertThat(s.totalRebalances()).isEqualTo(n);
    assertThat(s.swapsWithPayoff()).isEqualTo(n);
  }

  @Test
  void nonPositiveCurrentPriceExcludesTheSwap() {
    store.appendHistory(
        "acc",
        swap(0, "PEP", "TSLA", "50", "70")
            .soldQty(d("1"))
            .sellPrice(d("1"))
            .buyPrice(d("1"))
            .build());
    RebalanceStats s =
        RebalanceMetrics.compute(
            store, "acc", PriceSource.of(Map.of("PEP", d("0"), "TSLA", d("1"))));
    assertThat(s.swapsWithPayoff()).isZero();
    assertThat(s.swapsWithoutPrices()).isEqualTo(1);
  }
}
