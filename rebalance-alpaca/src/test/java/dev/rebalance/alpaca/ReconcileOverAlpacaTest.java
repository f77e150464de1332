package dev.rebalance.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.alpaca.fake.LogCapture;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.core.tracking.EntryReconciler;
import dev.rebalance.core.tracking.ReconciliationReport;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, "done when": a FILL history with short sales and the other execution sides reconciles,
 * and the entries of long positions are right. Before the fix, {@code fillsBefore} threw on the
 * first {@code sell_short} or {@code cross} record and the symbol's entry stayed unknown.
 */
class ReconcileOverAlpacaTest {
  @Test
  void aHistoryWithShortSalesAndEveryOtherSideReconcilesTheLongPositions() throws Exception {
    try (FakeHarness h = new FakeHarness();
        LogCapture logs = new LogCapture()) {
      h.fake.shortSelling(true);
      h.fake.price("SHRT", "20.00");
      order(h, "r-1", "AAPL", OrderSide.BUY, "10");
      Instant aaplOpened = Instant.parse(h.fake.fills().get(0).get("transaction_time").asText());
      order(h, "r-2", "SHRT", OrderSide.SELL, "3"); // sell_short from flat
      h.fake.recordActivity("AAPL", "cross", "1", "174.29"); // no direction for this account
      h.fake.recordActivity("AAPL", "undisclosed", "1", "174.29");
      order(h, "r-3", "AAPL", OrderSide.SELL, "4"); // a partial sale keeps the entry
      order(h, "r-4", "MSFT", OrderSide.BUY, "2");
      Instant msftOpened =
          Instant.parse(
              h.fake.fills().get(h.fake.fills().size() - 1).get("transaction_time").asText());
      assertThat(h.fake.fills())
          .extracting(n -> n.get("side").asText())
          .containsExactly("buy", "sell_short", "cross", "undisclosed", "sell", "buy");

      InMemoryTrackerStore store = new InMemoryTrackerStore();
      ReconciliationReport report =
          EntryReconciler.builder()
              .broker(h.broker)
              .store(store)
              .account("paper")
              .clock(
                  java.time.Clock.fixed(
                      Instant.parse("2026-12-01T00:00:00Z"), java.time.ZoneOffset.UTC))
              .build()
              .reconcile();

      assertThat(report.reconstructed()).extracting(TrackedEntry::symbol).contains("AAPL", "MSFT");
      assertThat(store.entry("paper", "AAPL"))
          .get()
          .satisfies(
              e -> {
                assertThat(e.entryTime()).isEqualTo(aaplOpened);
                assertThat(e.qty())
                    .hasValueSatisfying(q -> assertThat(q).isEqualByComparingTo("6"));
              });
      assertThat(store.entry("paper", "MSFT"))
          .get()
          .extracting(TrackedEntry::entryTime)
          .isEqualTo(msftOpened);
      assertThat(report.unknown()).doesNotContainKeys("AAPL", "MSFT");
      assertThat(logs.lines())
          .filteredOn(l -> l.startsWith("alpaca_fill_skipped"))
          .anySatisfy(l -> assertThat(l).contains("'cross'"))
          .anySatisfy(l -> assertThat(l).contains("'undisclosed'"));
    }
  }

  private static void order(FakeHarness h, String cid, String symbol, OrderSide side, String qty) {
    h.broker.submitOrder(
        OrderRequest.builder()
            .clientOrderId(cid)
            .symbol(symbol)
            .side(side)
            .qty(new BigDecimal(qty))
            .build());
  }
}
