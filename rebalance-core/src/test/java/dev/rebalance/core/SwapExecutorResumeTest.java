package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.Swap;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.ResumeReport;
import dev.rebalance.core.execution.SwapExecutor;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.fake.FakeBroker.Plan;
import dev.rebalance.core.fake.FakeBroker.Point;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.store.JsonFileTrackerStore;
import dev.rebalance.tck.MutableClock;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** A swap interrupted at every step, and many swaps under random faults, all end terminal. */
class SwapExecutorResumeTest {
  static final String ACCOUNT = "acct-1";
  static final Instant T0 = Instant.parse("2025-11-25T15:45:00Z");

  /** Simulates the process dying: nothing in the executor catches an Error. */
  static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
      super("simulated crash at " + where, null, false, false);
    }
  }

  MutableClock clock;
  FakeBroker broker;
  TestStore store;

  @BeforeEach
  void setUp() {
    clock = MutableClock.at(T0);
    broker =
        new FakeBroker(clock)
            .cash("0")
            .hold("PEP", "100", "160")
            .price("PEP", "170.37")
            .asset("PEP", false)
            .price("TSLA", "251.13")
            .asset("TSLA", true);
    store = new TestStore();
  }

  SwapExecutor executor() {
    return SwapExecutor.builder()
        .broker(broker)
        .store(store)
        .account(ACCOUNT)
        .clock(clock)
        .sleeper(clock::advance)
        .cooldown(Duration.ofMinutes(60))
        .build();
  }

  static Decision decision(Instant at, String sell, String qty, String buy) {
    return Decision.builder()
        .decidedAt(at)
        .action(DecisionAction.SWAP)
        .reason(DecisionReason.SWAP)
        .addSwaps(
            Swap.builder()
                .sell(sell)
                .sellQty(new BigDecimal(qty))
                .sellFraction(BigDecimal.ONE)
                .buy(buy)
                .oldScore(new BigDecimal("50"))
                .newScore(new BigDecimal("70"))
                .build())
        .build();
  }

  /** Where the first process dies. */
  enum CrashPoint {
    AFTER_INTENT,
    AFTER_SELL_SENT,
    AFTER_SELL_SUBMITTED_RECORDED,
    AFTER_SELL_FILLED,
    AFTER_BUY_SENT,
    AFTER_BUY_SUBMITTED_RECORDED,
    AFTER_HISTORY_APPENDED
  }

  void arm(CrashPoint point, String swapId) {
    AtomicBoolean fired = new AtomicBoolean();
    BiPredicate<Point, String> when =
        switch (point) {
          case AFTER_INTENT -> (p, k) -> p == Point.POSITION;
          case AFTER_SELL_SENT -> (p, k) -> p == Point.SUBMIT_AFTER && k.equals(swapId + "-s");
          case AFTER_SELL_SUBMITTED_RECORDED -> (p, k) -> p == Point.ORDER;
          case AFTER_SELL_FILLED -> (p, k) -> p == Point.ACCOUNT;
          case AFTER_BUY_SENT -> (p, k) -> p == Point.SUBMIT_AFTER && k.equals(swapId + "-b");
          case AFTER_BUY_SUBMITTED_RECORDED -> (p, k) -> p == Point.ORDER && k.equals("ord-2");
          case AFTER_HISTORY_APPENDED -> (p, k) -> false;
        };
    broker.faults =
        (p, k) -> {
          if (when.test(p, k) && fired.compareAndSet(false, true)) {
            throw new SimulatedCrash(point.toString());
          }
        };
    if (point == CrashPoint.AFTER_HISTORY_APPENDED) {
      store.beforePutIntent =
          i -> {
            if (i.status() == SwapStatus.COMPLETED && fired.compareAndSet(false, true)) {
              throw new SimulatedCrash(point.toString());
            }
          };
    }
  }

  @ParameterizedTest
  @EnumSource(CrashPoint.class)
  void aSwapInterruptedAtAnyStepIsFinishedByANewExecutor(CrashPoint point) {
    Decision d = decision(T0, "PEP", "100", "TSLA");
    String id = SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0));
    arm(point, id);

    assertThatThrownBy(() -> executor().execute(d)).isInstanceOf(SimulatedCrash.class);
    assertThat(store.openIntents(ACCOUNT)).hasSize(1);

    // A new process: a new executor on the same store and broker.
    broker.faults = (p, k) -> {};
    store.beforePutIntent = i -> {};
    ResumeReport report = executor().resume();

    assertThat(report.results()).hasSize(1);
    ExecutionResult r = report.results().get(0);
    assertThat(r.outcome()).as(r.detail()).isEqualTo(ExecutionOutcome.COMPLETED);
    assertThat(report.allTerminal()).isTrue();
    assertThat(store.openIntents(ACCOUNT)).isEmpty();
    assertThat(broker.landedPerClientId())
        .containsEntry(id + "-s", 1)
        .containsEntry(id + "-b", 1)
        .hasSize(2);
    assertThat(broker.duplicateSubmits()).isZero();
    assertThat(store.history(ACCOUNT, 10, 0)).hasSize(1);
    assertThat(broker.qtyOf("PEP")).isZero();
    assertThat(broker.qtyOf("TSLA")).isPositive();
  }

  @ParameterizedTest
  @EnumSource(
      value = CrashPoint.class,
      names = {"AFTER_INTENT", "AFTER_SELL_SENT", "AFTER_SELL_FILLED", "AFTER_BUY_SENT"})
  void aSwapInterruptedOverAJsonFileStoreIsFinishedAfterReopeningIt(
      CrashPoint point, @TempDir Path dir) {
    Path file = dir.resolve("tracker.json");
    Decision d = decision(T0, "PEP", "100", "TSLA");
    String id = SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0));
    arm(point, id);
    try (JsonFileTrackerStore first = JsonFileTrackerStore.open(file)) {
      SwapExecutor dying = executorOn(first);
      assertThatThrownBy(() -> dying.execute(d)).isInstanceOf(SimulatedCrash.class);
    }
    broker.faults = (p, k) -> {};

    try (JsonFileTrackerStore reopened = JsonFileTrackerStore.open(file)) {
      assertThat(reopened.openIntents(ACCOUNT)).hasSize(1);
      ResumeReport report = executorOn(reopened).resume();

      assertThat(report.completed()).as(report.toString()).isEqualTo(1);
      assertThat(reopened.openIntents(ACCOUNT)).isEmpty();
      assertThat(reopened.history(ACCOUNT, 10, 0)).hasSize(1);
      assertThat(reopened.lastRebalance(ACCOUNT)).contains(T0);
    }
    assertThat(broker.landedPerClientId())
        .containsEntry(id + "-s", 1)
        .containsEntry(id + "-b", 1)
        .hasSize(2);
  }

  SwapExecutor executorOn(TrackerStore s) {
    return SwapExecutor.builder()
        .broker(broker)
        .store(s)
        .account(ACCOUNT)
        .clock(clock)
        .sleeper(clock::advance)
        .cooldown(Duration.ofMinutes(60))
        .build();
  }

  @Test
  void aStaleIntentWhoseSaleWasNeverSentFailsWithNothingTraded() {
    Decision d = decision(T0, "PEP", "100", "TSLA");
    arm(CrashPoint.AFTER_INTENT, "");
    assertThatThrownBy(() -> executor().execute(d)).isInstanceOf(SimulatedCrash.class);

    broker.faults = (p, k) -> {};
    clock.advance(Duration.ofHours(3));
    ResumeReport report = executor().resume();

    assertThat(report.failed()).isEqualTo(1);
    assertThat(report.results().get(0).detail())
        .contains("no sell order was sent before the restart")
        .contains("nothing was traded");
    assertThat(broker.ordersPlaced()).isZero();
  }

  @Test
  void aStaleIntentWhoseSaleWasSentIsStillFinished() {
    Decision d = decision(T0, "PEP", "100", "TSLA");
    String id = SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0));
    arm(CrashPoint.AFTER_SELL_SENT, id);
    assertThatThrownBy(() -> executor().execute(d)).isInstanceOf(SimulatedCrash.class);

    broker.faults = (p, k) -> {};
    clock.advance(Duration.ofHours(3));
    ResumeReport report = executor().resume();

    assertThat(report.completed()).isEqualTo(1);
    assertThat(broker.landedPerClientId()).containsEntry(id + "-s", 1);
  }

  @Test
  void resumeWhileTheMarketIsClosedSendsNothingAndReportsPending() {
    Decision d = decision(T0, "PEP", "100", "TSLA");
    String id = SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0));
    arm(CrashPoint.AFTER_SELL_FILLED, id);
    assertThatThrownBy(() -> executor().execute(d)).isInstanceOf(SimulatedCrash.class);
    broker.faults = (p, k) -> {};
    broker.marketOpen(false);

    ResumeReport report = executor().resume();

    assertThat(report.pending()).isEqualTo(1);
    assertThat(report.results().get(0).detail())
        .contains("market is closed")
        .contains("SELL_FILLED");
    assertThat(broker.ordersPlaced()).isEqualTo(1);
    assertThat(executor().status())
        .extracting(SwapIntent::status)
        .containsExactly(SwapStatus.SELL_FILLED);

    broker.marketOpen(true);
    assertThat(executor().resume().completed()).isEqualTo(1);
  }

  @Test
  void resumeWithNothingOpenReportsNothing() {
    assertThat(executor().resume().results()).isEmpty();
  }

  // ---- randomized: many swaps, random faults, crashes and restarts ------------------------------

  @Test
  void randomFaultsNeverDuplicateAnOrderAndEveryIntentEndsTerminal() {
    Logger root = (Logger) LoggerFactory.getLogger("dev.rebalance");
    Level before = root.getLevel();
    root.setLevel(Level.ERROR);
    try {
      long seed = Long.getLong("rebalance.seed", 20251125L);
      runRandom(seed, 500);
    } finally {
      root.setLevel(before);
    }
  }

  private void runRandom(long seed, int swaps) {
    Random rnd = new Random(seed);
    String[] sells = {"AAA", "BBB", "CCC", "DDD", "EEE", "FFF"};
    String[] buys = {"UUU", "VVV", "WWW", "XXX", "YYY"};
    broker = new FakeBroker(clock).cash("0");
    broker.enforceUniqueClientIds =
        false; // a naive broker: a resent id would make a real second order
    for (String s : sells) {
      broker
          .hold(s, "100000", "50")
          .price(s, String.valueOf(20 + rnd.nextInt(200)))
          .asset(s, rnd.nextBoolean());
    }
    for (String b : buys) {
      broker.price(b, String.valueOf(5 + rnd.nextInt(400))).asset(b, rnd.nextBoolean());
    }
    Map<Point, AtomicInteger> injected = new EnumMap<>(Point.class);
    AtomicInteger crashes = new AtomicInteger();
    AtomicBoolean faultsOn = new AtomicBoolean(true);
    broker.faults =
        (p, k) -> {
          if (!faultsOn.get() || p == Point.CLOCK) {
            return;
          }
          double x = rnd.nextDouble();
          if (x < 0.01) {
            crashes.incrementAndGet();
            throw new SimulatedCrash(p + " " + k);
          }
          if (x < 0.09) {
            injected.computeIfAbsent(p, q -> new AtomicInteger()).incrementAndGet();
            throw new BrokerException(
                p == Point.SUBMIT_AFTER ? "timed out after accept" : "503 unavailable");
          }
        };
    broker.planner =
        r -> {
          double x = rnd.nextDouble();
          if (x < 0.06) {
            return Plan.rejectSync("insufficient qty or buying power");
          }
          if (x < 0.10) {
            return Plan.rejectAsync("");
          }
          if (x < 0.18) {
            return Plan.partialThenCancel(rnd.nextBoolean() ? "0.5" : "0.25");
          }
          if (x < 0.22) {
            return Plan.partialThenExpire("0");
          }
          if (x < 0.26) {
            return Plan.stayOpen(rnd.nextBoolean() ? "0" : "0.3");
          }
          return Plan.fillAfter(1 + rnd.nextInt(4));
        };

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < swaps; i++) {
      clock.advance(Duration.ofMinutes(61));
      String sell = sells[rnd.nextInt(sells.length)];
      String buy = buys[rnd.nextInt(buys.length)];
      Decision d = decision(clock.instant(), sell, String.valueOf(1 + rnd.nextInt(50)), buy);
      ids.add(SwapExecutor.swapId(ACCOUNT, d, d.swaps().get(0)));
      try {
        executor().execute(d);
      } catch (SimulatedCrash crash) {
        // the process died; the next one resumes below
      }
      if (rnd.nextInt(3) == 0) {
        restart(); // sometimes the resume itself runs while faults still happen
      }
    }
    faultsOn.set(false);
    broker.settleAll();
    for (int round = 0; round < 3 && !store.openIntents(ACCOUNT).isEmpty(); round++) {
      restart();
    }

    int totalInjected = injected.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.printf(
        "random executor run: seed=%d swaps=%d injected broker faults=%d %s crashes=%d orders=%d%n",
        seed, swaps, totalInjected, injected, crashes.get(), broker.ordersPlaced());
    assertThat(totalInjected).as("faults were really injected").isGreaterThan(swaps);
    assertThat(crashes.get()).as("crashes were really injected").isPositive();

    // Zero duplicate orders: no client order id ever reached the broker twice.
    assertThat(broker.duplicateSubmits()).isZero();
    assertThat(broker.landedPerClientId().values()).allMatch(n -> n == 1);
    // Every intent terminal, and its orders and history consistent with its status.
    assertThat(store.openIntents(ACCOUNT)).isEmpty();
    List<SwapIntent> all = store.allIntents(ACCOUNT);
    assertThat(all).hasSize(swaps);
    long completed = 0;
    for (SwapIntent it : all) {
      assertThat(it.status().isTerminal()).isTrue();
      assertThat(it.detail()).isPresent();
      boolean sold = broker.orderFor(it.id() + "-s").isPresent();
      boolean bought = broker.orderFor(it.id() + "-b").isPresent();
      if (it.status() == SwapStatus.COMPLETED) {
        completed++;
        assertThat(sold && bought).as(it.toString()).isTrue();
        assertThat(it.sellFilledQty().orElseThrow())
            .isEqualByComparingTo(broker.orderFor(it.id() + "-s").orElseThrow().filledQty());
        assertThat(it.buyFilledQty().orElseThrow())
            .isEqualByComparingTo(broker.orderFor(it.id() + "-b").orElseThrow().filledQty());
      } else if (bought) {
        // a failed swap may only have a buy order that filled nothing
        assertThat(broker.orderFor(it.id() + "-b").orElseThrow().filledQty().signum())
            .as(it.toString())
            .isZero();
      }
      if (it.sellFilledQty().isPresent()) {
        assertThat(sold).isTrue();
      }
    }
    assertThat(ids).containsExactlyInAnyOrderElementsOf(all.stream().map(SwapIntent::id).toList());
    assertThat(store.history(ACCOUNT, Integer.MAX_VALUE, 0)).hasSize((int) completed);
    assertThat(completed).as("most swaps complete despite the faults").isGreaterThan(swaps / 3);
    // Sold shares and bought shares match the broker's own fills exactly.
    for (var o : broker.allOrders()) {
      assertThat(
              o.side() == OrderSide.SELL
                  ? o.clientOrderId().endsWith("-s")
                  : o.clientOrderId().endsWith("-b"))
          .isTrue();
    }
  }

  private void restart() {
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        executor().resume();
        return;
      } catch (SimulatedCrash crash) {
        // died again while resuming; try once more
      }
    }
  }
}
