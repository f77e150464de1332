package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.DecisionAction;
import dev.rebalance.core.decision.DecisionReason;
import dev.rebalance.core.decision.PositionAssessment;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The command's wiring, with a stand-in engine: what reaches the engine, and what is printed. */
class ExplainCommandTest {
  private static final String SCENARIO_01 =
      CliRun.scenarios().resolve("01-simple-swap.json").toString();

  private static final Decision HOLD =
      Decision.builder()
          .decidedAt(Instant.parse("2025-11-25T15:45:00Z"))
          .action(DecisionAction.HOLD)
          .reason(DecisionReason.NO_CANDIDATE)
          .addPositions(PositionAssessment.builder().symbol("PEP").build())
          .addPositions(PositionAssessment.builder().symbol("AAPL").build())
          .build();

  @Test
  void theEngineGetsTheScenarioAsWritten() {
    CliRun.FixedEngine engine = new CliRun.FixedEngine(HOLD);
    CliRun r =
        CliRun.explainWith(
            n -> RebalanceConfigLoader.fromNode(n, "config"),
            engine.factory(),
            "--scenario",
            CliRun.scenarios().resolve("11-unknown-entry-allow.json").toString());
    assertThat(r.exit).isZero();
    assertThat(engine.now).isEqualTo(Instant.parse("2025-11-25T15:45:00Z"));
    assertThat(engine.config.unknownEntryTime()).isEqualTo(UnknownEntryTimeRule.ALLOW);
    assertThat(engine.positions).extracting(p -> p.symbol()).containsExactly("PEP", "KO");
    assertThat(engine.positions.get(0).qty()).isEqualTo(new BigDecimal("100"));
    assertThat(engine.candidates).extracting(c -> c.symbol()).containsExactly("TSLA");
    assertThat(engine.state.entries()).containsOnlyKeys("KO");
    assertThat(engine.state.lastRebalance()).isEmpty();
  }

  @Test
  void printsWhatTheEngineDecided() {
    CliRun.FixedEngine engine = new CliRun.FixedEngine(HOLD);
    CliRun r =
        CliRun.explainWith(
            n -> RebalanceConfigLoader.fromNode(n, "config"),
            engine.factory(),
            "--scenario",
            SCENARIO_01);
    assertThat(r.err).isEmpty();
    assertThat(JsonAssert.parse(r.out).get("reason").textValue()).isEqualTo("NO_CANDIDATE");
  }

  @Test
  void anEngineFailureIsOneLineWithNothingOnStandardOutput() {
    CliRun r =
        CliRun.explainWith(
            n -> RebalanceConfigLoader.fromNode(n, "config"),
            s -> {
              throw new IllegalStateException("engine broke");
            },
            "--scenario",
            SCENARIO_01,
            "--format",
            "text");
    assertThat(r.exit).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out).isEmpty();
    assertThat(r.err)
        .isEqualTo(
            "error: unexpected IllegalStateException: engine broke" + System.lineSeparator());
  }
}
