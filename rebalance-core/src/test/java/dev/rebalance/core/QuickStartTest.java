package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.tracking.TrackerState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick start of docs/engine.md, verbatim apart from printing to a captured stream. */
class QuickStartTest {

  @Test
  void theDocumentedQuickStartWorks() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    RebalanceConfig config =
        RebalanceConfig.builder()
            .scoreThreshold(new BigDecimal("10"))
            .minHoldTime(Duration.ofMinutes(30))
            .cooldown(Duration.ofMinutes(60))
            .build();
    Rebalancer rebalancer = Rebalancer.of(config); // immutable and thread-safe: build it once

    Instant now = Instant.parse("2025-11-25T15:45:00Z");
    List<HeldPosition> held =
        List.of(
            HeldPosition.builder()
                .symbol("PEP")
                .qty(new BigDecimal("100"))
                .score(new BigDecimal("52.1"))
                .build());
    List<Candidate> candidates = List.of(Candidate.of("TSLA", 75.3), Candidate.of("KO", 60.0));
    TrackerState state =
        TrackerState.builder() // in a bot: TrackerState.load(store, account)
            .putEntries(
                "PEP",
                TrackedEntry.builder()
                    .symbol("PEP")
                    .entryTime(now.minus(Duration.ofHours(2)))
                    .build())
            .build();

    Decision d =
        rebalancer.decide(held, candidates, state, now); // or decide(held, candidates, state)
    if (d.isSwap()) {
      d.swaps()
          .forEach(s -> out.println("sell " + s.sellQty() + " " + s.sell() + ", buy " + s.buy()));
    } else {
      out.println(
          "hold: " + d.reason() + " " + d.cooldownRemaining().map(Object::toString).orElse(""));
    }
    d.positions()
        .forEach(p -> out.println(p.symbol() + " " + (p.eligible() ? "eligible" : p.reasons())));

    assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
        .containsExactly("sell 100 PEP, buy TSLA", "PEP eligible");
  }
}
