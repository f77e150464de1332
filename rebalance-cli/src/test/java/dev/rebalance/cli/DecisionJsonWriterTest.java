package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.IneligibilityReason;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Swap;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DecisionJsonWriterTest {
  private static final Instant NOW = Instant.parse("2025-11-25T15:45:00Z");

  private static String write(Decision d) throws IOException {
    StringWriter w = new StringWriter();
    DecisionJsonWriter.write(d, w);
    return w.toString();
  }

  private static Swap swap(
      String sell, String qty, String fraction, String buy, String old, String neu) {
    return Swap.builder()
        .sell(sell)
        .sellQty(new BigDecimal(qty))
        .sellFraction(new BigDecimal(fraction))
        .buy(buy)
        .oldScore(new BigDecimal(old))
        .newScore(new BigDecimal(neu))
        .build();
  }

  private static PositionAssessment position(String symbol, IneligibilityReason... reasons) {
    return PositionAssessment.builder().symbol(symbol).addReasons(reasons).build();
  }

  @Test
  void swapIsWrittenInTheSpecShapeOrderAndLayout() throws IOException {
    Decision d =
        Decision.builder()
            .decidedAt(NOW)
            .action(DecisionAction.SWAP)
            .reason(DecisionReason.SWAP)
            .addSwaps(swap("PEP", "100", "1", "TSLA", "52.1", "75.3"))
            .addPositions(position("PEP"), position("AAPL"))
            .build();
    String expected = Files.readString(CliRun.scenarios().resolve("01-simple-swap.expected.json"));
    assertThat(write(d)).isEqualTo(expected.strip() + "\n");
  }

  @Test
  void holdDuringCooldownHasTheDurationAndReasons() throws IOException {
    Decision d =
        Decision.builder()
            .decidedAt(NOW)
            .action(DecisionAction.HOLD)
            .reason(DecisionReason.COOLDOWN)
            .cooldownRemaining(Duration.ofMinutes(15))
            .addPositions(
                position("BRK.B", IneligibilityReason.LOCKED, IneligibilityReason.MIN_HOLD_TIME))
            .build();
    assertThat(write(d))
        .isEqualTo(
            "{\n"
                + "  \"action\": \"HOLD\",\n"
                + "  \"reason\": \"COOLDOWN\",\n"
                + "  \"swaps\": [],\n"
                + "  \"cooldownRemaining\": \"PT15M\",\n"
                + "  \"positions\": [\n"
                + "    {\n"
                + "      \"symbol\": \"BRK.B\",\n"
                + "      \"eligible\": false,\n"
                + "      \"reasons\": [\n"
                + "        \"LOCKED\",\n"
                + "        \"MIN_HOLD_TIME\"\n"
                + "      ]\n"
                + "    }\n"
                + "  ],\n"
                + "  \"skippedCandidates\": []\n"
                + "}\n");
  }

  @Test
  void numbersAreExactDecimalsScoresAsWrittenTheRestCanonical() throws IOException {
    Decision d =
        Decision.builder()
            .decidedAt(NOW)
            .action(DecisionAction.SWAP)
            .reason(DecisionReason.SWAP)
            .addSwaps(swap("PEP", "0.6172839450", "0.50", "TSLA", "8.4", "18.4"))
            .addSwaps(swap("KO", "2E+1", "0.5", "NVDA", "10", "1E+2"))
            .build();
    String json = write(d);
    assertThat(json)
        .contains("\"sellQty\": \"0.617283945\",")
        .contains("\"sellFraction\": 0.5,")
        .contains("\"oldScore\": 8.4,")
        .contains("\"newScore\": 18.4,")
        .contains("\"scoreDiff\": 10.0\n")
        .contains("\"sellQty\": \"20\",")
        .contains("\"oldScore\": 10,")
        .contains("\"newScore\": 100,")
        .contains("\"scoreDiff\": 90.0\n")
        .contains("\"positions\": []");
  }

  @Test
  void cooldownRemainingIsNullUnlessTheReasonIsCooldown() throws IOException {
    Decision d =
        Decision.builder()
            .decidedAt(NOW)
            .action(DecisionAction.HOLD)
            .reason(DecisionReason.DISABLED)
            .cooldownRemaining(Duration.ofMinutes(15))
            .build();
    assertThat(write(d)).contains("\"cooldownRemaining\": null,");
  }

  @Test
  void symbolsAreEscaped() throws IOException {
    Decision d =
        Decision.builder()
            .decidedAt(NOW)
            .action(DecisionAction.HOLD)
            .reason(DecisionReason.NO_CANDIDATE)
            .addPositions(position("A\"B\\C"))
            .build();
    assertThat(write(d)).contains("\"symbol\": \"A\\\"B\\\\C\",");
  }
}
