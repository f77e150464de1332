package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.PositionAssessment;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.decision.Swap;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shared example scenario gives its expected decision at the engine level. */
class ScenarioTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "01-simple-swap",
        "02-cooldown",
        "03-locked-weakest",
        "04-min-hold",
        "05-partial-half",
        "06-below-threshold"
      })
  void scenarioGivesItsExpectedDecision(String name) {
    ScenarioFiles.Scenario s = ScenarioFiles.read(name + ".json");
    JsonNode expected = ScenarioFiles.resource(name + ".expected.json");

    Decision d =
        Rebalancer.of(s.config()).decide(s.positions(), s.candidates(), s.state(), s.now());

    assertThat(d.action().name()).isEqualTo(expected.get("action").textValue());
    assertThat(d.reason().name()).isEqualTo(expected.get("reason").textValue());
    assertThat(d.decidedAt()).isEqualTo(s.now());

    JsonNode remaining = expected.get("cooldownRemaining");
    if (remaining.isNull()) {
      assertThat(d.cooldownRemaining()).isEmpty();
    } else {
      assertThat(d.cooldownRemaining()).contains(Duration.parse(remaining.textValue()));
    }

    JsonNode swaps = expected.get("swaps");
    assertThat(d.swaps()).hasSize(swaps.size());
    for (int i = 0; i < swaps.size(); i++) {
      JsonNode e = swaps.get(i);
      Swap a = d.swaps().get(i);
      assertThat(a.sell()).isEqualTo(e.get("sell").textValue());
      assertThat(a.buy()).isEqualTo(e.get("buy").textValue());
      // sellQty is printed as a decimal string without trailing zeros: compare the exact text.
      assertThat(a.sellQty().toPlainString()).isEqualTo(e.get("sellQty").textValue());
      assertThat(a.sellFraction()).isEqualByComparingTo(e.get("sellFraction").decimalValue());
      assertThat(a.oldScore()).isEqualByComparingTo(e.get("oldScore").decimalValue());
      assertThat(a.newScore()).isEqualByComparingTo(e.get("newScore").decimalValue());
      assertThat(a.scoreDiff()).isEqualByComparingTo(e.get("scoreDiff").decimalValue());
      assertThat(a.scoreDiff().stripTrailingZeros())
          .isEqualTo(new BigDecimal(e.get("scoreDiff").asText()).stripTrailingZeros());
    }

    List<String> expectedPositions = new ArrayList<>();
    for (JsonNode p : expected.get("positions")) {
      List<String> reasons = new ArrayList<>();
      p.get("reasons").forEach(r -> reasons.add(r.textValue()));
      expectedPositions.add(
          p.get("symbol").textValue()
              + " eligible="
              + p.get("eligible").booleanValue()
              + " "
              + reasons);
    }
    List<String> actualPositions = new ArrayList<>();
    for (PositionAssessment p : d.positions()) {
      actualPositions.add(
          p.symbol()
              + " eligible="
              + p.eligible()
              + " "
              + p.reasons().stream().map(Enum::name).toList());
    }
    assertThat(actualPositions).containsExactlyElementsOf(expectedPositions);
  }
}
