package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.alpaca.fake.Fixtures;
import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TradeUpdatesStreamTest {
  private FakeHarness h;
  private final List<Fill> received = new CopyOnWriteArrayList<>();
  private TradeUpdatesStream stream;
  private final List<Duration> backoffs = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness();
    h.fake.fillTimesFollowClock(true);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (stream != null) {
      stream.close();
    }
    h.close();
  }

  private TradeUpdatesStream start(Consumer<Fill> listener) {
    stream =
        TradeUpdatesStream.builder()
            .config(h.broker.config())
            .rest(h.broker)
            .clock(h.clock)
            .listener(listener)
            .catchUpFrom(Instant.parse("2026-11-01T00:00:00Z"))
            .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
            .handshakeTimeout(Duration.ofSeconds(5))
            .pingInterval(Duration.ofMillis(200))
            .sleeper(backoffs::add) // records the reconnect back-off instead of waiting
            .random(new Random(3))
            .build();
    stream.start();
    await(stream::isConnected, "connected");
    return stream;
  }

  private void buy(String cid, String qty) {
    h.broker.submitOrder(
        OrderRequest.builder()
            .clientOrderId(cid)
            .symbol("AAPL")
            .side(OrderSide.BUY)
            .qty(new BigDecimal(qty))
            .build());
  }

  static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(5); // polling real concurrency with a deadline, not waiting for time to pass
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  @Test
  void authenticatesListensAndDeliversPartialFillsWithPerExecutionQty() {
    start(received::add);
    assertThat(h.fake.authMessages()).hasSize(1);
    assertThat(h.fake.authMessages().get(0))
        .contains("\"action\":\"authenticate\"")
        .contains("\"key_id\"")
        .contains("\"secret_key\"");
    h.fake.fillParts(3);
    buy("s-1", "10");
    await(() -> received.size() == 3, "three executions");
    assertThat(received)
        .extracting(Fill::qty)
        .containsExactly(new BigDecimal("3"), new BigDecimal("3"), new BigDecimal("4"));
    assertThat(received)
        .extracting(Fill::positionQtyAfter)
        .containsExactly(
            java.util.Optional.of(new BigDecimal("3")),
            java.util.Optional.of(new BigDecimal("6")),
            java.util.Optional.of(new BigDecimal("10")));
    // The same executions read over REST carry the same ids.
    assertThat(h.broker.fillsSince(Instant.parse("2026-11-01T00:00:00Z")))
        .extracting(Fill::id)
        .containsExactlyElementsOf(received.stream().map(Fill::id).toList());
    assertThat(received).isSortedAccordingTo(java.util.Comparator.comparing(Fill::timestamp));
  }

  @Test
  void parsesTheRecordedPartialFillEvent() throws Exception {
    start(received::add);
    ObjectNode msg =
        (ObjectNode) new ObjectMapper().readTree(Fixtures.read("trade-update-partial-fill.json"));
    h.fake.publish(msg);
    await(() -> received.size() == 1, "the recorded fill");
    Fill f = received.get(0);
    assertThat(f.id()).isEqualTo("a5be8f5e-fdfa-41f5-a644-7a74fe947a8f@4");
    assertThat(f.qty()).isEqualTo(new BigDecimal("4"));
    assertThat(f.price()).isEqualTo(new BigDecimal("174.5"));
    assertThat(f.timestamp()).isEqualTo(Instant.parse("2022-04-19T17:45:05.024916716Z"));
  }

  @Test
  void duplicatedEventsAreDeliveredOnce() {
    start(received::add);
    h.fake.streamChaos(0, 1.0);
    buy("d-1", "1");
    buy("d-2", "1");
    await(() -> stream.duplicateCount() >= 2, "duplicates seen");
    assertThat(received).hasSize(2);
    assertThat(received).extracting(Fill::id).doesNotHaveDuplicates();
  }

  @Test
  void fillsMissedWhileDisconnectedAreCaughtUpOverRestAfterReconnect() {
    start(received::add);
    long connects = stream.connectCount();
    h.fake.streamChaos(1.0, 0); // every event kills the connection before it is delivered
    buy("m-1", "1");
    // The fake publishes right after answering the POST: wait until it has dropped the connection.
    await(() -> h.fake.streamDrops() + h.fake.streamHalfFrames() >= 1, "the injected disconnect");
    h.fake.streamChaos(0, 0);
    buy("m-2", "2"); // may happen while disconnected: only REST knows
    await(
        () -> received.size() == 2 && stream.connectCount() > connects,
        "both fills after a reconnect");
    assertThat(stream.caughtUpCount()).isGreaterThanOrEqualTo(1);
    assertThat(received)
        .extracting(Fill::qty)
        .containsExactly(new BigDecimal("1"), new BigDecimal("2"));
  }

  @Test
  void aRejectedUpgradeBacksOffAndRetries() {
    h.fake.ws().rejectNextUpgrades(3);
    start(received::add);
    assertThat(h.fake.ws().upgrades()).isEqualTo(1);
    // 1 s doubling with jitter in [0.5, 1): 0.5-1 s, 1-2 s, 2-4 s; never an immediate retry storm.
    assertThat(backoffs).hasSize(3);
    assertThat(backoffs.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(backoffs.get(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(backoffs.get(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    buy("r-1", "1");
    await(() -> received.size() == 1, "the fill");
  }

  @Test
  void aFillTheListenerRejectedIsOfferedAgainAtTheNextCatchUp() {
    AtomicBoolean failOnce = new AtomicBoolean(true);
    // The listener's failure is logged at ERROR: provoked here, so checked rather than printed.
    try (LogCapture logs =
        LogCapture.insteadOfPrinting("dev.rebalance.alpaca.internal.FillDelivery")) {
      start(
          f -> {
            if (failOnce.getAndSet(false)) {
              throw new IllegalStateException("store down");
            }
            received.add(f);
          });
      buy("l-1", "1");
      await(() -> !failOnce.get(), "the failed delivery");
      assertThat(received).isEmpty();
      stream.catchUp();
      assertThat(received).hasSize(1);
      assertThat(logs.lines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("alpaca_fill_listener_failed")
                      .contains("listener_error=IllegalStateException")
                      .contains("java.lang.IllegalStateException: store down"));
    }
  }
}
