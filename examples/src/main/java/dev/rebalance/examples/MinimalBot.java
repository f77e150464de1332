package dev.rebalance.examples;

import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.RebalanceSession;
import dev.rebalance.core.ScanInput;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.core.tracking.EntryContext;
import dev.rebalance.examples.sim.SimulatedBroker;
import dev.rebalance.examples.sim.SyntheticMarket;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map.Entry;

/** A bot of your own in under 60 lines: a scorer, a session, one call per scan. */
public final class MinimalBot {
  public static void main(String[] args) { // a simulated week
    System.out.println("swaps recorded: " + run(42, 5 * 26));
  }

  /** Runs {@code scans} scans on a simulated market; returns how many swaps the store recorded. */
  public static long run(long seed, int scans) {
    var market = SyntheticMarket.builder().seed(seed).symbols(20).warmupBars(60).build();
    SimulatedBroker broker = SimulatedBroker.builder(market).accountId("minimal").build();
    var store = new InMemoryTrackerStore();
    RebalanceConfig config = RebalanceConfig.builder().scoreThreshold(new BigDecimal("15")).build();
    RebalanceSession session =
        RebalanceSession.builder()
            .rebalancer(Rebalancer.of(config, market.clock()))
            .store(store)
            .broker(broker)
            .account("minimal")
            .build();
    Scorer scorer = new MomentumScorer(market::closes, 26);
    session.start();
    for (int i = 0; i < scans; i++, market.advance()) {
      var scores = scorer.scoreAll(market.symbols());
      if (broker.positions().isEmpty()) { // start with the three best, a third of the cash each
        scores.entrySet().stream()
            .sorted(Entry.<String, BigDecimal>comparingByValue().reversed())
            .limit(3)
            .forEach(e -> buy(broker, session, market, e));
      }
      var report = session.scan(ScanInput.of(scores));
      report.decision().filter(d -> report.swapped()).ifPresent(d -> System.out.println(d.swaps()));
    }
    return store.historyStats("minimal").count();
  }

  private static void buy(
      SimulatedBroker b, RebalanceSession s, SyntheticMarket m, Entry<String, BigDecimal> e) {
    BigDecimal qty = new BigDecimal("30000").divide(m.price(e.getKey()), 0, RoundingMode.DOWN);
    var order = OrderRequest.builder().clientOrderId("start-" + e.getKey()).symbol(e.getKey());
    String id = b.submitOrder(order.side(OrderSide.BUY).qty(qty).build()).id();
    s.expectFill(id, EntryContext.of(e.getValue(), "first purchase"));
  }
}
