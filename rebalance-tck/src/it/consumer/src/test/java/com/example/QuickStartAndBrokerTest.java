package com.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.tracking.TrackerState;
import dev.rebalance.tck.MutableClock;
import dev.rebalance.tck.broker.InMemoryBroker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README.md's quick start and the kit README's InMemoryBroker snippet, as written. */
class QuickStartAndBrokerTest {
  @Test
  void quickStartDecidesASwap() {
    RebalanceConfig config = RebalanceConfig.builder()
        .scoreThreshold(new BigDecimal("10"))
        .minHoldTime(Duration.ofMinutes(30))
        .cooldown(Duration.ofMinutes(60))
        .build();
    Rebalancer rebalancer = Rebalancer.of(config);   // immutable and thread-safe: build it once

    Instant now = Instant.parse("2025-11-25T15:45:00Z");
    List<HeldPosition> held = List.of(HeldPosition.builder()
        .symbol("PEP").qty(new BigDecimal("100")).score(new BigDecimal("52.1")).build());
    List<Candidate> candidates = List.of(Candidate.of("TSLA", 75.3), Candidate.of("KO", 60.0));
    TrackerState state = TrackerState.builder()      // in a bot: TrackerState.load(store, account)
        .putEntries("PEP", TrackedEntry.builder().symbol("PEP")
            .entryTime(now.minus(Duration.ofHours(2))).build())
        .build();

    Decision d = rebalancer.decide(held, candidates, state, now);
    if (d.isSwap()) {
      d.swaps().forEach(s -> System.out.println("sell " + s.sellQty() + " " + s.sell() + ", buy " + s.buy()));
    } else {
      System.out.println("hold: " + d.reason());
    }
    d.positions().forEach(p -> System.out.println(p.symbol() + " " + (p.eligible() ? "eligible" : p.reasons())));
    assertThat(d.isSwap()).isTrue();
  }

  @Test
  void inMemoryBrokerFillsTheSwap() {
    MutableClock clock = MutableClock.at(Instant.parse("2025-11-25T15:00:00Z"));
    InMemoryBroker broker = InMemoryBroker.withCash(clock, new BigDecimal("10000"))
        .setPrice("PEP", new BigDecimal("150"))
        .setPrice("TSLA", new BigDecimal("250"))
        .hold("PEP", new BigDecimal("10"), new BigDecimal("140"));
    assertThat(broker.submitOrder(OrderRequest.builder().clientOrderId("s-1").symbol("PEP")
        .side(OrderSide.SELL).qty(new BigDecimal("10")).build()).status()).isEqualTo(OrderStatus.FILLED);
    assertThat(broker.account().cash()).isEqualByComparingTo("11500");
  }
}
