package dev.rebalance.alpaca;

import static dev.rebalance.alpaca.TradeUpdatesStreamTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defects 1 (stream side), 2 and 3 of issue 10: a short-sell fill never stalls the stream, a {@code
 * listen} reply without {@code trade_updates} is a failed connection, and catch-ups run
 * periodically, anchored on the last successful one. Time comes from the test clock; the periodic
 * task is run by hand through a captured scheduler, so nothing waits for time to pass.
 */
class StreamCatchUpTest {
  private FakeHarness h;
  private TradeUpdatesStream stream;
  private final List<Fill> received = new CopyOnWriteArrayList<>();
  private final List<Duration> backoffs = new CopyOnWriteArrayList<>();
  private final ManualScheduler scheduler = new ManualScheduler();

  /** Captures the periodic task instead of running it on a timer. */
  static final class ManualScheduler extends ScheduledThreadPoolExecutor {
    volatile Runnable task;
    volatile long delayMs;

    ManualScheduler() {
      super(1);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(
        Runnable command, long initialDelay, long delay, TimeUnit unit) {
      task = command;
      delayMs = unit.toMillis(delay);
      return super.schedule(() -> {}, 1, TimeUnit.DAYS);
    }
  }

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
    scheduler.shutdownNow();
    h.close();
  }

  private TradeUpdatesStream.Builder builder(Broker rest) {
    return TradeUpdatesStream.builder()
        .config(h.broker.config())
        .rest(rest)
        .clock(h.clock)
        .listener(received::add)
        .catchUpFrom(h.clock.instant())
        .catchUpInterval(Duration.ofSeconds(45))
        .scheduler(scheduler)
        .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
        .handshakeTimeout(Duration.ofSeconds(5))
        .pingInterval(Duration.ofMillis(200))
        .sleeper(backoffs::add)
        .random(new Random(3));
  }

  private void order(String cid, OrderSide side, String qty) {
    h.broker.submitOrder(
        OrderRequest.builder()
            .clientOrderId(cid)
            .symbol("AAPL")
            .side(side)
            .qty(new BigDecimal(qty))
            .build());
  }

  @Test
  void aListenReplyWithoutTradeUpdatesIsAFailedConnectionWithBackOffAndAWarning() {
    h.fake.emptyListenAcks(2);
    try (LogCapture logs = new LogCapture()) {
      stream = builder(h.broker).build();
      stream.start();
      await(stream::isConnected, "connected after the refused listens");
      assertThat(h.fake.emptyListenAcksSent()).isEqualTo(2);
      assertThat(backoffs).hasSize(2);
      assertThat(backoffs.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(stream.connectCount()).isEqualTo(1);
      assertThat(logs.lines())
          .filteredOn(l -> l.startsWith("alpaca_stream_listen_refused"))
          .hasSize(2);
      assertThat(logs.lines())
          .filteredOn(l -> l.startsWith("alpaca_stream_disconnected"))
          .hasSize(2)
          .allSatisfy(l -> assertThat(l).contains("listen acknowledgement without trade_updates"));
    }
    order("after-1", OrderSide.BUY, "1");
    await(() -> received.size() == 1, "a fill once listening");
  }

  @Test
  void aShortSaleFillNeverStallsTheStreamAcrossReconnects() {
    h.fake.shortSelling(true);
    stream = builder(h.broker).build();
    stream.start();
    await(stream::isConnected, "connected");
    order("ss-1", OrderSide.SELL, "3"); // from flat: a sell_short execution
    await(() -> received.size() == 1, "the short sale");
    h.fake.streamChaos(1.0, 0); // the next event drops the connection: only REST has it
    long connects = stream.connectCount();
    order("ss-2", OrderSide.BUY, "3");
    await(() -> h.fake.streamDrops() + h.fake.streamHalfFrames() >= 1, "the injected disconnect");
    h.fake.streamChaos(0, 0);
    await(
        () -> stream.connectCount() > connects && received.size() == 2,
        "the missed fill after a reconnect");
    order("ss-3", OrderSide.BUY, "1");
    await(() -> received.size() == 3, "fills keep coming");
    assertThat(received)
        .extracting(Fill::side)
        .containsExactly(OrderSide.SELL, OrderSide.BUY, OrderSide.BUY);
    assertThat(h.fake.fills())
        .extracting(n -> n.get("side").asText())
        .containsExactly("sell_short", "buy", "buy");
  }

  @Test
  void aPeriodicCatchUpDeliversAFillOnlyRestKnowsWhileConnected() {
    stream = builder(h.broker).build();
    stream.start();
    await(stream::isConnected, "connected");
    assertThat(scheduler.delayMs).isEqualTo(45_000);
    h.fake.publishFills(false); // the socket stays quiet: only the activities endpoint has the fill
    order("q-1", OrderSide.BUY, "2");
    assertThat(received).isEmpty();
    scheduler.task.run();
    assertThat(received).singleElement().extracting(Fill::qty).isEqualTo(new BigDecimal("2"));
    assertThat(stream.caughtUpCount()).isEqualTo(1);
  }

  /** A broker whose {@code fillsSince} records its argument and answers from a script. */
  private static Broker scripted(List<Instant> asked, List<Object> answers) {
    return (Broker)
        Proxy.newProxyInstance(
            Broker.class.getClassLoader(),
            new Class<?>[] {Broker.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("fillsSince")) {
                throw new UnsupportedOperationException(method.getName());
              }
              asked.add((Instant) args[0]);
              Object next = answers.remove(0);
              if (next instanceof RuntimeException e) {
                throw e;
              }
              return next;
            });
  }

  @Test
  void catchUpsStartFromTheLastSuccessfulCatchUpNotFromTheLastFill() {
    List<Instant> asked = new ArrayList<>();
    List<Object> answers = new ArrayList<>();
    Instant t0 = h.clock.instant();
    Fill late =
        Fill.builder()
            .id("o@1")
            .orderId("o")
            .symbol("AAPL")
            .side(OrderSide.BUY)
            .qty(BigDecimal.ONE)
            .price(BigDecimal.TEN)
            .timestamp(t0.plus(Duration.ofHours(2)))
            .build();
    answers.add(List.of(late));
    answers.add(
        new AlpacaServerException(
            "GET /v2/account/activities/FILL", 503, null, null, "unavailable", null));
    answers.add(List.of());
    answers.add(List.of());
    stream = builder(scripted(asked, answers)).catchUpOverlap(Duration.ofMinutes(5)).build();

    stream.catchUp(); // from the first anchor
    h.clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(stream::catchUp).isInstanceOf(AlpacaServerException.class);
    h.clock.advance(Duration.ofMinutes(1));
    stream.catchUp(); // the failure left the anchor at the first catch-up's start
    h.clock.advance(Duration.ofMinutes(1));
    stream.catchUp();

    Instant firstWindow = t0.minus(Duration.ofMinutes(5));
    assertThat(asked)
        .containsExactly(
            firstWindow, // catchUpFrom - overlap
            firstWindow, // not the late fill's time - overlap
            firstWindow, // the failure did not move the anchor
            t0.plus(Duration.ofMinutes(2))
                .minus(Duration.ofMinutes(5))); // the last success - overlap
    assertThat(received).containsExactly(late);
    assertThat(stream.catchUpAnchor()).isEqualTo(t0.plus(Duration.ofMinutes(3)));
  }

  @Test
  void aFailedPeriodicCatchUpIsLoggedAndTheNextOneStillRuns() {
    List<Instant> asked = new ArrayList<>();
    List<Object> answers = new ArrayList<>();
    answers.add(List.of()); // the connect's catch-up
    answers.add(
        new AlpacaServerException(
            "GET /v2/account/activities/FILL", 503, null, null, "unavailable", null));
    answers.add(List.of());
    stream = builder(scripted(asked, answers)).build();
    try (LogCapture logs = new LogCapture()) {
      stream.start();
      await(stream::isConnected, "connected");
      scheduler.task.run();
      scheduler.task.run();
      assertThat(asked).hasSize(3);
      assertThat(logs.lines())
          .filteredOn(l -> l.startsWith("alpaca_stream_catch_up_failed"))
          .singleElement()
          .satisfies(l -> assertThat(l).contains("AlpacaServerException"));
    }
  }
}
