package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Swap;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionTextWriterTest {
  private static final Instant NOW = Instant.parse("2025-11-25T15:45:00Z");

  private static final String SCENARIO =
      "{\"now\": \"2025-11-25T15:45:00Z\","
          + " \"positions\": ["
          + "  {\"symbol\": \"PEP\", \"qty\": \"101\", \"score\": 52.1},"
          + "  {\"symbol\": \"BRK.B\", \"qty\": \"10\", \"score\": 40.0},"
          + "  {\"symbol\": \"KO\", \"qty\": \"5\", \"score\": 45},"
          + "  {\"symbol\": \"MCD\", \"qty\": \"5\", \"score\": 30}],"
          + " \"candidates\": [{\"symbol\": \"TSLA\", \"score\": 60.0}, {\"symbol\": \"PEP\", \"score\": 99}],"
          + " \"tracker\": {"
          + "  \"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T10:00:00Z\"},"
          + "   {\"symbol\": \"BRK.B\", \"entryTime\": \"2025-11-25T15:30:00Z\"},"
          + "   {\"symbol\": \"KO\", \"entryTime\": \"2025-11-25T10:00:00Z\"}],"
          + "  \"locks\": [{\"symbol\": \"BRK.B\", \"reason\": \"long-term hold\", \"lockedBy\": \"alice\"}],"
          + "  \"lastRebalance\": \"2025-11-25T15:00:00Z\"}}";

  private static Scenario scenario() {
    return new ScenarioReader(n -> dev.rebalance.core.config.RebalanceConfig.defaults())
        .parse(SCENARIO.getBytes(StandardCharsets.UTF_8), "test");
  }

  private static List<PositionAssessment> assessments() {
    return List.of(
        PositionAssessment.builder().symbol("PEP").build(),
        PositionAssessment.builder()
            .symbol("BRK.B")
            .addReasons(IneligibilityReason.LOCKED, IneligibilityReason.MIN_HOLD_TIME)
            .build(),
        PositionAssessment.builder().symbol("KO").build(),
        PositionAssessment.builder()
            .symbol("MCD")
            .addReasons(IneligibilityReason.UNKNOWN_ENTRY_TIME)
            .build());
  }

  private static List<String> lines(Decision d) {
    StringWriter w = new StringWriter();
    DecisionTextWriter.write(d, scenario(), new PrintWriter(w));
    return w.toString().lines().toList();
  }

  private static Decision hold(DecisionReason reason) {
    return Decision.builder()
        .decidedAt(NOW)
        .action(DecisionAction.HOLD)
        .reason(reason)
        .addAllPositions(assessments())
        .build();
  }

  @Test
  void cooldownHoldSaysHowLongAndListsPositionsWithReasonsInWords() {
    Decision d =
        Decision.builder()
            .from(hold(DecisionReason.COOLDOWN))
            .cooldownRemaining(Duration.ofMinutes(15))
            .build();
    List<String> lines = lines(d);
    assertThat(lines.get(0)).isEqualTo("Decision:  HOLD (COOLDOWN)");
    assertThat(lines.get(1))
        .isEqualTo(
            "Why:       the last rebalance (2025-11-25T15:00:00Z) was less than the cooldown (1h) ago");
    assertThat(lines)
        .contains("Swaps:     none")
        .contains(
            "Cooldown:  15m remaining (PT15M); swaps are allowed again at 2025-11-25T16:00:00Z")
        .contains("Positions: 4 held, 2 eligible to sell")
        .contains("  SYMBOL  QTY  SCORE  ELIGIBLE  REASONS")
        .contains("  PEP     101  52.1   yes       -")
        .contains(
            "  BRK.B   10   40.0   no        LOCKED (locked: long-term hold, by alice);"
                + " MIN_HOLD_TIME (held 15m since 2025-11-25T15:30:00Z, needs 30m)")
        .contains(
            "  MCD     5    30.0   no        UNKNOWN_ENTRY_TIME (no tracked entry time, and"
                + " unknownEntryTime is BLOCK)");
  }

  @Test
  void swapListsEachPairWithItsSizeAndImprovement() {
    Decision d =
        Decision.builder()
            .decidedAt(NOW)
            .action(DecisionAction.SWAP)
            .reason(DecisionReason.SWAP)
            .addSwaps(
                Swap.builder()
                    .sell("PEP")
                    .sellQty(new BigDecimal("50"))
                    .sellFraction(new BigDecimal("0.5"))
                    .buy("TSLA")
                    .oldScore(new BigDecimal("52.1"))
                    .newScore(new BigDecimal("75.3"))
                    .build(),
                Swap.builder()
                    .sell("KO")
                    .sellQty(new BigDecimal("5"))
                    .sellFraction(BigDecimal.ONE)
                    .buy("NVDA")
                    .oldScore(new BigDecimal("45"))
                    .newScore(new BigDecimal("55"))
                    .build())
            .addAllPositions(assessments())
            .build();
    List<String> lines = lines(d);
    assertThat(lines.get(0)).isEqualTo("Decision:  SWAP (2 swaps)");
    assertThat(lines)
        .contains(
            "  1. sell 50 PEP (fraction 0.5 of 101, score 52.1) and buy TSLA (score 75.3): score +23.2")
        .contains("  2. sell 5 KO (all of it, score 45.0) and buy NVDA (score 55.0): score +10.0")
        .contains("Cooldown:  passed (last rebalance 2025-11-25T15:00:00Z, cooldown 1h)");
  }

  @Test
  void belowThresholdNamesTheScoresThatWereCompared() {
    List<String> lines = lines(hold(DecisionReason.BELOW_THRESHOLD));
    // eligible: PEP 52.1 and KO 45; PEP is held, so the best candidate is TSLA
    assertThat(lines.get(1))
        .isEqualTo(
            "Why:       the best candidate not held TSLA at 60.0 beats the weakest eligible position"
                + " KO at 45.0 by 15.0, less than the score threshold (10.0)");
  }

  @Test
  void otherReasonsInWords() {
    List<String> disabled = lines(hold(DecisionReason.DISABLED));
    assertThat(disabled.get(1))
        .isEqualTo("Why:       rebalancing is disabled in the configuration (enabled: false)");
    assertThat(disabled)
        .contains("Cooldown:  not checked (last rebalance 2025-11-25T15:00:00Z, cooldown 1h)");
    assertThat(lines(hold(DecisionReason.NO_ELIGIBLE_POSITION)).get(1))
        .isEqualTo("Why:       no held position may be sold (see the reasons below)");
    assertThat(lines(hold(DecisionReason.NO_CANDIDATE)).get(1))
        .startsWith("Why:       every candidate is already held (TSLA, PEP)");
    assertThat(lines(hold(DecisionReason.SIZE_ROUNDS_TO_ZERO)).get(1))
        .isEqualTo(
            "Why:       selling the sell fraction (1.0) of the weakest eligible position KO at 45.0"
                + " rounds down to zero shares, and a zero-quantity order is never placed");
  }

  @Test
  void humanDurations() {
    assertThat(DecisionTextWriter.human(Duration.ZERO)).isEqualTo("0s");
    assertThat(DecisionTextWriter.human(Duration.ofMinutes(90))).isEqualTo("1h 30m");
    assertThat(DecisionTextWriter.human(Duration.ofSeconds(86_400 + 61))).isEqualTo("1d 1m 1s");
    assertThat(DecisionTextWriter.human(Duration.ofMillis(1500))).isEqualTo("PT1.5S");
  }
}
