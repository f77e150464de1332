package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.alpaca.fake.Fault;
import dev.rebalance.alpaca.internal.WireMapping;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.core.tracking.FillOutcome;
import dev.rebalance.core.tracking.PositionTracker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * At least 1,000 injected faults in one run (REST: 429 bursts, 5xx, dropped and cut-off answers,
 * answers after the time-out, malformed bodies, slow answers; stream: disconnects before and in the
 * middle of a fill, duplicated events, {@code listen} acknowledgements without {@code
 * trade_updates}; short-sell fills on a margin account), and still: zero duplicate orders, zero
 * lost or double-counted fills, and every tracked entry time equal to the time of the fill that
 * opened the position from flat.
 */
class ChaosTest {
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "PEP", "TSLA");

  /** Only ever sold short: its fills carry Alpaca's execution side {@code sell_short}. */
  private static final String SHORTED = "SHRT";

  @Test
  void thousandFaultsNoDuplicateOrdersNoLostOrDoubleCountedFillsExactEntryTimes() throws Exception {
    List<Fault> kinds = new ArrayList<>();
    for (Fault f : Fault.values()) {
      int weight = f == Fault.ACCEPT_THEN_SLOW ? 1 : f == Fault.SLOW_OK || f == Fault.DROP ? 2 : 3;
      for (int i = 0; i < weight; i++) {
        kinds.add(f);
      }
    }
    try (FakeHarness h =
        new FakeHarness(b -> b.requestTimeout(Duration.ofMillis(1000)).maxAttempts(6))) {
      h.fake.fillTimesFollowClock(true);
      h.fake.slowDelay(Duration.ofMillis(1200));
      h.fake.enforceUniqueClientOrderId(false); // only the client's discipline prevents duplicates
      h.fake.fillParts(2);
      // Warm up the JIT with a patient client so the short time-out mostly catches injected
      // slowness.
      AlpacaBroker.builder()
          .config(h.fake.config().requestTimeout(Duration.ofSeconds(30)).build())
          .build()
          .account();
      InMemoryTrackerStore store = new InMemoryTrackerStore();
      PositionTracker tracker = PositionTracker.create(store, "paper");
      List<Fill> delivered = new CopyOnWriteArrayList<>();
      Map<FillOutcome, Integer> outcomes = new EnumMap<>(FillOutcome.class);
      Map<FillOutcome, Integer> shortOutcomes = new EnumMap<>(FillOutcome.class);
      h.fake.shortSelling(
          true); // a margin account: a sell from flat opens a short (FILL side sell_short)
      h.fake.price(SHORTED, "20.00");
      List<Duration> reconnectWaits = new CopyOnWriteArrayList<>();
      TradeUpdatesStream stream =
          TradeUpdatesStream.builder()
              .config(h.broker.config())
              .rest(h.broker)
              .clock(h.clock)
              .listener(
                  f -> {
                    delivered.add(f);
                    synchronized (outcomes) {
                      (f.symbol().equals(SHORTED) ? shortOutcomes : outcomes)
                          .merge(tracker.onFill(f), 1, Integer::sum);
                    }
                  })
              .catchUpFrom(Instant.parse("2026-11-01T00:00:00Z"))
              .catchUpOverlap(Duration.ZERO)
              .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
              .handshakeTimeout(Duration.ofSeconds(5))
              .pingInterval(Duration.ofMillis(200))
              .sleeper(reconnectWaits::add)
              .random(new Random(9))
              .build();
      stream.start();
      TradeUpdatesStreamTest.await(stream::isConnected, "stream connected");

      h.fake.chaos(0.5, kinds);
      h.fake.streamChaos(0.12, 0.25);
      Random rnd = new Random(42);
      int orders = 0;
      int unknownOutcomes = 0;
      int refusals = 0;
      Set<String> submitted = new HashSet<>();
      while (h.fake.totalRestFaults()
              + h.fake.streamDrops()
              + h.fake.streamHalfFrames()
              + h.fake.streamDuplicates()
              + h.fake.emptyListenAcksSent()
          < 1_000) {
        if (orders % 40 == 0) {
          h.fake.emptyListenAcks(1); // the next reconnect is acknowledged without trade_updates
        }
        boolean shortSale = orders % 10 == 5;
        String symbol = shortSale ? SHORTED : SYMBOLS.get(rnd.nextInt(SYMBOLS.size()));
        BigDecimal held = h.fake.positionQty(symbol);
        boolean sell = shortSale || (held.signum() > 0 && rnd.nextInt(3) == 0);
        BigDecimal qty =
            shortSale
                ? BigDecimal.ONE
                : sell
                    ? (rnd.nextBoolean()
                        ? held
                        : held.divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN)
                            .max(BigDecimal.ONE))
                    : BigDecimal.valueOf(2 + rnd.nextInt(5));
        String cid = "chaos-" + orders++;
        OrderRequest req =
            OrderRequest.builder()
                .clientOrderId(cid)
                .symbol(symbol)
                .side(sell ? OrderSide.SELL : OrderSide.BUY)
                .qty(qty)
                .build();
        submitted.add(cid);
        for (int attempt = 0; ; attempt++) {
          try {
            assertThat(h.broker.submitOrder(req).clientOrderId()).isEqualTo(cid);
            break;
          } catch (AlpacaException e) {
            // What a swap executor does: the outcome is unknown or the attempts ran out, so it
            // tries again later with the same client order id.
            if (e.isTransient() || e.getMessage().contains("is unknown")) {
              unknownOutcomes++;
              assertThat(attempt).as("attempts for %s", cid).isLessThan(50);
              continue;
            }
            throw e;
          }
        }
      }
      h.fake.chaos(0, List.of());
      h.fake.streamChaos(0, 0);

      // Wait for the stream (and its catch-ups) to have every execution the fake made.
      Set<String> truth = new HashSet<>();
      for (ObjectNode a : h.fake.fills()) {
        truth.add(
            WireMapping.fillId(
                a.get("order_id").asText(), new BigDecimal(a.get("cum_qty").asText())));
      }
      TradeUpdatesStreamTest.await(
          () -> {
            if (delivered.size() < truth.size()) {
              stream
                  .catchUp(); // the watchdog a bot runs: a quiet socket may hide a last missed fill
            }
            return delivered.size() >= truth.size();
          },
          "every fill delivered");
      stream.close();

      Map<Fault, Integer> restFaults = h.fake.injectedFaults();
      int totalFaults =
          h.fake.totalRestFaults()
              + h.fake.streamDrops()
              + h.fake.streamHalfFrames()
              + h.fake.streamDuplicates()
              + h.fake.emptyListenAcksSent();
      System.out.printf(
          "chaos: %d orders, %d REST requests, REST faults %s (total %d), stream disconnects before a fill %d, "
              + "mid-fill %d, duplicated events %d, empty listen acks %d, short-sell fills %d, total faults %d; "
              + "client retried unknown outcomes %d times; %d fills (%d via REST catch-up, %d duplicates dropped), "
              + "%d reconnects; duplicate orders %d, lost fills %d, double fills %d%n",
          orders,
          h.fake.requests(),
          restFaults,
          h.fake.totalRestFaults(),
          h.fake.streamDrops(),
          h.fake.streamHalfFrames(),
          h.fake.streamDuplicates(),
          h.fake.emptyListenAcksSent(),
          h.fake.shortSellFills(),
          totalFaults,
          unknownOutcomes,
          delivered.size(),
          stream.caughtUpCount(),
          stream.duplicateCount(),
          stream.connectCount() - 1,
          h.fake.ordersPerClientId().values().stream().mapToInt(n -> n - 1).sum(),
          truth.stream().filter(id -> delivered.stream().noneMatch(f -> f.id().equals(id))).count(),
          delivered.size() - delivered.stream().map(Fill::id).distinct().count());

      assertThat(totalFaults).isGreaterThanOrEqualTo(1_000);
      assertThat(restFaults.values())
          .allSatisfy(n -> assertThat(n).isPositive()); // every kind was injected
      assertThat(h.fake.streamDrops() + h.fake.streamHalfFrames()).isPositive();
      assertThat(h.fake.streamDuplicates()).isPositive();
      assertThat(h.fake.emptyListenAcksSent()).isPositive();
      assertThat(h.fake.shortSellFills()).isPositive();
      assertThat(delivered)
          .filteredOn(f -> f.symbol().equals(SHORTED))
          .hasSize(
              (int)
                  h.fake.fills().stream()
                      .filter(a -> a.get("symbol").asText().equals(SHORTED))
                      .count())
          .allSatisfy(f -> assertThat(f.side()).isEqualTo(OrderSide.SELL));
      // Zero duplicate orders, and every order placed exactly once.
      Map<String, Integer> perCid = h.fake.ordersPerClientId();
      assertThat(perCid.keySet()).containsExactlyInAnyOrderElementsOf(submitted);
      assertThat(perCid.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
      // Zero lost or double-counted fills.
      List<String> ids = delivered.stream().map(Fill::id).toList();
      assertThat(ids).doesNotHaveDuplicates();
      assertThat(new HashSet<>(ids)).isEqualTo(truth);
      assertThat(outcomes)
          .doesNotContainKeys(
              FillOutcome.DUPLICATE,
              FillOutcome.IGNORED_NOT_FROM_FLAT,
              FillOutcome.IGNORED_UNTRACKED_SELL);
      // Every tracked entry: quantity as held, entry time = the fill that opened it from flat.
      Map<String, Instant> opened = openingFillTimes(h.fake.fills());
      for (String symbol : SYMBOLS) {
        BigDecimal held = h.fake.positionQty(symbol);
        var entry = store.entry("paper", symbol);
        if (held.signum() == 0) {
          assertThat(entry).as(symbol).isEmpty();
        } else {
          assertThat(entry).as(symbol).isPresent();
          TrackedEntry e = entry.get();
          assertThat(e.entryTime()).as(symbol).isEqualTo(opened.get(symbol));
          assertThat(e.qty())
              .as(symbol)
              .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo(held));
        }
      }
      assertThat(reconnectWaits)
          .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    }
  }

  /**
   * Replays the fake's executions in time order: per symbol, the time of the fill that opened the
   * current position.
   */
  private static Map<String, Instant> openingFillTimes(List<ObjectNode> fills) {
    List<ObjectNode> sorted = new ArrayList<>(fills);
    sorted.sort(
        (a, b) ->
            Instant.parse(a.get("transaction_time").asText())
                .compareTo(Instant.parse(b.get("transaction_time").asText())));
    Map<String, BigDecimal> qty = new HashMap<>();
    Map<String, Instant> opened = new HashMap<>();
    for (ObjectNode a : sorted) {
      String s = a.get("symbol").asText();
      BigDecimal q = new BigDecimal(a.get("qty").asText());
      BigDecimal before = qty.getOrDefault(s, BigDecimal.ZERO);
      BigDecimal after = a.get("side").asText().equals("buy") ? before.add(q) : before.subtract(q);
      if (before.signum() == 0 && after.signum() > 0) {
        opened.put(s, Instant.parse(a.get("transaction_time").asText()));
      }
      if (after.signum() == 0) {
        opened.remove(s);
      }
      qty.put(s, after);
    }
    return opened;
  }
}
