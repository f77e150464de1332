package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.alpaca.fake.Fixtures;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.MarketClock;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlpacaBrokerTest {
  private FakeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  @Test
  void readsTheRecordedAccountWithDecimalsExact() {
    h.fake.stub("GET /v2/account", 200, Fixtures.read("account.json"));
    AccountSnapshot a = h.broker.account();
    assertThat(a.id()).isEqualTo("e6fe16f3-64a4-4921-8928-cadf02f92f98");
    assertThat(a.cash()).isEqualByComparingTo("122086.5");
    assertThat(a.equity()).isEqualTo(new BigDecimal("123346.11"));
    assertThat(a.buyingPower()).isEqualTo(new BigDecimal("245432.61"));
    assertThat(a.tradingAllowed()).isTrue();
  }

  @Test
  void accountStillReadsWithTheRetiredPdtFieldsAndHonoursTradingBlocked() {
    h.fake.stub("GET /v2/account", 200, Fixtures.read("account-with-pdt-fields.json"));
    assertThat(h.broker.account().tradingAllowed()).isFalse();
  }

  @Test
  void accountMissingARequiredFieldNamesIt() {
    h.fake.stub("GET /v2/account", 200, "{\"id\":\"x\",\"cash\":\"1\",\"equity\":\"2\"}");
    assertThatThrownBy(() -> h.broker.account())
        .isInstanceOf(MalformedResponseException.class)
        .hasMessageContaining("GET /v2/account")
        .hasMessageContaining("buying_power");
  }

  @Test
  void readsRecordedPositionsIncludingFractionalNumbersAndDottedSymbols() {
    h.fake.stub("GET /v2/positions", 200, Fixtures.read("positions.json"));
    List<BrokerPosition> ps = h.broker.positions();
    assertThat(ps).extracting(BrokerPosition::symbol).containsExactly("AAPL", "BRK.B");
    BrokerPosition aapl = ps.get(0);
    assertThat(aapl.qty()).isEqualTo(new BigDecimal("2"));
    assertThat(aapl.avgEntryPrice()).isEqualTo(new BigDecimal("174.78"));
    assertThat(aapl.currentPrice()).contains(new BigDecimal("174.29"));
    assertThat(aapl.unrealizedPlPct()).contains(new BigDecimal("-0.0028035244307129"));
    assertThat(ps.get(1).qty()).isEqualTo(new BigDecimal("0.123456789"));
    assertThat(ps.get(1).qtyAvailable()).isEqualTo(new BigDecimal("0"));
  }

  @Test
  void positionNotHeldIsEmptyAndHeldIsRead() {
    h.fake.position("AAPL", "3", "170");
    assertThat(h.broker.position("MSFT")).isEmpty();
    assertThat(h.broker.position("AAPL")).map(BrokerPosition::qty).contains(new BigDecimal("3"));
  }

  @Test
  void submitsAMarketDayOrderAndReadsItBack() {
    Order o =
        h.broker.submitOrder(
            OrderRequest.builder()
                .clientOrderId("rb-1-buy")
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .qty(new BigDecimal("2.500000000"))
                .build());
    assertThat(o.clientOrderId()).isEqualTo("rb-1-buy");
    assertThat(o.status()).isEqualTo(OrderStatus.OPEN);
    assertThat(o.qty()).contains(new BigDecimal("2.5"));
    assertThat(h.broker.order(o.id())).map(Order::status).contains(OrderStatus.FILLED);
    Order byCid = h.broker.orderByClientId("rb-1-buy").orElseThrow();
    assertThat(byCid.id()).isEqualTo(o.id());
    assertThat(byCid.filledQty()).isEqualByComparingTo("2.5");
    assertThat(byCid.filledAvgPrice())
        .map(BigDecimal::stripTrailingZeros)
        .contains(new BigDecimal("174.29"));
    assertThat(h.broker.orderByClientId("nope")).isEmpty();
    assertThat(h.broker.order("00000000-0000-0000-0000-000000000000")).isEmpty();
    assertThat(h.fake.positionQty("AAPL")).isEqualByComparingTo("2.5");
  }

  @Test
  void notionalOrdersAreSentAsNotional() {
    Order o =
        h.broker.submitOrder(
            OrderRequest.builder()
                .clientOrderId("rb-2-buy")
                .symbol("AAPL")
                .side(OrderSide.BUY)
                .notional(new BigDecimal("500"))
                .build());
    assertThat(o.notional()).contains(new BigDecimal("500"));
    assertThat(o.qty()).isEmpty();
  }

  @Test
  void readsRecordedOrdersWithOffsetsAndStatuses() {
    h.fake.stub(
        "GET /v2/orders/7b08df51-c1ac-453c-99f9-323a5f075f0d",
        200,
        Fixtures.read("order-accepted.json"));
    h.fake.stub(
        "GET /v2/orders/a5be8f5e-fdfa-41f5-a644-7a74fe947a8f",
        200,
        Fixtures.read("order-filled-offset.json"));
    Order accepted = h.broker.order("7b08df51-c1ac-453c-99f9-323a5f075f0d").orElseThrow();
    assertThat(accepted.status()).isEqualTo(OrderStatus.OPEN);
    assertThat(accepted.side()).isEqualTo(OrderSide.SELL);
    assertThat(accepted.submittedAt()).isEqualTo(Instant.parse("2023-12-12T22:31:24.577215743Z"));
    Order filled = h.broker.order("a5be8f5e-fdfa-41f5-a644-7a74fe947a8f").orElseThrow();
    assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(filled.submittedAt()).isEqualTo(Instant.parse("2022-04-19T17:45:04.981350886Z"));
    assertThat(filled.filledAt()).contains(Instant.parse("2022-04-19T17:45:05.024916716Z"));
    assertThat(filled.notional()).contains(new BigDecimal("500"));
    assertThat(filled.filledQty()).isEqualTo(new BigDecimal("2.862356125"));
  }

  @Test
  void closesPositionsByQtyAndPercentage() {
    h.fake.position("AAPL", "10", "170");
    Order byQty = h.broker.closePosition("AAPL", new BigDecimal("4"));
    assertThat(byQty.side()).isEqualTo(OrderSide.SELL);
    assertThat(byQty.qty()).contains(new BigDecimal("4"));
    assertThat(h.fake.positionQty("AAPL")).isEqualByComparingTo("6");
    h.broker.closePositionPercentage("AAPL", new BigDecimal("50"));
    assertThat(h.fake.positionQty("AAPL")).isEqualByComparingTo("3");
    h.broker.closePosition("AAPL");
    assertThat(h.broker.position("AAPL")).isEmpty();
    assertThatThrownBy(() -> h.broker.closePosition("AAPL"))
        .isInstanceOf(AlpacaNotFoundException.class)
        .hasMessageContaining("DELETE /v2/positions/{symbol}")
        .hasMessageContaining("404")
        .hasMessageContaining("position does not exist");
    assertThatThrownBy(() -> h.broker.closePositionPercentage("AAPL", new BigDecimal("101")))
        .hasMessageContaining("percentage must be in (0, 100]");
  }

  @Test
  void cancelIsANoOpForDoneOrUnknownOrders() {
    h.fake.autoFill(false);
    Order o =
        h.broker.submitOrder(
            OrderRequest.builder()
                .clientOrderId("rb-3")
                .symbol("MSFT")
                .side(OrderSide.BUY)
                .qty(BigDecimal.ONE)
                .build());
    h.broker.cancelOrder(o.id());
    assertThat(h.broker.order(o.id())).map(Order::status).contains(OrderStatus.CANCELED);
    h.broker.cancelOrder(o.id()); // 422 not cancelable
    h.broker.cancelOrder("00000000-0000-0000-0000-000000000000"); // 404
  }

  @Test
  void readsRecordedFillActivitiesWithTheSharedFillId() {
    h.fake.stub("GET /v2/account/activities/FILL", 200, Fixtures.read("activities-fill.json"));
    List<Fill> fills = h.broker.fillsSince(Instant.parse("2022-02-01T00:00:00Z"));
    assertThat(fills).hasSize(1);
    Fill f = fills.get(0);
    assertThat(f.id()).isEqualTo("b5abe576-6a8a-49f3-a353-46b72c1ccae9@2");
    assertThat(f.timestamp()).isEqualTo(Instant.parse("2022-02-02T18:55:09.981482Z"));
    assertThat(f.price()).isEqualTo(new BigDecimal("174.78"));
    assertThat(f.side()).isEqualTo(OrderSide.BUY);
    assertThat(h.broker.fillsSince(Instant.parse("2022-02-03T00:00:00Z"))).isEmpty();
  }

  @Test
  void pagesThroughFillsBothWays() {
    h.fake.fillParts(3);
    for (int i = 0; i < 90; i++) {
      h.broker.submitOrder(
          OrderRequest.builder()
              .clientOrderId("p-" + i)
              .symbol(i % 2 == 0 ? "AAPL" : "MSFT")
              .side(OrderSide.BUY)
              .qty(new BigDecimal("3"))
              .build());
    }
    List<Fill> all = h.broker.fillsSince(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(all).hasSize(270);
    assertThat(all).extracting(Fill::id).doesNotHaveDuplicates();
    assertThat(all).isSortedAccordingTo(java.util.Comparator.comparing(Fill::timestamp));
    Instant mid = all.get(150).timestamp();
    assertThat(h.broker.fillsSince(mid)).hasSize(120).first().isEqualTo(all.get(150));
    List<Fill> back = h.broker.fillsBefore("AAPL", mid, 500);
    assertThat(back).allMatch(f -> f.symbol().equals("AAPL") && !f.timestamp().isAfter(mid));
    assertThat(back)
        .hasSize((int) all.subList(0, 151).stream().filter(f -> f.symbol().equals("AAPL")).count());
    assertThat(back.get(0).timestamp()).isAfterOrEqualTo(back.get(back.size() - 1).timestamp());
    assertThat(h.broker.fillsBefore("AAPL", mid, 5)).hasSize(5).isEqualTo(back.subList(0, 5));
  }

  @Test
  void clockAssetLatestPriceAndBars() {
    h.fake.stub("GET /v2/clock", 200, Fixtures.read("clock.json"));
    h.fake.stub("GET /v2/assets/AAPL", 200, Fixtures.read("asset-aapl.json"));
    h.fake.stub("GET /v2/stocks/AAPL/bars", 200, Fixtures.read("bars-aapl.json"));
    MarketClock c = h.broker.clock();
    assertThat(c.isOpen()).isTrue();
    assertThat(c.nextClose()).isEqualTo(Instant.parse("2025-06-24T20:00:00Z"));
    assertThat(h.broker.asset("AAPL"))
        .hasValueSatisfying(
            a -> {
              assertThat(a.fractionable()).isTrue();
              assertThat(a.tradable()).isTrue();
            });
    assertThat(h.broker.asset("PEP"))
        .hasValueSatisfying(a -> assertThat(a.fractionable()).isFalse());
    assertThat(h.broker.asset("ZZZZ")).isEmpty();
    assertThat(h.broker.latestPrice("MSFT")).contains(new BigDecimal("410.10"));
    assertThat(h.broker.latestPrice("ZZZZ")).isEmpty();
    List<Bar> bars =
        h.broker.bars(
            "AAPL",
            "1Day",
            Instant.parse("2022-02-01T00:00:00Z"),
            Instant.parse("2022-02-03T00:00:00Z"));
    assertThat(bars).hasSize(2);
    assertThat(bars.get(0).open()).isEqualByComparingTo("174");
    assertThat(bars.get(1).close()).isEqualTo(new BigDecimal("175.84"));
    assertThat(bars.get(0).volume()).isEqualByComparingTo("85998033");
  }

  @Test
  void unknownOrderStatusesCountAsOpen() {
    assertThat(dev.rebalance.alpaca.internal.WireMapping.status("held"))
        .isEqualTo(OrderStatus.OPEN);
    assertThat(dev.rebalance.alpaca.internal.WireMapping.status("something_new"))
        .isEqualTo(OrderStatus.OPEN);
    assertThat(dev.rebalance.alpaca.internal.WireMapping.status("partially_filled"))
        .isEqualTo(OrderStatus.PARTIALLY_FILLED);
    assertThat(dev.rebalance.alpaca.internal.WireMapping.status("expired"))
        .isEqualTo(OrderStatus.EXPIRED);
    assertThat(dev.rebalance.alpaca.internal.WireMapping.status("rejected"))
        .isEqualTo(OrderStatus.REJECTED);
    assertThat(dev.rebalance.alpaca.internal.WireMapping.status("replaced"))
        .isEqualTo(OrderStatus.OPEN);
    assertThat(Optional.of(dev.rebalance.alpaca.internal.WireMapping.status("done_for_day")))
        .contains(OrderStatus.OPEN);
  }
}
