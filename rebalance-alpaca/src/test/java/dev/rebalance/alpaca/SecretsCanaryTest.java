package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.alpaca.fake.FakeAlpaca;
import dev.rebalance.alpaca.fake.FakeSleeper;
import dev.rebalance.alpaca.fake.Fault;
import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.alpaca.fake.TestClock;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The keys must never appear in a log line, an exception message or a toString(). */
class SecretsCanaryTest {
  private static final String CANARY_KEY = "PKCANARYKEY0123456789";
  private static final String CANARY_SECRET = "CanarySecret-7f3e9a1b2c4d6e8f0a1b2c3d4e5f6a7b";

  @Test
  void keysNeverLeakIntoLogsMessagesOrToString() throws Exception {
    TestClock clock = new TestClock(Instant.parse("2026-11-03T15:00:00Z"));
    List<String> texts = new ArrayList<>();
    try (LogCapture logs = new LogCapture();
        FakeAlpaca fake = new FakeAlpaca(clock, CANARY_KEY, CANARY_SECRET)) {
      AlpacaConfig config =
          fake.config().requestTimeout(Duration.ofMillis(800)).maxAttempts(2).build();
      texts.add(config.toString());
      AlpacaBroker broker =
          AlpacaBroker.builder()
              .config(config)
              .clock(clock)
              .sleeper(new FakeSleeper(clock))
              .random(new Random(5))
              .build();
      // An error body that echoes the keys back (a proxy, a misbehaving server) is scrubbed.
      fake.stub(
          "GET /v2/account",
          400,
          "{\"code\":40010000,\"message\":\"bad header APCA-API-KEY-ID="
              + CANARY_KEY
              + " secret "
              + CANARY_SECRET
              + "\"}");
      fake.stub("GET /v2/clock", 500, "<html>upstream said " + CANARY_SECRET + "</html>");
      fake.stub("GET /v2/positions", 200, "[{\"symbol\":\"" + CANARY_SECRET + "\",");
      fake.slowDelay(Duration.ofMillis(1500));
      fake.queueFaults("POST /v2/orders", Fault.ACCEPT_THEN_SLOW, Fault.ACCEPT_THEN_DROP);
      fake.queueFaults(
          "GET /v2/orders:by_client_order_id",
          Fault.SERVER_ERROR,
          Fault.SERVER_ERROR,
          Fault.RATE_LIMIT);
      List<Runnable> calls =
          List.of(
              broker::account,
              broker::clock,
              broker::positions,
              () ->
                  broker.submitOrder(
                      OrderRequest.builder()
                          .clientOrderId("c-1")
                          .symbol("AAPL")
                          .side(OrderSide.BUY)
                          .qty(BigDecimal.ONE)
                          .build()),
              () ->
                  broker.submitOrder(
                      OrderRequest.builder()
                          .clientOrderId("c-2")
                          .symbol("AAPL")
                          .side(OrderSide.SELL)
                          .qty(BigDecimal.TEN)
                          .build()));
      int failures = 0;
      for (Runnable call : calls) {
        try {
          call.run();
        } catch (RuntimeException e) {
          failures++;
          for (Throwable t = e; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
            for (Throwable s : t.getSuppressed()) {
              texts.add(String.valueOf(s.getMessage()));
            }
          }
        }
      }
      assertThat(failures).isGreaterThanOrEqualTo(4);
      // A wrong key: the 401 message must not echo what was sent either.
      AlpacaBroker wrong =
          AlpacaBroker.builder()
              .config(fake.config().keyId(CANARY_KEY + "X").secretKey(CANARY_SECRET + "X").build())
              .clock(clock)
              .sleeper(new FakeSleeper(clock))
              .build();
      try {
        wrong.account();
      } catch (AlpacaException e) {
        texts.add(e.getMessage());
        assertThat(e.httpStatus()).hasValue(401);
      }
      // The stream authenticates with the keys; its logs must not show them.
      TradeUpdatesStream stream =
          TradeUpdatesStream.builder()
              .config(config)
              .rest(broker)
              .listener(f -> {})
              .catchUpFrom(Instant.parse("2026-11-01T00:00:00Z"))
              .sleeper(d -> {})
              .build();
      stream.start();
      TradeUpdatesStreamTest.await(stream::isConnected, "stream connected");
      stream.close();
      texts.addAll(logs.lines());
      assertThat(logs.lines()).isNotEmpty();
    }
    assertThat(texts)
        .isNotEmpty()
        .allSatisfy(t -> assertThat(t).doesNotContain(CANARY_KEY).doesNotContain(CANARY_SECRET));
    assertThat(String.join("\n", texts))
        .contains("****"); // the echoed keys were scrubbed, not dropped silently
  }
}
