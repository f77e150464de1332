package dev.rebalance.examples.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SimulatedBrokerTest {

  private static SyntheticMarket market(long seed) {
    return SyntheticMarket.builder().seed(seed).symbols(50).build();
  }

  private static OrderRequest buy(String id, String symbol, String qty) {
    return OrderRequest.builder()
        .clientOrderId(id)
        .symbol(symbol)
        .side(OrderSide.BUY)
        .qty(new BigDecimal(qty))
        .build();
  }

  private static OrderRequest sell(String id, String symbol, String qty) {
    return OrderRequest.builder()
        .clientOrderId(id)
        .symbol(symbol)
        .side(OrderSide.SELL)
        .qty(new BigDecimal(qty))
        .build();
  }

  private static List<BigDecimal> path(SyntheticMarket m, String symbol, int bars) {
    List<BigDecimal> out = new ArrayList<>();
    for (int i = 0; i < bars; i++) {
      out.add(m.price(symbol));
      m.advance();
    }
    return out;
  }

  @Test
  void sameSeedGivesSamePricesAndTimes() {
    SyntheticMarket a = market(7);
    SyntheticMarket b = market(7);
    assertThat(path(a, "AAPL", 200)).isEqualTo(path(b, "AAPL", 200));
    assertThat(a.now()).isEqualTo(b.now());
    assertThat(a.priceAt("MSFT", -10)).isEqualTo(b.priceAt("MSFT", -10));
  }

  @Test
  void differentSeedsGiveDifferentPrices() {
    assertThat(path(market(1), "AAPL", 50)).isNotEqualTo(path(market(2), "AAPL", 50));
  }

  @Test
  void aTickersSeriesDoesNotDependOnTheUniverseSize() {
    SyntheticMarket small = SyntheticMarket.builder().seed(3).symbols(10).build();
    SyntheticMarket large = SyntheticMarket.builder().seed(3).symbols(500).build();
    assertThat(path(small, "NVDA", 100)).isEqualTo(path(large, "NVDA", 100));
    assertThat(large.symbols()).hasSize(500).doesNotHaveDuplicates();
  }

  @Test
  void scansStepThroughTradingHoursOnWeekdays() {
    SyntheticMarket m = market(1);
    TradingCalendar cal = m.calendar();
    Instant first = m.now();
    assertThat(first).isEqualTo(Instant.parse("2025-01-06T14:30:00Z")); // Monday 09:30 New York
    Instant prev = first;
    for (int i = 0; i < 26 * 6; i++) {
      Instant t = m.advance();
      assertThat(cal.isOpen(t)).as("scan %s", t).isTrue();
      assertThat(t).isAfter(prev);
      assertThat(m.clock().instant()).isEqualTo(t);
      prev = t;
    }
    // 26 scans a day: scan 26 is Tuesday's open, scan 130 the next Monday's (the weekend skipped).
    assertThat(m.scanTime(26)).isEqualTo(Instant.parse("2025-01-07T14:30:00Z"));
    assertThat(m.scanTime(25)).isEqualTo(Instant.parse("2025-01-06T20:45:00Z"));
    assertThat(m.scanTime(130)).isEqualTo(Instant.parse("2025-01-13T14:30:00Z"));
    assertThat(m.now()).isEqualTo(m.scanTime(26 * 6));
  }

  @Test
  void aBuyFillsAtThePricePlusCostAndMovesCash() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).costBps(new BigDecimal("10")).build();
    BigDecimal price = m.price("MSFT");
    Order o = broker.submitOrder(buy("b-1", "MSFT", "10"));
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    BigDecimal expected =
        price.multiply(new BigDecimal("1.001")).setScale(4, java.math.RoundingMode.HALF_UP);
    assertThat(o.filledAvgPrice()).contains(expected);
    assertThat(broker.account().cash())
        .isEqualByComparingTo(new BigDecimal("100000").subtract(expected.multiply(BigDecimal.TEN)));
    assertThat(broker.position("MSFT").orElseThrow().qty()).isEqualByComparingTo("10");
    assertThat(broker.costsPaid())
        .isEqualByComparingTo(expected.subtract(price).multiply(BigDecimal.TEN));
    List<Fill> fills = broker.fillsSince(Instant.EPOCH);
    assertThat(fills)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.orderId()).isEqualTo(o.id());
              assertThat(f.timestamp()).isEqualTo(m.now());
              assertThat(f.positionQtyAfter())
                  .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("10"));
            });
  }

  @Test
  void aPerShareCommissionIsTakenFromCash() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker =
        SimulatedBroker.builder(m)
            .costBps(BigDecimal.ZERO)
            .costPerShare(new BigDecimal("0.01"))
            .build();
    BigDecimal price = m.price("MSFT");
    broker.submitOrder(buy("b-1", "MSFT", "100"));
    assertThat(broker.account().cash())
        .isEqualByComparingTo(
            new BigDecimal("100000")
                .subtract(price.multiply(BigDecimal.valueOf(100)))
                .subtract(BigDecimal.ONE));
  }

  @Test
  void aSecondSubmitWithTheSameClientOrderIdReturnsTheExistingOrder() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).build();
    Order first = broker.submitOrder(buy("same-id", "AAPL", "5"));
    m.advance();
    Order second = broker.submitOrder(buy("same-id", "AAPL", "7"));
    assertThat(second).isEqualTo(first);
    assertThat(broker.position("AAPL").orElseThrow().qty()).isEqualByComparingTo("5");
    assertThat(broker.fillsSince(Instant.EPOCH)).hasSize(1);
    assertThat(broker.orderByClientId("same-id")).contains(first);
    assertThat(broker.order(first.id())).contains(first);
    assertThat(broker.orderByClientId("other")).isEmpty();
  }

  @Test
  void partialSellsKeepTheRestAndTheAveragePrice() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).costBps(BigDecimal.ZERO).build();
    broker.submitOrder(buy("b", "AAPL", "10"));
    BigDecimal avg = broker.position("AAPL").orElseThrow().avgEntryPrice();
    m.advance();
    Order s = broker.submitOrder(sell("s1", "AAPL", "4"));
    assertThat(s.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(broker.position("AAPL").orElseThrow().qty()).isEqualByComparingTo("6");
    assertThat(broker.position("AAPL").orElseThrow().avgEntryPrice()).isEqualByComparingTo(avg);
    m.advance();
    broker.submitOrder(sell("s2", "AAPL", "6"));
    assertThat(broker.position("AAPL")).isEmpty();
    assertThat(broker.positions()).isEmpty();
    List<Fill> since = broker.fillsSince(m.scanTime(1));
    assertThat(since)
        .extracting(Fill::qty)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("4"), new BigDecimal("6"));
    assertThat(since.get(1).positionQtyAfter()).hasValueSatisfying(q -> assertThat(q).isZero());
  }

  @Test
  void fillsBeforeWalksBackNewestFirst() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).build();
    broker.submitOrder(buy("1", "AAPL", "1"));
    m.advance();
    broker.submitOrder(buy("2", "MSFT", "1"));
    broker.submitOrder(buy("3", "AAPL", "2"));
    m.advance();
    broker.submitOrder(buy("4", "AAPL", "3"));
    List<Fill> back = broker.fillsBefore("AAPL", m.scanTime(1), 10);
    assertThat(back).extracting(f -> f.qty().intValue()).containsExactly(2, 1);
    assertThat(broker.fillsBefore("AAPL", m.now(), 1))
        .extracting(f -> f.qty().intValue())
        .containsExactly(3);
    assertThat(broker.fillsSince(m.scanTime(1))).hasSize(3);
  }

  @Test
  void impossibleOrdersAreRejectedAndTradeNothing() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).cash(new BigDecimal("1000")).build();
    String nonFractionable =
        m.symbols().stream().filter(s -> !m.isFractionable(s)).findFirst().orElseThrow();
    String fractionable = m.symbols().stream().filter(m::isFractionable).findFirst().orElseThrow();
    assertThat(broker.submitOrder(sell("s", "AAPL", "1")).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(broker.submitOrder(buy("big", "AAPL", "1000000")).status())
        .isEqualTo(OrderStatus.REJECTED);
    assertThat(broker.submitOrder(buy("f", nonFractionable, "0.5")).status())
        .isEqualTo(OrderStatus.REJECTED);
    assertThat(broker.submitOrder(buy("u", "NOPE", "1")).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(broker.fillsSince(Instant.EPOCH)).isEmpty();
    assertThat(broker.account().cash()).isEqualByComparingTo("1000");

    Order frac = broker.submitOrder(buy("ok", fractionable, "0.25"));
    assertThat(frac.status()).isEqualTo(OrderStatus.FILLED);
    Order notional =
        broker.submitOrder(
            OrderRequest.builder()
                .clientOrderId("n")
                .symbol(fractionable)
                .side(OrderSide.BUY)
                .notional(new BigDecimal("100"))
                .build());
    assertThat(notional.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(notional.filledQty().multiply(notional.filledAvgPrice().orElseThrow()))
        .isLessThanOrEqualTo(new BigDecimal("100"));
  }

  @Test
  void equityIsCashPlusPositionsAtMarket() {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).build();
    broker.submitOrder(buy("a", "AAPL", "10"));
    broker.submitOrder(buy("b", "MSFT", "3"));
    m.advance();
    BigDecimal expected =
        broker
            .account()
            .cash()
            .add(m.price("AAPL").multiply(BigDecimal.TEN))
            .add(m.price("MSFT").multiply(BigDecimal.valueOf(3)));
    assertThat(broker.account().equity())
        .isEqualByComparingTo(expected.setScale(2, java.math.RoundingMode.HALF_EVEN));
    assertThat(broker.clock().isOpen()).isTrue();
    assertThat(broker.asset("AAPL")).hasValueSatisfying(a -> assertThat(a.tradable()).isTrue());
    assertThat(broker.asset("NOPE")).isEmpty();
    assertThatThrownBy(() -> broker.cancelOrder("missing")).hasMessageContaining("missing");
  }

  @Test
  void concurrentSubmitsWithOneClientOrderIdTradeOnce() throws Exception {
    SyntheticMarket m = market(1);
    SimulatedBroker broker = SimulatedBroker.builder(m).build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Order>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String id = "c-" + (i % 4);
        futures.add(pool.submit(() -> broker.submitOrder(buy(id, "AAPL", "1"))));
      }
      for (Future<Order> f : futures) {
        assertThat(f.get(10, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.FILLED);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(broker.fillsSince(Instant.EPOCH)).hasSize(4);
    assertThat(broker.position("AAPL").orElseThrow().qty()).isEqualByComparingTo("4");
  }
}
