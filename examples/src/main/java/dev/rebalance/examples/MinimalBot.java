package dev.rebalance.examples;

import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.tracking.EntryContext;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.RebalanceSession;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.ScanInput;
import dev.rebalance.core.ScanReport;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.examples.sim.SimulatedBroker;
import dev.rebalance.examples.sim.SyntheticMarket;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/** A bot of your own in under 60 lines: a scorer, a session, one call per scan. */
public final class MinimalBot {
  private MinimalBot() {}

  /** Runs a simulated week and prints each swap. */
  public static void main(String[] args) {
    System.out.println("swaps recorded: " + run(42, 5 * 26));
  }

  /** Runs {@code scans} scans on a simulated market; returns how many swaps the store recorded. */
  public static long run(long seed, int scans) {
    SyntheticMarket market = SyntheticMarket.builder().seed(seed).symbols(20).warmupBars(60).build();
    SimulatedBroker broker = SimulatedBroker.builder(market).accountId("minimal").build();
    TrackerStore store = new InMemoryTrackerStore();
    RebalanceConfig config = RebalanceConfig.builder().scoreThreshold(new BigDecimal("15")).build();
    RebalanceSession session = RebalanceSession.builder()
        .rebalancer(Rebalancer.of(config, market.clock()))
        .store(store).broker(broker).account("minimal").build();
    Scorer scorer = new MomentumScorer(market::closes, 26);
    session.start();
    for (int i = 0; i < scans; i++, market.advance()) {
      Map<String, BigDecimal> scores = new HashMap<>();
      market.symbols().forEach(s -> scorer.score(s).ifPresent(v -> scores.put(s, v)));
      if (broker.positions().isEmpty()) { // start with the three best, a third of the cash each
        scores.entrySet().stream().sorted(Map.Entry.<String, BigDecimal>comparingByValue().reversed())
            .limit(3).forEach(e -> {
              BigDecimal qty = new BigDecimal("30000").divide(market.price(e.getKey()), 0, RoundingMode.DOWN);
              String id = broker.submitOrder(OrderRequest.builder().clientOrderId("start-" + e.getKey())
                  .symbol(e.getKey()).side(OrderSide.BUY).qty(qty).build()).id();
              session.expectFill(id, EntryContext.of(e.getValue(), "first purchase"));
            });
      }
      ScanReport report = session.scan(ScanInput.of(scores));
      if (report.swapped()) {
        System.out.println(report.at() + " " + report.decision().orElseThrow().swaps());
      }
    }
    return store.historyStats("minimal").count();
  }
}
