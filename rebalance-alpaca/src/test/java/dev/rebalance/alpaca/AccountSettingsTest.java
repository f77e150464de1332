package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Defects 7 and 8 of issue 10: split-adjusted bars, and {@code no_shorting}. */
class AccountSettingsTest {
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
  void barsAreAskedSplitAdjusted() {
    h.fake.stub(
        "GET /v2/stocks/AAPL/bars",
        200,
        "{\"bars\":[],\"symbol\":\"AAPL\",\"next_page_token\":null}");
    assertThat(
            h.broker.bars(
                "AAPL",
                "1Day",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-02-01T00:00:00Z")))
        .isEmpty();
    assertThat(h.fake.lastQuery("GET /v2/stocks/AAPL/bars")).contains("adjustment=split");
  }

  @Test
  void withNoShortingAStaleSellIsRefusedInsteadOfOpeningAShort() {
    h.fake.shortSelling(true); // a margin account
    assertThat(h.broker.noShorting()).isFalse();
    assertThat(h.broker.noShorting(true)).isTrue();
    assertThat(h.broker.noShorting()).isTrue();
    assertThatThrownBy(
            () ->
                h.broker.submitOrder(
                    OrderRequest.builder()
                        .clientOrderId("stale-1")
                        .symbol("AAPL")
                        .side(OrderSide.SELL)
                        .qty(new BigDecimal("5"))
                        .build()))
        .isInstanceOf(InsufficientQtyException.class);
    assertThat(h.fake.shortSellFills()).isZero();
    assertThat(h.fake.positionQty("AAPL")).isZero();
  }
}
