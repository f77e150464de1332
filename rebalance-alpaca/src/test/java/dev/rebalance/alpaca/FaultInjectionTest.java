package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.alpaca.fake.Fault;
import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultInjectionTest {
  private FakeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness(b -> b.requestTimeout(Duration.ofMillis(700)));
    h.fake.slowDelay(Duration.ofMillis(1500));
    h.broker.account(); // warm up the JIT so the short time-out only catches injected slowness
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  private static OrderRequest buy(String cid) {
    return OrderRequest.builder()
        .clientOrderId(cid)
        .symbol("AAPL")
        .side(OrderSide.BUY)
        .qty(new BigDecimal("2"))
        .build();
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {
        "ACCEPT_THEN_DROP",
        "ACCEPT_THEN_SERVER_ERROR",
        "ACCEPT_THEN_SLOW",
        "ACCEPT_THEN_MALFORMED"
      })
  void anAcceptedOrderWhoseAnswerIsLostIsFoundNotResent(Fault fault) {
    h.fake.enforceUniqueClientOrderId(false); // a blind resend would show up as a second order
    h.fake.queueFaults("POST /v2/orders", fault);
    Order o = h.broker.submitOrder(buy("rb-lost-1"));
    assertThat(o.clientOrderId()).isEqualTo("rb-lost-1");
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-lost-1", 1);
    assertThat(h.fake.orderPosts()).isEqualTo(1);
    assertThat(h.fake.injectedFaults().get(fault)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(
      value = Fault.class,
      names = {"DROP", "SERVER_ERROR", "RATE_LIMIT"})
  void anOrderThatNeverArrivedIsResentAfterTheLookupSays404(Fault fault) {
    h.fake.enforceUniqueClientOrderId(false);
    h.fake.queueFaults("POST /v2/orders", fault);
    Order o = h.broker.submitOrder(buy("rb-never-1"));
    assertThat(o.clientOrderId()).isEqualTo("rb-never-1");
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-never-1", 1);
    assertThat(h.fake.orderPosts()).isEqualTo(1); // the faulted POST never reached the order book
  }

  @Test
  void aDuplicateClientOrderIdReturnsTheExistingOrder() {
    Order first = h.broker.submitOrder(buy("rb-dup-1"));
    Order again = h.broker.submitOrder(buy("rb-dup-1"));
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-dup-1", 1);
  }

  @Test
  void whenTheLookupAlsoFailsTheOutcomeIsReportedUnknownAndNothingIsResent() {
    h.fake.enforceUniqueClientOrderId(false);
    h.fake.queueFaults("POST /v2/orders", Fault.ACCEPT_THEN_SERVER_ERROR);
    h.fake.queueFaults(
        "GET /v2/orders:by_client_order_id",
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR);
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-unknown-1")))
        .isInstanceOf(AlpacaException.class)
        .hasMessageContaining("outcome of order with client_order_id rb-unknown-1 is unknown")
        .hasMessageContaining("safe");
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-unknown-1", 1);
    // Retrying later with the same id is safe: it finds the order.
    assertThat(h.broker.submitOrder(buy("rb-unknown-1")).clientOrderId()).isEqualTo("rb-unknown-1");
    assertThat(h.fake.ordersPerClientId()).containsEntry("rb-unknown-1", 1);
  }

  @Test
  void submissionGivesUpAfterMaxAttemptsWithoutDuplicates() {
    h.fake.enforceUniqueClientOrderId(false);
    h.fake.queueFaults(
        "POST /v2/orders",
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR);
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-gone-1")))
        .isInstanceOf(AlpacaServerException.class);
    assertThat(h.fake.ordersPerClientId()).doesNotContainKey("rb-gone-1");
  }

  @Test
  void refusalsAreTypedAndNeverRetried() {
    assertThatThrownBy(
            () ->
                h.broker.submitOrder(
                    OrderRequest.builder()
                        .clientOrderId("rb-s1")
                        .symbol("AAPL")
                        .side(OrderSide.SELL)
                        .qty(new BigDecimal("5"))
                        .build()))
        .isInstanceOfSatisfying(
            InsufficientQtyException.class,
            e -> {
              assertThat(e.httpStatus()).hasValue(403);
              assertThat(e.alpacaCode()).hasValue(40310000L);
              assertThat(e.alpacaMessage())
                  .hasValueSatisfying(
                      m -> assertThat(m).startsWith("insufficient qty available for order"));
              assertThat(e.endpoint()).isEqualTo("POST /v2/orders");
              assertThat(e.isTransient()).isFalse();
            });
    assertThatThrownBy(
            () ->
                h.broker.submitOrder(
                    OrderRequest.builder()
                        .clientOrderId("rb-b1")
                        .symbol("AAPL")
                        .side(OrderSide.BUY)
                        .qty(new BigDecimal("100000"))
                        .build()))
        .isInstanceOf(InsufficientBuyingPowerException.class)
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("insufficient buying power");
    assertThat(h.fake.orderPosts()).isEqualTo(2);
  }

  @Test
  void washTradeAndOtherRefusalsMapFromTheirBodies() {
    h.fake.stub(
        "POST /v2/orders",
        422,
        "{\"code\":42210000,\"message\":\"potential wash trade detected. use complex orders\"}");
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-w1")))
        .isInstanceOf(WashTradeException.class)
        .hasMessageContaining("HTTP 422")
        .hasMessageContaining("42210000");
    h.fake.stub(
        "POST /v2/orders",
        403,
        "{\"code\":40310000,\"message\":\"cannot open a long buy while a short sell order is open\"}");
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-w2")))
        .isInstanceOf(WashTradeException.class);
    h.fake.stub("POST /v2/orders", 422, "{\"code\":40010001,\"message\":\"qty must be integer\"}");
    assertThatThrownBy(() -> h.broker.submitOrder(buy("rb-w3")))
        .isExactlyInstanceOf(AlpacaException.class)
        .hasMessageContaining("qty must be integer");
  }

  @Test
  void readsWaitForTheRateLimitResetThenSucceed() {
    h.fake.queueFaults("GET /v2/account", Fault.RATE_LIMIT, Fault.RATE_LIMIT);
    Instant before = h.clock.instant();
    assertThat(h.broker.account().id()).isNotBlank();
    // Each 429 said "reset in 1-2 s"; the client waited at least until then.
    assertThat(Duration.between(before, h.clock.instant()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(h.sleeper.sleeps()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void rateLimitedSurfacesTheResetTimeWhenAttemptsRunOut() throws Exception {
    try (FakeHarness one = new FakeHarness(b -> b.maxAttempts(1))) {
      one.fake.queueFaults("GET /v2/positions", Fault.RATE_LIMIT);
      assertThatThrownBy(() -> one.broker.positions())
          .isInstanceOfSatisfying(
              RateLimitedException.class,
              e -> {
                assertThat(e.resetAt()).isPresent();
                assertThat(e.resetAt().get()).isAfter(one.clock.instant());
                assertThat(e.alpacaMessage()).contains("rate limit exceeded");
              });
    }
  }

  @Test
  void readsRetryServerErrorsDropsSlownessAndMalformedBodiesWithGrowingBackoff() {
    h.fake.queueFaults(
        "GET /v2/account", Fault.SERVER_ERROR, Fault.DROP, Fault.ACCEPT_THEN_MALFORMED);
    assertThat(h.broker.account().id()).isNotBlank();
    assertThat(h.sleeper.sleeps()).hasSize(3);
    // 500 ms doubling with jitter in [0.5, 1): 250-500, 500-1000, 1000-2000.
    assertThat(h.sleeper.sleeps().get(0)).isBetween(Duration.ofMillis(250), Duration.ofMillis(500));
    assertThat(h.sleeper.sleeps().get(1))
        .isBetween(Duration.ofMillis(500), Duration.ofMillis(1000));
    assertThat(h.sleeper.sleeps().get(2))
        .isBetween(Duration.ofMillis(1000), Duration.ofMillis(2000));
    h.fake.queueFaults("GET /v2/clock", Fault.ACCEPT_THEN_SLOW);
    assertThat(h.broker.clock().isOpen()).isTrue();
  }

  @Test
  void readsGiveUpAfterMaxAttempts() {
    h.fake.queueFaults(
        "GET /v2/account",
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR,
        Fault.SERVER_ERROR);
    assertThatThrownBy(() -> h.broker.account())
        .isInstanceOf(AlpacaServerException.class)
        .hasMessageContaining("GET /v2/account");
    assertThat(h.sleeper.sleeps()).hasSize(3);
  }

  @Test
  void malformedBodyNamesTheEndpointAndTheProblem() throws Exception {
    try (FakeHarness one = new FakeHarness(b -> b.maxAttempts(1))) {
      one.fake.stub("GET /v2/positions", 200, "[{\"symbol\":\"AAPL\",\"qty\":");
      assertThatThrownBy(() -> one.broker.positions())
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("GET /v2/positions")
          .hasMessageContaining("malformed JSON");
      one.fake.stub(
          "GET /v2/clock", 200, "{\"timestamp\":\"2025-06-24T14:15:22-04:00\",\"is_open\":true}");
      assertThatThrownBy(() -> one.broker.clock())
          .isInstanceOf(MalformedResponseException.class)
          .hasMessageContaining("GET /v2/clock")
          .hasMessageContaining("next_open");
      one.fake.stub("GET /v2/account", 503, "<html>Service Unavailable</html>");
      assertThatThrownBy(() -> one.broker.account())
          .isInstanceOf(AlpacaServerException.class)
          .hasMessageContaining("HTTP 503")
          .hasMessageContaining("not quoted")
          .hasMessageNotContaining("Service Unavailable");
    }
  }

  @Test
  void everyRetryIsLoggedWithStableKeys() {
    try (LogCapture logs = new LogCapture()) {
      h.fake.queueFaults("GET /v2/account", Fault.SERVER_ERROR);
      h.broker.account();
      assertThat(logs.lines())
          .anySatisfy(
              l ->
                  assertThat(l)
                      .startsWith("alpaca_request_retry")
                      .contains("endpoint=GET /v2/account")
                      .contains("attempt=1")
                      .contains("delay_ms="));
    }
  }
}
