package dev.rebalance.tck.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.tck.MutableClock;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InMemoryBrokerTest {
  private static final Instant T0 = Instant.parse("2025-11-25T15:00:00Z");
  private final MutableClock clock = MutableClock.at(T0);
  private final InMemoryBroker broker =
      InMemoryBroker.withCash(clock, new BigDecimal("10000"))
          .setPrice("PEP", new BigDecimal("150"))
          .setPrice("TSLA", new BigDecimal("250"))
          .hold("PEP", new BigDecimal("10"), new BigDecimal("140"));

  private static OrderRequest market(String id, String symbol, OrderSide side, String qty) {
    return OrderRequest.builder()
        .clientOrderId(id)
        .symbol(symbol)
        .side(side)
        .qty(new BigDecimal(qty))
        .build();
  }

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  @Test
  @DisplayName("A swap fills at the set prices and moves cash, positions and fills.")
  void swapFillsAtSetPrices() {
    Order sell = broker.submitOrder(market("swap-1-sell", "PEP", OrderSide.SELL, "10"));
    clock.advance(Duration.ofSeconds(5));
    Order buy = broker.submitOrder(market("swap-1-buy", "TSLA", OrderSide.BUY, "4"));

    assertThat(sell.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(sell.filledAvgPrice()).contains(d("150"));
    assertThat(buy.filledAt()).contains(T0.plusSeconds(5));
    assertThat(broker.positions()).extracting(BrokerPosition::symbol).containsExactly("TSLA");
    assertThat(broker.account().cash()).isEqualByComparingTo("10500");
    assertThat(broker.account().equity()).isEqualByComparingTo("11500");
    assertThat(broker.fillsSince(T0))
        .extracting(Fill::symbol, Fill::side, Fill::positionQtyAfter)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PEP", OrderSide.SELL, java.util.Optional.of(d("0"))),
            org.assertj.core.groups.Tuple.tuple(
                "TSLA", OrderSide.BUY, java.util.Optional.of(d("4"))));
    assertThat(broker.fillsSince(T0.plusSeconds(1))).hasSize(1);
  }

  @Test
  @DisplayName("A client order id submitted twice creates one order.")
  void retryNeverCreatesASecondOrder() {
    Order first = broker.submitOrder(market("retry-1", "TSLA", OrderSide.BUY, "1"));
    Order again = broker.submitOrder(market("retry-1", "TSLA", OrderSide.BUY, "1"));
    assertThat(again).isEqualTo(first);
    assertThat(broker.fillsSince(T0)).hasSize(1);
    assertThat(broker.orderByClientId("retry-1")).contains(first);
  }

  @Test
  @DisplayName("Held orders stay open until the test fills them, in parts, or cancels them.")
  void heldOrdersFillWhenTold() {
    broker.holdOrders(true);
    Order open = broker.submitOrder(market("b-1", "TSLA", OrderSide.BUY, "4"));
    assertThat(open.status()).isEqualTo(OrderStatus.OPEN);
    assertThat(broker.fillsSince(T0)).isEmpty();

    broker.setPrice("TSLA", d("240"));
    Order partly = broker.fill(open.id(), d("1"));
    assertThat(partly.status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
    broker.setPrice("TSLA", d("260"));
    Order done = broker.fill(open.id());
    assertThat(done.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(done.filledQty()).isEqualByComparingTo("4");
    assertThat(done.filledAvgPrice().orElseThrow()).isEqualByComparingTo("255");

    Order other = broker.submitOrder(market("b-2", "TSLA", OrderSide.BUY, "1"));
    broker.cancelOrder(other.id());
    assertThat(broker.order(other.id()).map(Order::status)).contains(OrderStatus.CANCELED);
    assertThatThrownBy(() -> broker.fill(other.id()))
        .isInstanceOf(BrokerException.class)
        .hasMessageContaining("CANCELED");
  }

  @Test
  @DisplayName("Selling more than held, or a symbol without a price, is rejected, never filled.")
  void impossibleOrdersAreRejected() {
    assertThat(broker.submitOrder(market("s-1", "PEP", OrderSide.SELL, "11")).status())
        .isEqualTo(OrderStatus.REJECTED);
    assertThat(broker.submitOrder(market("s-2", "KO", OrderSide.BUY, "1")).status())
        .isEqualTo(OrderStatus.REJECTED);
    assertThat(broker.fillsSince(T0)).isEmpty();
    assertThat(broker.position("PEP").map(BrokerPosition::qty)).contains(d("10"));
  }

  @Test
  @DisplayName("A notional order buys whole shares, or 9 decimal places of a fractionable asset.")
  void notionalOrdersRoundDown() {
    OrderRequest.Builder req = OrderRequest.builder().side(OrderSide.BUY).notional(d("1000"));
    Order whole = broker.submitOrder(req.clientOrderId("n-1").symbol("TSLA").build());
    assertThat(whole.filledQty()).isEqualByComparingTo("4");
    broker.setFractionable("PEP");
    Order fraction = broker.submitOrder(req.clientOrderId("n-2").symbol("PEP").build());
    assertThat(fraction.filledQty()).isEqualTo(d("6.666666666"));
  }

  @Test
  @DisplayName("fillsBefore walks back newest first, at most limit, not after until.")
  void fillsBeforeWalksBack() {
    for (int i = 0; i < 5; i++) {
      broker.submitOrder(market("w-" + i, "TSLA", OrderSide.BUY, "1"));
      clock.advance(Duration.ofMinutes(1));
    }
    List<Fill> back = broker.fillsBefore("TSLA", T0.plus(Duration.ofMinutes(3)), 2);
    assertThat(back)
        .extracting(Fill::timestamp)
        .containsExactly(T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(2)));
    assertThat(broker.fillsBefore("PEP", clock.instant(), 10)).isEmpty();
  }

  @Test
  @DisplayName(
      "Whatever buys and sells run, cash plus holdings at cost basis never changes at fixed prices.")
  void cashAndPositionsBalance() {
    qt().withExamples(50)
        .forAll(lists().of(integers().between(-5, 5)).ofSizeBetween(1, 30))
        .checkAssert(
            moves -> {
              InMemoryBroker b =
                  InMemoryBroker.withCash(clock, d("100000")).setPrice("X", d("12.5"));
              int n = 0;
              for (int m : moves) {
                if (m == 0) {
                  continue;
                }
                OrderSide side = m > 0 ? OrderSide.BUY : OrderSide.SELL;
                b.submitOrder(market("q-" + n++, "X", side, String.valueOf(Math.abs(m))));
              }
              assertThat(b.account().equity()).isEqualByComparingTo("100000");
              BigDecimal held = b.position("X").map(BrokerPosition::qty).orElse(BigDecimal.ZERO);
              assertThat(held.signum()).isGreaterThanOrEqualTo(0);
            });
  }
}
