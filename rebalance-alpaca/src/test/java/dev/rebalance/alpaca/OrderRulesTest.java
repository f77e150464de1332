package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rebalance.alpaca.fake.Fault;
import dev.rebalance.alpaca.internal.WireMapping;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defects 4 and 5 of issue 10: Alpaca's 9 decimal places (its fractional-trading docs), the {@code
 * replaced} and {@code calculated} statuses, the two kinds of 422 on cancel, and a 429 on
 * submission meaning "not placed".
 */
class OrderRulesTest {
  private FakeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  private static OrderRequest qty(String cid, OrderSide side, String qty) {
    return OrderRequest.builder()
        .clientOrderId(cid)
        .symbol("AAPL")
        .side(side)
        .qty(new BigDecimal(qty))
        .build();
  }

  @Test
  void quantitiesAndNotionalsAreSentWithAtMostNineDecimalsRoundedDown() throws Exception {
    Order buy = h.broker.submitOrder(qty("p-1", OrderSide.BUY, "1.1234567899"));
    assertThat(buy.qty()).contains(new BigDecimal("1.123456789"));
    Order sell = h.broker.submitOrder(qty("p-2", OrderSide.SELL, "0.1234567891999"));
    assertThat(sell.qty()).contains(new BigDecimal("0.123456789"));
    Order notional =
        h.broker.submitOrder(
            OrderRequest.builder()
                .clientOrderId("p-3")
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .notional(new BigDecimal("100.0000000009"))
                .build());
    assertThat(
            new ObjectMapper().readTree(h.fake.orders().get(2).toString()).get("notional").asText())
        .isEqualTo("100");
    assertThat(notional.notional()).contains(new BigDecimal("100"));
  }

  @Test
  void aQuantityThatRoundsToZeroIsRefusedWithATypedErrorAndNothingIsSent() {
    assertThatThrownBy(() -> h.broker.submitOrder(qty("z-1", OrderSide.SELL, "0.0000000009")))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("qty 0.0000000009 rounds down to zero at Alpaca's 9 decimal places");
    assertThatThrownBy(
            () ->
                h.broker.submitOrder(
                    OrderRequest.builder()
                        .clientOrderId("z-2")
                        .symbol("AAPL")
                        .side(OrderSide.BUY)
                        .notional(new BigDecimal("1E-10"))
                        .build()))
        .isInstanceOf(InvalidOrderException.class)
        .hasMessageContaining("notional")
        .extracting(e -> ((AlpacaException) e).kind())
        .isEqualTo(BrokerException.Kind.REFUSED);
    assertThat(h.fake.orderPosts()).isZero();
  }

  @Test
  void refusalsAreRefusedAndUnclearAnswersLeaveTheOutcomeUnknown() {
    h.fake.stub(
        "POST /v2/orders",
        403,
        "{\"buying_power\":\"176531.28\",\"code\":40310000,"
            + "\"cost_basis\":\"48640000\",\"message\":\"insufficient buying power\"}");
    assertThatThrownBy(() -> h.broker.submitOrder(qty("k-1", OrderSide.BUY, "1")))
        .isInstanceOf(InsufficientBuyingPowerException.class)
        .extracting(e -> ((AlpacaException) e).kind())
        .isEqualTo(BrokerException.Kind.REFUSED);
    h.fake.stub(
        "GET /v2/clock", 503, "{\"code\":50010000,\"message\":\"internal server error occurred\"}");
    assertThatThrownBy(() -> h.broker.clock())
        .isInstanceOf(AlpacaServerException.class)
        .extracting(e -> ((AlpacaException) e).kind())
        .isEqualTo(BrokerException.Kind.OUTCOME_UNKNOWN);
  }

  @Test
  void replacedIsNotACancelAndCalculatedIsDoneForTheDay() {
    assertThat(WireMapping.status("replaced")).isEqualTo(OrderStatus.OPEN);
    assertThat(WireMapping.status("calculated", new BigDecimal("10"), new BigDecimal("10")))
        .isEqualTo(OrderStatus.FILLED);
    assertThat(WireMapping.status("calculated", new BigDecimal("10"), new BigDecimal("4")))
        .isEqualTo(OrderStatus.EXPIRED);
    assertThat(WireMapping.status("calculated").isDone()).isTrue();
  }

  @Test
  void cancelTellsNotCancelableFromAMalformedId() {
    h.fake.stub(
        "DELETE /v2/orders/done-order",
        422,
        "{\"code\":42210000,\"message\":\"order is not cancelable\"}");
    h.broker.cancelOrder("done-order"); // a no-op
    h.fake.stub(
        "DELETE /v2/orders/bad id", 422, "{\"code\":40010001,\"message\":\"order_id is missing\"}");
    assertThatThrownBy(() -> h.broker.cancelOrder("bad id"))
        .isInstanceOf(AlpacaException.class)
        .hasMessageContaining("HTTP 422 (code 40010001): order_id is missing");
  }

  @Test
  void a429OnSubmissionMeansNotPlacedSoItIsSentAgainWithoutALookup() {
    h.fake.queueFaults("POST /v2/orders", Fault.RATE_LIMIT, Fault.RATE_LIMIT);
    Order o = h.broker.submitOrder(qty("rl-1", OrderSide.BUY, "1"));
    assertThat(o.clientOrderId()).isEqualTo("rl-1");
    assertThat(h.fake.requestsTo("GET /v2/orders:by_client_order_id")).isZero();
    assertThat(h.fake.requestsTo("POST /v2/orders")).isEqualTo(3);
    assertThat(h.fake.ordersPerClientId()).containsEntry("rl-1", 1);
  }

  @Test
  void a429OnEveryAttemptEndsRateLimitedWithoutALookup() {
    h.fake.queueFaults(
        "POST /v2/orders", Fault.RATE_LIMIT, Fault.RATE_LIMIT, Fault.RATE_LIMIT, Fault.RATE_LIMIT);
    assertThatThrownBy(() -> h.broker.submitOrder(qty("rl-2", OrderSide.BUY, "1")))
        .isInstanceOf(RateLimitedException.class)
        .extracting(e -> ((AlpacaException) e).kind())
        .isEqualTo(BrokerException.Kind.TRANSIENT);
    assertThat(h.fake.requestsTo("GET /v2/orders:by_client_order_id")).isZero();
    assertThat(h.fake.ordersPerClientId()).doesNotContainKey("rl-2");
  }
}
