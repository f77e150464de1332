package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.SwapExecutorTest.SimulatedCrash;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.fake.FakeBroker;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.tck.MutableClock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The runtime under crashes: a bot killed between any two steps — a broker call, a store write
 * before or after it lands, a fill of a catch-up — and started again on the same store neither
 * repeats nor loses a fill or a swap. Crashes are {@link SimulatedCrash} errors thrown at random
 * points of the core's fake broker and of a store wrapper; nothing in the runtime catches an Error.
 */
class RebalanceSessionCrashTest {
  static final String ACCOUNT = "crash-1";
  static final Instant T0 = Instant.parse("2025-11-25T15:45:00Z");
  static final List<String> SYMBOLS = List.of("PEP", "TSLA", "KO", "MSFT", "XOM");
  static final Set<String> STORE_WRITES =
      Set.of(
          "applyFill",
          "advanceFillWatermark",
          "putIntent",
          "appendHistory",
          "claimRebalance",
          "putEntry",
          "removeEntry");

  @Test
  void killedBetweenAnyTwoStepsTheBotNeitherRepeatsNorLosesAFillOrASwap() {
    int runs = Integer.getInteger("rebalance.session.crashRuns", 3);
    long first = Long.getLong("rebalance.seed", System.nanoTime());
    for (int i = 0; i < runs; i++) {
      crashRun(first + i);
    }
  }

  private void crashRun(long seed) {
    Random rnd = new Random(seed);
    MutableClock clock = MutableClock.at(T0);
    FakeBroker broker = new FakeBroker(clock).cash("0").hold("PEP", "100", "160");
    broker.enforceUniqueClientIds = false; // a second order with one client id would be real
    broker.historicalFill("PEP", OrderSide.BUY, "100", "160", T0.minus(Duration.ofHours(2)));
    for (String s : SYMBOLS) {
      broker.price(s, String.valueOf(50 + rnd.nextInt(200))).asset(s, s.equals("TSLA"));
    }
    AtomicBoolean faultsOn = new AtomicBoolean(true);
    AtomicInteger crashes = new AtomicInteger();
    broker.faults =
        (point, key) -> {
          if (faultsOn.get() && rnd.nextInt(14) == 0) {
            crashes.incrementAndGet();
            throw new SimulatedCrash("broker " + point);
          }
        };
    InMemoryTrackerStore durable = new InMemoryTrackerStore();
    TrackerStore store = crashing(durable, rnd, faultsOn, crashes);
    Rebalancer rebalancer =
        Rebalancer.of(
            RebalanceConfig.builder()
                .scoreThreshold(new BigDecimal("10"))
                .minHoldTime(Duration.ofMinutes(30))
                .cooldown(Duration.ofMinutes(60))
                .build(),
            clock);

    RebalanceSession session = session(rebalancer, store, broker, clock);
    int scans = 0;
    int restarts = 0;
    while (scans < 150) {
      clock.advance(Duration.ofMinutes(61));
      ScanInput.Builder input = ScanInput.builder();
      SYMBOLS.forEach(s -> input.putScores(s, BigDecimal.valueOf(rnd.nextInt(1000), 1)));
      try {
        session.scan(input.build());
        scans++;
      } catch (SimulatedCrash crash) {
        session = session(rebalancer, store, broker, clock); // the process starts again
        restarts++;
      }
    }
    faultsOn.set(false);
    clock.advance(Duration.ofMinutes(61));
    session = session(rebalancer, store, broker, clock);
    session.start();
    session.scan(ScanInput.of(Map.of()));

    String run = "seed " + seed + ", " + crashes + " crashes, " + restarts + " restarts";
    System.out.println(
        "session crash run: "
            + run
            + ", orders "
            + broker.ordersPlaced()
            + ", swaps "
            + durable.history(ACCOUNT, 10_000, 0).size());
    // No order twice: every client order id landed once.
    assertThat(broker.landedPerClientId().values()).as(run).allMatch(n -> n == 1);
    // Every completed swap recorded exactly once, and nothing else recorded.
    List<RebalanceEvent> history = durable.history(ACCOUNT, 10_000, 0);
    Set<String> ids = new HashSet<>();
    history.forEach(e -> assertThat(ids.add(e.swapId().orElseThrow())).as(run).isTrue());
    long completed =
        durable.openIntents(ACCOUNT).stream()
            .filter(i -> i.status() == SwapStatus.COMPLETED)
            .count();
    assertThat(completed).isZero(); // open intents are never completed ones
    for (String id : ids) {
      assertThat(durable.intent(ACCOUNT, id))
          .as(run)
          .map(SwapIntent::status)
          .contains(SwapStatus.COMPLETED);
    }
    assertThat(history).as(run).isNotEmpty();
    // Every fill counted once: each held position's entry has the broker's quantity.
    for (BrokerPosition p : broker.positions()) {
      TrackedEntry e =
          durable
              .entry(ACCOUNT, p.symbol())
              .orElseThrow(() -> new AssertionError(run + ": no entry for held " + p.symbol()));
      assertThat(e.qty())
          .as(run + " " + p.symbol())
          .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo(p.qty()));
    }
    for (TrackedEntry e : durable.entries(ACCOUNT)) {
      assertThat(broker.qtyOf(e.symbol()))
          .as(run + ": entry for " + e.symbol() + " not held")
          .isPositive();
    }
  }

  static RebalanceSession session(
      Rebalancer rebalancer, TrackerStore store, FakeBroker broker, MutableClock clock) {
    return RebalanceSession.builder()
        .rebalancer(rebalancer)
        .store(store)
        .broker(broker)
        .account(ACCOUNT)
        .sleeper(clock::advance)
        .build();
  }

  /** The store, with a crash before or after some writes (the write then landed or did not). */
  static TrackerStore crashing(
      TrackerStore store, Random rnd, AtomicBoolean on, AtomicInteger crashes) {
    return (TrackerStore)
        Proxy.newProxyInstance(
            TrackerStore.class.getClassLoader(),
            new Class<?>[] {TrackerStore.class},
            (proxy, method, args) -> {
              boolean write = STORE_WRITES.contains(method.getName());
              if (write && on.get() && rnd.nextInt(40) == 0) {
                crashes.incrementAndGet();
                throw new SimulatedCrash("before " + method.getName());
              }
              Object result;
              try {
                result = method.invoke(store, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              if (write && on.get() && rnd.nextInt(40) == 0) {
                crashes.incrementAndGet();
                throw new SimulatedCrash("after " + method.getName());
              }
              return result;
            });
  }
}
