package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.EntryContext;
import dev.rebalance.core.tracking.FillOutcome;
import dev.rebalance.core.tracking.PositionTracker;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class PositionTrackerTest {
  private static final Instant T0 = Instant.parse("2025-11-25T14:30:00Z");
  private static final String ACC = "acc";
  private final TestStore store = new TestStore();
  private final PositionTracker tracker = PositionTracker.create(store, ACC);
  private final AtomicInteger ids = new AtomicInteger();

  private Fill fill(OrderSide side, String qty, String price, int minute) {
    return Fill.builder()
        .id("f" + ids.incrementAndGet())
        .orderId("o1")
        .symbol("AAPL")
        .side(side)
        .qty(new BigDecimal(qty))
        .price(new BigDecimal(price))
        .timestamp(T0.plusSeconds(60L * minute))
        .build();
  }

  private TrackedEntry entry() {
    return store.entry(ACC, "AAPL").orElseThrow();
  }

  @Test
  void openingBuyRecordsFillTimePriceQtyScoreAndReason() {
    FillOutcome out =
        tracker.onFill(
            fill(OrderSide.BUY, "10", "100.50", 5),
            EntryContext.of(new BigDecimal("72.5"), "momentum"));

    assertThat(out).isEqualTo(FillOutcome.OPENED);
    TrackedEntry e = entry();
    assertThat(e.entryTime()).isEqualTo(T0.plusSeconds(300));
    assertThat(e.entryPrice()).contains(new BigDecimal("100.50"));
    assertThat(e.qty()).contains(new BigDecimal("10"));
    assertThat(e.score()).contains(new BigDecimal("72.5"));
    assertThat(e.reason()).contains("momentum");
    assertThat(e.source()).isEqualTo(EntrySource.FILL);
  }

  @Test
  void openingBuyWithoutContextHasNoScoreOrReason() {
    tracker.onFill(fill(OrderSide.BUY, "1", "10", 0));
    assertThat(entry().score()).isEmpty();
    assertThat(entry().reason()).isEmpty();
  }

  @Test
  void addKeepsEntryTimeScoreAndReasonAndAveragesPriceByQuantity() {
    tracker.onFill(fill(OrderSide.BUY, "10", "100", 0), EntryContext.of(BigDecimal.ONE, "first"));
    FillOutcome out =
        tracker.onFill(
            fill(OrderSide.BUY, "30", "120", 10), EntryContext.of(BigDecimal.TEN, "second"));

    assertThat(out).isEqualTo(FillOutcome.ADDED);
    TrackedEntry e = entry();
    assertThat(e.entryTime()).isEqualTo(T0);
    assertThat(e.qty().orElseThrow()).isEqualByComparingTo("40");
    // (10 x 100 + 30 x 120) / 40 = 115
    assertThat(e.entryPrice().orElseThrow()).isEqualByComparingTo("115");
    assertThat(e.score()).contains(BigDecimal.ONE);
    assertThat(e.reason()).contains("first");
  }

  @Test
  void averagePriceIsRoundedToNineDecimalPlaces() {
    tracker.onFill(fill(OrderSide.BUY, "1", "10", 0));
    tracker.onFill(fill(OrderSide.BUY, "2", "11", 1));
    // 32 / 3 = 10.666666666...
    assertThat(entry().entryPrice()).contains(new BigDecimal("10.666666667"));
  }

  @Test
  void partialSaleKeepsEntryWithReducedQuantity() {
    tracker.onFill(fill(OrderSide.BUY, "10", "100", 0));
    FillOutcome out = tracker.onFill(fill(OrderSide.SELL, "4", "130", 20));

    assertThat(out).isEqualTo(FillOutcome.REDUCED);
    assertThat(entry().entryTime()).isEqualTo(T0);
    assertThat(entry().qty().orElseThrow()).isEqualByComparingTo("6");
    assertThat(entry().entryPrice().orElseThrow()).isEqualByComparingTo("100");
  }

  @Test
  void saleToFlatClosesAndNextBuyOpensANewEntryAtItsOwnTime() {
    tracker.onFill(fill(OrderSide.BUY, "10", "100", 0));
    assertThat(tracker.onFill(fill(OrderSide.SELL, "10", "101", 5))).isEqualTo(FillOutcome.CLOSED);
    assertThat(store.entry(ACC, "AAPL")).isEmpty();

    assertThat(tracker.onFill(fill(OrderSide.BUY, "2", "99", 40))).isEqualTo(FillOutcome.OPENED);
    assertThat(entry().entryTime()).isEqualTo(T0.plusSeconds(2400));
  }

  @Test
  void oversellClosesTheEntry() {
    tracker.onFill(fill(OrderSide.BUY, "5", "100", 0));
    assertThat(tracker.onFill(fill(OrderSide.SELL, "8", "100", 1))).isEqualTo(FillOutcome.CLOSED);
    assertThat(store.entry(ACC, "AAPL")).isEmpty();
  }

  @Test
  void sellOfUntrackedSymbolIsIgnoredAndInventsNothing() {
    assertThat(tracker.onFill(fill(OrderSide.SELL, "5", "100", 0)))
        .isEqualTo(FillOutcome.IGNORED_UNTRACKED_SELL);
    assertThat(store.entries(ACC)).isEmpty();
  }

  @Test
  void buyThatDidNotOpenFromFlatPerBrokerQuantityIsNotGivenAnInventedTime() {
    Fill f =
        Fill.builder()
            .from(fill(OrderSide.BUY, "5", "100", 0))
            .positionQtyAfter(new BigDecimal("15"))
            .build();
    assertThat(tracker.onFill(f)).isEqualTo(FillOutcome.IGNORED_NOT_FROM_FLAT);
    assertThat(store.entries(ACC)).isEmpty();
  }

  @Test
  void brokerQuantityAfterIsAuthoritativeForTheRemainingQuantity() {
    tracker.onFill(fill(OrderSide.BUY, "10", "100", 0));
    Fill sellToFlatPerBroker =
        Fill.builder()
            .from(fill(OrderSide.SELL, "3", "100", 1))
            .positionQtyAfter(BigDecimal.ZERO)
            .build();
    assertThat(tracker.onFill(sellToFlatPerBroker)).isEqualTo(FillOutcome.CLOSED);
  }

  @Test
  void importedEntryWithUnknownQuantityKeepsItsTimeAndPriceOnAddsAndSales() {
    TrackedEntry imported =
        TrackedEntry.builder()
            .symbol("AAPL")
            .entryTime(T0.minusSeconds(86_400))
            .entryPrice(new BigDecimal("90"))
            .source(EntrySource.IMPORT)
            .build();
    store.putEntry(ACC, imported);

    assertThat(tracker.onFill(fill(OrderSide.BUY, "5", "100", 0))).isEqualTo(FillOutcome.ADDED);
    assertThat(entry()).isEqualTo(imported);
    assertThat(tracker.onFill(fill(OrderSide.SELL, "5", "100", 1))).isEqualTo(FillOutcome.REDUCED);
    assertThat(entry()).isEqualTo(imported);
    Fill flat =
        Fill.builder()
            .from(fill(OrderSide.SELL, "1", "100", 2))
            .positionQtyAfter(BigDecimal.ZERO)
            .build();
    assertThat(tracker.onFill(flat)).isEqualTo(FillOutcome.CLOSED);
  }

  @Test
  void opensAndClosesAreLoggedWithTheirKeys() {
    try (LogCapture logs = new LogCapture(PositionTracker.class)) {
      tracker.onFill(
          fill(OrderSide.BUY, "10", "100", 0), EntryContext.of(BigDecimal.TEN, "momentum"));
      tracker.onFill(fill(OrderSide.SELL, "12", "110", 30));
      tracker.onFill(fill(OrderSide.SELL, "1", "110", 31));

      assertThat(logs.events(LogEvents.POSITION_ENTRY_TRACKED))
          .singleElement()
          .satisfies(
              kv ->
                  assertThat(kv)
                      .containsEntry("account", ACC)
                      .containsEntry("symbol", "AAPL")
                      .containsEntry("change", "open")
                      .containsEntry("entry_time", T0.toString())
                      .containsEntry("entry_price", "100")
                      .containsEntry("score", "10")
                      .containsEntry("reason", "momentum"));
      assertThat(logs.events(LogEvents.POSITION_EXIT_TRACKED))
          .singleElement()
          .satisfies(
              kv ->
                  assertThat(kv)
                      .containsEntry("change", "close")
                      .containsEntry("exit_time", T0.plusSeconds(1800).toString())
                      .containsEntry("oversold_qty", "2"));
      assertThat(logs.events(LogEvents.NO_TRACKED_ENTRY_TIME))
          .singleElement()
          .satisfies(
              kv -> assertThat(kv).containsEntry("cause", "sell_of_untracked_symbol_ignored"));
    }
  }

  @Test
  void replayedFillIsIgnored() {
    Fill f = fill(OrderSide.BUY, "10", "100", 0);
    tracker.onFill(f);
    assertThat(tracker.onFill(f)).isEqualTo(FillOutcome.DUPLICATE);
    assertThat(entry().qty().orElseThrow()).isEqualByComparingTo("10");
  }

  @Test
  void aFillReplayedAfterARestartOrByAnotherProcessIsIgnored() {
    Fill buy = fill(OrderSide.BUY, "10", "100", 0);
    Fill sell = fill(OrderSide.SELL, "4", "110", 60);
    tracker.onFill(buy);
    tracker.onFill(sell);
    // A new tracker on the same store: a restarted bot, or a second process sharing the store.
    PositionTracker restarted = PositionTracker.create(store, tracker.account());
    assertThat(restarted.onFill(buy)).isEqualTo(FillOutcome.DUPLICATE);
    assertThat(restarted.onFill(sell)).isEqualTo(FillOutcome.DUPLICATE);
    assertThat(entry().qty().orElseThrow()).isEqualByComparingTo("6");
    assertThat(store.fillApplied(tracker.account(), buy.id())).isTrue();
  }

  @Test
  void failedStoreWriteDoesNotRememberTheFill() {
    Fill f = fill(OrderSide.BUY, "10", "100", 0);
    store.failWritesAfter = 0;
    assertThatThrownBy(() -> tracker.onFill(f)).isInstanceOf(TrackerStoreException.class);
    store.failWritesAfter = Integer.MAX_VALUE;
    assertThat(tracker.onFill(f)).isEqualTo(FillOutcome.OPENED);
  }

  @Test
  void accountsAreSeparate() {
    PositionTracker other = PositionTracker.create(store, "other");
    tracker.onFill(fill(OrderSide.BUY, "10", "100", 0));
    assertThat(other.onFill(fill(OrderSide.SELL, "10", "100", 1)))
        .isEqualTo(FillOutcome.IGNORED_UNTRACKED_SELL);
    assertThat(entry().qty().orElseThrow()).isEqualByComparingTo("10");
  }

  @Test
  void rejectsBlankAccount() {
    assertThatThrownBy(() -> PositionTracker.create(store, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("account");
  }

  @Test
  void concurrentFillsFromTwoThreadsLoseNoQuantity() throws Exception {
    int perThread = 500;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    tracker.onFill(fill(OrderSide.BUY, "1", "100", i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(entry().qty().orElseThrow())
        .isEqualByComparingTo(BigDecimal.valueOf(2L * perThread));
  }

  // ---- properties ------------------------------------------------------------------------------

  /** One generated fill: side, quantity in hundredths, price in cents. */
  private static final class Step {
    final boolean buy;
    final int qtyHundredths;
    final int priceCents;

    Step(boolean buy, int qtyHundredths, int priceCents) {
      this.buy = buy;
      this.qtyHundredths = qtyHundredths;
      this.priceCents = priceCents;
    }

    @Override
    public String toString() {
      return (buy ? "BUY " : "SELL ") + qtyHundredths + "/100 @" + priceCents + "c";
    }
  }

  private static Gen<Step> steps() {
    return booleans()
        .all()
        .zip(integers().between(1, 2_000), integers().between(1, 100_000), Step::new);
  }

  @Test
  void entryTimeIsAlwaysTheFillThatOpenedTheCurrentRunAndQtyIsTheSumOfFills() {
    LogCapture.quietly(PositionTracker.class, this::checkEntryTimeProperty);
  }

  private void checkEntryTimeProperty() {
    qt().withExamples(300)
        .forAll(lists().of(steps()).ofSizeBetween(1, 60))
        .checkAssert(
            seq -> {
              TestStore s = new TestStore();
              PositionTracker t = PositionTracker.create(s, ACC);
              BigDecimal held = BigDecimal.ZERO;
              Instant opened = null;
              BigDecimal avg = BigDecimal.ZERO;
              for (int i = 0; i < seq.size(); i++) {
                Step st = seq.get(i);
                BigDecimal q = BigDecimal.valueOf(st.qtyHundredths, 2);
                BigDecimal p = BigDecimal.valueOf(st.priceCents, 2);
                Instant at = T0.plusSeconds(i * 7L);
                t.onFill(
                    Fill.builder()
                        .id("p" + i)
                        .orderId("o" + i)
                        .symbol("AAPL")
                        .side(st.buy ? OrderSide.BUY : OrderSide.SELL)
                        .qty(q)
                        .price(p)
                        .timestamp(at)
                        .build());
                if (st.buy) {
                  if (held.signum() == 0) {
                    opened = at;
                  }
                  // Average cost of the shares held: a sale does not change it.
                  avg =
                      held.multiply(avg)
                          .add(q.multiply(p))
                          .divide(held.add(q), java.math.MathContext.DECIMAL128);
                  held = held.add(q);
                } else if (held.signum() > 0) {
                  held = held.subtract(q).max(BigDecimal.ZERO);
                }
                Optional<TrackedEntry> e = s.entry(ACC, "AAPL");
                if (held.signum() == 0) {
                  assertThat(e).as("after step %d %s", i, st).isEmpty();
                } else {
                  assertThat(e).as("after step %d %s", i, st).isPresent();
                  assertThat(e.get().entryTime()).isEqualTo(opened);
                  assertThat(e.get().qty().orElseThrow()).isEqualByComparingTo(held);
                  assertThat(e.get().entryPrice().orElseThrow().subtract(avg).abs())
                      .isLessThan(new BigDecimal("0.000001"));
                }
              }
            });
  }
}
