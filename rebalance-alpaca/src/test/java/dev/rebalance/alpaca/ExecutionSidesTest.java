package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Defect 1 of issue 10: FILL activities carry the full execution side (Alpaca's broker OpenAPI
 * {@code TradeActivitySide}; changelog 2026-10-20 "order side"; real {@code sell_short} fills in
 * alpacahq/Alpaca-API#96). Before the fix one {@code sell_short} record made {@code fillsSince} and
 * {@code fillsBefore} throw, so no fill after it was ever seen.
 */
class ExecutionSidesTest {
  private FakeHarness h;

  @BeforeEach
  void setUp() throws Exception {
    h = new FakeHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    h.close();
  }

  /** One FILL activity in the shape of Alpaca's OpenAPI example, with the given side. */
  static String activity(String id, String side, String qty, String cumQty, String time) {
    return "{\"activity_type\":\"FILL\",\"cum_qty\":\""
        + cumQty
        + "\",\"id\":\""
        + id
        + "\",\"leaves_qty\":\"0\",\"order_id\":\"order-"
        + id
        + "\",\"order_status\":\"filled\","
        + "\"price\":\"174.78\",\"qty\":\""
        + qty
        + "\",\"side\":\""
        + side
        + "\",\"symbol\":\"AAPL\","
        + "\"transaction_time\":\""
        + time
        + "\",\"type\":\"fill\"}";
  }

  @ParameterizedTest
  @CsvSource({
    "buy, BUY",
    "buy_minus, BUY",
    "sell, SELL",
    "sell_short, SELL",
    "sell_short_exempt, SELL",
    "sell_plus, SELL",
    "cross_short, SELL",
    "SELL_SHORT, SELL"
  })
  void everyExecutionSideWithADirectionMaps(String side, OrderSide expected) {
    h.fake.stub(
        "GET /v2/account/activities/FILL",
        200,
        "[" + activity("20260102150000000::a", side, "3", "3", "2026-01-02T15:00:00Z") + "]");
    List<Fill> fills = h.broker.fillsSince(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(fills)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.side()).isEqualTo(expected);
              assertThat(f.qty()).isEqualTo(new BigDecimal("3"));
            });
  }

  @Test
  void aRecordWithoutADirectionIsSkippedAndLoggedAndTheFillsAfterItStillCome() {
    String body =
        "["
            + activity("20260102150000000::a", "buy", "10", "10", "2026-01-02T15:00:00Z")
            + ","
            + activity("20260102150100000::b", "cross", "1", "1", "2026-01-02T15:01:00Z")
            + ","
            + activity("20260102150200000::c", "undisclosed", "1", "1", "2026-01-02T15:02:00Z")
            + ","
            + activity("20260102150300000::d", "sideways", "1", "1", "2026-01-02T15:03:00Z")
            + ","
            + activity("20260102150400000::e", "sell_short", "4", "4", "2026-01-02T15:04:00Z")
            + ","
            + activity("20260102150500000::f", "sell", "2", "2", "2026-01-02T15:05:00Z")
            + "]";
    h.fake.stub("GET /v2/account/activities/FILL", 200, body);
    try (LogCapture logs = new LogCapture()) {
      List<Fill> since = h.broker.fillsSince(Instant.parse("2026-01-01T00:00:00Z"));
      assertThat(since)
          .extracting(Fill::orderId)
          .containsExactly(
              "order-20260102150000000::a",
              "order-20260102150400000::e",
              "order-20260102150500000::f");
      List<Fill> before = h.broker.fillsBefore("AAPL", Instant.parse("2026-01-03T00:00:00Z"), 10);
      assertThat(before).hasSize(3);
      List<String> skipped =
          logs.lines().stream().filter(l -> l.startsWith("alpaca_fill_skipped")).toList();
      assertThat(skipped).hasSize(6); // three records, read twice
      assertThat(skipped.get(0)).contains("activity_id=20260102150100000::b").contains("'cross'");
      assertThat(skipped.get(1))
          .contains("activity_id=20260102150200000::c")
          .contains("'undisclosed'");
      assertThat(skipped.get(2))
          .contains("activity_id=20260102150300000::d")
          .contains("'sideways'");
    }
  }

  @Test
  void aShortSaleFromFlatOnTheFakeMarginAccountIsASellAndTheFillsAfterItAreRead() {
    h.fake.shortSelling(true);
    submit("s-1", dev.rebalance.api.broker.OrderSide.SELL, "5");
    submit("s-2", dev.rebalance.api.broker.OrderSide.BUY, "5");
    submit("s-3", dev.rebalance.api.broker.OrderSide.BUY, "2");
    assertThat(h.fake.shortSellFills()).isEqualTo(1);
    assertThat(h.fake.fills())
        .extracting(n -> n.get("side").asText())
        .containsExactly("sell_short", "buy", "buy");
    List<Fill> fills = h.broker.fillsSince(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(fills)
        .extracting(Fill::side)
        .containsExactly(OrderSide.SELL, OrderSide.BUY, OrderSide.BUY);
    assertThat(h.broker.fillsBefore("AAPL", Instant.parse("2026-12-01T00:00:00Z"), 10)).hasSize(3);
    assertThat(Map.of("qty", h.fake.positionQty("AAPL"))).containsEntry("qty", new BigDecimal("2"));
  }

  private void submit(String cid, OrderSide side, String qty) {
    h.broker.submitOrder(
        dev.rebalance.api.broker.OrderRequest.builder()
            .clientOrderId(cid)
            .symbol("AAPL")
            .side(side)
            .qty(new BigDecimal(qty))
            .build());
  }
}
