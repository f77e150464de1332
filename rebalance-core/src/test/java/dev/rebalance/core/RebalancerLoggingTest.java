package dev.rebalance.core;

import static dev.rebalance.core.Fixtures.NOW;
import static dev.rebalance.core.Fixtures.cand;
import static dev.rebalance.core.Fixtures.enteredLongAgo;
import static dev.rebalance.core.Fixtures.lock;
import static dev.rebalance.core.Fixtures.pos;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.TrackerState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** The structured events a decision logs, their levels and keys. */
class RebalancerLoggingTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(Rebalancer.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Level previous;

  @BeforeEach
  void attach() {
    previous = logger.getLevel();
    logger.setLevel(Level.DEBUG);
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(appender);
    logger.setLevel(previous);
  }

  private List<ILoggingEvent> events(String name) {
    return appender.list.stream().filter(e -> e.getMessage().equals(name)).toList();
  }

  private static Map<String, Object> keys(ILoggingEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<KeyValuePair> kvs = e.getKeyValuePairs();
    if (kvs != null) {
      kvs.forEach(kv -> m.put(kv.key, kv.value));
    }
    return m;
  }

  @Test
  void oneInfoDecisionEventWithItsOutcomeAndCounts() {
    Rebalancer.of(RebalanceConfig.defaults())
        .decide(
            List.of(pos("BRK.B", "1", "1"), pos("PEP", "100", "52.1"), pos("KO", "1", "2")),
            List.of(cand("TSLA", "75.3")),
            enteredLongAgo("BRK.B", "PEP").putLocks("BRK.B", lock("BRK.B")).build(),
            NOW);

    List<ILoggingEvent> decisions = events(LogEvents.REBALANCE_DECISION);
    assertThat(decisions).hasSize(1);
    ILoggingEvent e = decisions.get(0);
    assertThat(e.getLevel()).isEqualTo(Level.INFO);
    assertThat(e.getFormattedMessage()).isEqualTo("rebalance_decision");
    Map<String, Object> k = keys(e);
    assertThat(k)
        .containsEntry("action", DecisionAction.SWAP)
        .containsEntry("reason", DecisionReason.SWAP)
        .containsEntry("swaps", 1)
        .containsEntry("sell", "PEP")
        .containsEntry("buy", "TSLA")
        .containsEntry("positions", 3)
        .containsEntry("eligible", 1)
        .containsEntry("locked", 1)
        .containsEntry("min_hold_time", 0)
        .containsEntry("no_entry_time", 1)
        .containsEntry("candidates", 1)
        .containsEntry("score_diff", "23.2")
        .doesNotContainKey("cooldown_remaining");
  }

  @Test
  void perPositionSkipsAreDebugEvents() {
    Rebalancer.of(RebalanceConfig.defaults())
        .decide(
            List.of(pos("BRK.B", "1", "1"), pos("KO", "1", "2")),
            List.of(cand("TSLA", "75.3")),
            enteredLongAgo("BRK.B").putLocks("BRK.B", lock("BRK.B")).build(),
            NOW);

    List<ILoggingEvent> locked = events(LogEvents.POSITION_LOCKED_SKIP_REBALANCING);
    assertThat(locked).hasSize(1);
    assertThat(locked.get(0).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(keys(locked.get(0)))
        .containsEntry("symbol", "BRK.B")
        .containsEntry("lock_reason", "conviction");

    List<ILoggingEvent> unknown = events(LogEvents.NO_TRACKED_ENTRY_TIME);
    assertThat(unknown).hasSize(1);
    assertThat(unknown.get(0).getLevel()).isEqualTo(Level.DEBUG);
    assertThat(keys(unknown.get(0)))
        .containsEntry("symbol", "KO")
        .containsEntry("unknown_entry_time", UnknownEntryTimeRule.BLOCK)
        .containsEntry("eligible", false);
    assertThat(keys(events(LogEvents.REBALANCE_DECISION).get(0)))
        .containsEntry("reason", DecisionReason.NO_ELIGIBLE_POSITION);
  }

  @Test
  void aCooldownHoldLogsRebalancingInCooldownAtInfo() {
    Rebalancer.of(RebalanceConfig.defaults())
        .decide(
            List.of(pos("BRK.B", "1", "1")),
            List.of(cand("TSLA", "75.3")),
            enteredLongAgo("BRK.B")
                .putLocks("BRK.B", lock("BRK.B"))
                .lastRebalance(NOW.minus(Duration.ofMinutes(45)))
                .build(),
            NOW);

    List<ILoggingEvent> cooldown = events(LogEvents.REBALANCING_IN_COOLDOWN);
    assertThat(cooldown).hasSize(1);
    assertThat(cooldown.get(0).getLevel()).isEqualTo(Level.INFO);
    assertThat(keys(cooldown.get(0)))
        .containsEntry("cooldown_remaining", Duration.ofMinutes(15))
        .containsEntry("last_rebalance", NOW.minus(Duration.ofMinutes(45)));
    assertThat(keys(events(LogEvents.REBALANCE_DECISION).get(0)))
        .containsEntry("reason", DecisionReason.COOLDOWN)
        .containsEntry("cooldown_remaining", Duration.ofMinutes(15));
    // Rebalancing was not considered, so no per-position skip events.
    assertThat(events(LogEvents.POSITION_LOCKED_SKIP_REBALANCING)).isEmpty();
  }

  @Test
  void atInfoLevelOnlyTheOncePerScanEventsAppear() {
    logger.setLevel(Level.INFO);
    Rebalancer.of(RebalanceConfig.defaults())
        .decide(
            List.of(pos("BRK.B", "1", "1"), pos("KO", "1", "2")),
            List.of(cand("TSLA", "75.3")),
            TrackerState.builder().putLocks("BRK.B", lock("BRK.B")).build(),
            NOW);
    assertThat(appender.list)
        .extracting(ILoggingEvent::getMessage)
        .containsExactly(LogEvents.REBALANCE_DECISION);
  }
}
