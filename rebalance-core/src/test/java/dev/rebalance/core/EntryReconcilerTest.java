package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.fake.FakeBroker.Point;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.EntryReconciler;
import dev.rebalance.core.tracking.ReconciliationReport;
import dev.rebalance.core.tracking.internal.RunWalk;
import dev.rebalance.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EntryReconcilerTest {
  static final String ACCOUNT = "acct-1";
  static final Instant NOW = Instant.parse("2025-11-25T15:45:00Z");

  MutableClock clock;
  FakeBroker broker;
  TestStore store;
  ListAppender<ILoggingEvent> logs;
  Logger logger;

  private ch.qos.logback.classic.Level previousLevel;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(NOW);
    broker = new FakeBroker(clock);
    store = new TestStore();
    logger = (Logger) LoggerFactory.getLogger(EntryReconciler.class);
    logs = new ListAppender<>();
    logs.start();
    previousLevel = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    logger.addAppender(logs);
  }

  @AfterEach
  void tearDown() {
    logger.detachAppender(logs);
    logger.setLevel(previousLevel);
  }

  EntryReconciler reconciler(int pageSize, int maxPages) {
    return EntryReconciler.builder()
        .broker(broker)
        .store(store)
        .account(ACCOUNT)
        .clock(clock)
        .pageSize(pageSize)
        .maxPages(maxPages)
        .build();
  }

  static Instant minutesAgo(long m) {
    return NOW.minus(Duration.ofMinutes(m));
  }

  @Test
  void aShortPositionIsNeverTrackedAndClosesALongEntryOfItsSymbol() {
    // A sale from flat on a margin account opened a short (Alpaca: negative qty, side short).
    broker
        .historicalFill("GME", OrderSide.SELL, "10", "20", minutesAgo(100))
        .hold("GME", "-10", "20")
        .historicalFill("AMC", OrderSide.BUY, "5", "4", minutesAgo(300))
        .historicalFill("AMC", OrderSide.SELL, "15", "5", minutesAgo(200))
        .hold("AMC", "-10", "5");
    store.putEntry(
        ACCOUNT, TrackedEntry.builder().symbol("AMC").entryTime(minutesAgo(300)).build());

    ReconciliationReport report = reconciler(10, 10).reconcile();

    assertThat(report.reconstructed()).isEmpty();
    assertThat(report.unknown()).isEmpty();
    assertThat(store.entry(ACCOUNT, "GME")).isEmpty();
    assertThat(report.closed()).extracting(TrackedEntry::symbol).containsExactly("AMC");
    assertThat(store.entry(ACCOUNT, "AMC")).isEmpty();
  }

  @Test
  void walksBackAcrossPagesThroughAddsAndPartialSellsToTheOpeningFill() {
    broker
        .historicalFill("AAPL", OrderSide.BUY, "10", "100", minutesAgo(600)) // an earlier run
        .historicalFill("AAPL", OrderSide.SELL, "10", "110", minutesAgo(500)) // ... closed flat
        .historicalFill("AAPL", OrderSide.BUY, "5", "120", minutesAgo(400)) // opens the current run
        .historicalFill("AAPL", OrderSide.BUY, "10", "130", minutesAgo(300)) // add
        .historicalFill("AAPL", OrderSide.SELL, "5", "140", minutesAgo(200)) // partial sale
        .historicalFill("AAPL", OrderSide.BUY, "5", "150", minutesAgo(100)) // add
        .hold("AAPL", "15", "134.44");

    ReconciliationReport report = reconciler(2, 10).reconcile();

    assertThat(report.reconstructed()).hasSize(1);
    TrackedEntry e = report.reconstructed().get(0);
    assertThat(e.symbol()).isEqualTo("AAPL");
    assertThat(e.entryTime()).isEqualTo(minutesAgo(400));
    assertThat(e.source()).isEqualTo(EntrySource.RECONCILIATION);
    assertThat(e.qty()).hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("15"));
    // 5 @120 + 10 @130 -> 1900/15; sell 5 keeps the average; + 5 @150 -> (1900/15*10 + 750)/15
    BigDecimal expected =
        new BigDecimal("1900")
            .divide(new BigDecimal("15"), 20, java.math.RoundingMode.HALF_EVEN)
            .multiply(BigDecimal.TEN)
            .add(new BigDecimal("750"))
            .divide(new BigDecimal("15"), 20, java.math.RoundingMode.HALF_EVEN);
    assertThat(e.entryPrice().orElseThrow())
        .isCloseTo(expected, within(new BigDecimal("0.000001")));
    // pages include their `until` time, so each page after the first repeats one fill: 3 pages
    assertThat(broker.fillsBeforeCalls()).isEqualTo(3);
    assertThat(store.entry(ACCOUNT, "AAPL")).contains(e);
    assertThat(logs.list)
        .extracting(ILoggingEvent::getMessage)
        .contains(LogEvents.POSITION_ENTRY_TRACKED, LogEvents.ENTRIES_RECONCILED);
  }

  @Test
  void fillsWithEqualTimestampsAcrossAPageBoundaryAreCountedOnce() {
    Instant same = minutesAgo(50);
    broker
        .historicalFill("MSFT", OrderSide.BUY, "3", "400", minutesAgo(90))
        .historicalFill("MSFT", OrderSide.BUY, "2", "401", same)
        .historicalFill("MSFT", OrderSide.BUY, "1", "402", same)
        .historicalFill("MSFT", OrderSide.BUY, "4", "403", same)
        .hold("MSFT", "10", "401");

    ReconciliationReport report = reconciler(2, 20).reconcile();

    assertThat(report.reconstructed())
        .extracting(TrackedEntry::entryTime)
        .containsExactly(minutesAgo(90));
  }

  @Test
  void historyThatNeverReachesFlatLeavesTheEntryUnknown() {
    broker
        .historicalFill("NVDA", OrderSide.BUY, "10", "100", minutesAgo(300))
        .historicalFill("NVDA", OrderSide.BUY, "5", "110", minutesAgo(200))
        .hold("NVDA", "25", "105");

    ReconciliationReport report = reconciler(100, 10).reconcile();

    assertThat(report.reconstructed()).isEmpty();
    assertThat(report.unknown()).containsOnlyKeys("NVDA");
    assertThat(report.unknown().get("NVDA"))
        .contains("fill history ends before the position was flat");
    assertThat(store.entry(ACCOUNT, "NVDA")).isEmpty();
    ILoggingEvent warn =
        logs.list.stream()
            .filter(l -> l.getMessage().equals(LogEvents.NO_TRACKED_ENTRY_TIME))
            .findFirst()
            .orElseThrow();
    assertThat(warn.getKeyValuePairs()).anySatisfy(kv -> assertThat(kv.key).isEqualTo("reason"));
  }

  @Test
  void walkBackStopsAtItsBound() {
    broker
        .historicalFill("AMD", OrderSide.BUY, "1", "100", minutesAgo(30))
        .historicalFill("AMD", OrderSide.BUY, "1", "100", minutesAgo(20))
        .historicalFill("AMD", OrderSide.BUY, "1", "100", minutesAgo(10))
        .hold("AMD", "3", "100");

    ReconciliationReport report = reconciler(1, 2).reconcile();

    assertThat(report.unknown().get("AMD")).contains("2 pages (the limit)");
    assertThat(broker.fillsBeforeCalls()).isEqualTo(2);
    assertThat(reconciler(1, 10).reconcile().reconstructed())
        .extracting(TrackedEntry::entryTime)
        .containsExactly(minutesAgo(30));
  }

  @Test
  void aFlipFromShortToLongOpensAtTheFlippingFill() {
    broker
        .historicalFill("F", OrderSide.SELL, "10", "12", minutesAgo(60))
        .historicalFill("F", OrderSide.BUY, "15", "11", minutesAgo(30))
        .hold("F", "5", "11");

    TrackedEntry e = reconciler(100, 10).reconcile().reconstructed().get(0);

    assertThat(e.entryTime()).isEqualTo(minutesAgo(30));
    assertThat(e.entryPrice()).hasValueSatisfying(p -> assertThat(p).isEqualByComparingTo("11"));
  }

  @Test
  void closesEntriesNoLongerHeldAndKeepsTrackedOnes() {
    TrackedEntry old = TrackedEntry.builder().symbol("OLD").entryTime(minutesAgo(900)).build();
    TrackedEntry kept = TrackedEntry.builder().symbol("KEPT").entryTime(minutesAgo(800)).build();
    store.putEntry(ACCOUNT, old);
    store.putEntry(ACCOUNT, kept);
    broker.hold("KEPT", "7", "10");

    ReconciliationReport report = reconciler(100, 10).reconcile();

    assertThat(report.closed()).containsExactly(old);
    assertThat(report.alreadyTracked()).containsExactly("KEPT");
    assertThat(store.entries(ACCOUNT)).containsExactly(kept);
    assertThat(broker.fillsBeforeCalls()).isZero();
    assertThat(logs.list)
        .extracting(ILoggingEvent::getMessage)
        .contains(LogEvents.POSITION_EXIT_TRACKED);
  }

  @Test
  void unreadableHistoryForOneSymbolLeavesItUnknownAndGoesOn() {
    broker
        .historicalFill("GOOD", OrderSide.BUY, "2", "50", minutesAgo(10))
        .hold("BAD", "1", "10")
        .hold("GOOD", "2", "50");
    broker.faults =
        (p, k) -> {
          if (p == Point.FILLS && k.equals("BAD")) {
            throw new BrokerException("503 unavailable");
          }
        };

    ReconciliationReport report = reconciler(100, 10).reconcile();

    assertThat(report.unknown().get("BAD")).contains("could not be read").contains("503");
    assertThat(report.reconstructed()).extracting(TrackedEntry::symbol).containsExactly("GOOD");
  }

  @Test
  void unreadablePositionsChangeNothing() {
    store.putEntry(
        ACCOUNT, TrackedEntry.builder().symbol("OLD").entryTime(minutesAgo(900)).build());
    broker.faults =
        (p, k) -> {
          if (p == Point.POSITIONS) {
            throw new BrokerException("503 unavailable");
          }
        };

    assertThatThrownBy(() -> reconciler(100, 10).reconcile()).isInstanceOf(BrokerException.class);
    assertThat(store.entries(ACCOUNT)).hasSize(1);
  }

  @Test
  void builderNamesWhatIsWrong() {
    assertThatThrownBy(() -> EntryReconciler.builder().store(store).account("a").build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("broker");
    assertThatThrownBy(
            () ->
                EntryReconciler.builder()
                    .broker(broker)
                    .store(store)
                    .clock(clock)
                    .account("a")
                    .pageSize(0)
                    .build())
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("pageSize must be in [1, 1000], was 0");
  }

  /**
   * Property: the walk finds exactly the fill that last took the position from flat (or flipped
   * it).
   */
  @Test
  void walkFindsTheLastOpeningFillOfAnyHistory() {
    qt().withExamples(500)
        .forAll(
            lists().of(integers().between(-5, 4).map(i -> i >= 0 ? i + 1 : i)).ofSizeBetween(1, 40))
        .assuming(deltas -> deltas.stream().mapToInt(Integer::intValue).sum() != 0)
        .checkAssert(
            deltas -> {
              List<Fill> fills = new ArrayList<>();
              int pos = 0;
              int expectedOpening = -1;
              for (int i = 0; i < deltas.size(); i++) {
                int d = deltas.get(i);
                int before = pos;
                pos += d;
                if (pos != 0 && Integer.signum(before) != Integer.signum(pos)) {
                  expectedOpening = i;
                }
                fills.add(
                    Fill.builder()
                        .id("f" + i)
                        .orderId("o" + i)
                        .symbol("X")
                        .side(d > 0 ? OrderSide.BUY : OrderSide.SELL)
                        .qty(BigDecimal.valueOf(Math.abs(d)))
                        .price(BigDecimal.valueOf(10 + i))
                        .timestamp(NOW.plusSeconds(i))
                        .build());
              }
              RunWalk walk = new RunWalk(BigDecimal.valueOf(pos));
              Optional<Fill> found = Optional.empty();
              for (int i = fills.size() - 1; i >= 0; i--) {
                if (walk.accept(fills.get(i))) {
                  found = walk.opening();
                  break;
                }
              }
              assertThat(found).map(Fill::id).contains("f" + expectedOpening);
              assertThat(walk.averagePrice().orElseThrow()).isPositive();
            });
  }
}
