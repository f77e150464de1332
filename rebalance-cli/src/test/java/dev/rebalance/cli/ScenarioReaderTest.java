package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioReaderTest {
  private final List<JsonNode> configNodes = new ArrayList<>();
  private final RebalanceConfig parsedConfig =
      RebalanceConfig.builder().cooldown(Duration.ofMinutes(5)).build();
  private final ScenarioReader reader =
      new ScenarioReader(
          n -> {
            configNodes.add(n);
            return parsedConfig;
          });

  private Scenario parse(String json) {
    return reader.parse(json.getBytes(StandardCharsets.UTF_8), "test");
  }

  @Test
  void readsEveryField() {
    Scenario s =
        parse(
            "{\"now\": \"2025-11-25T15:45:00Z\","
                + " \"config\": {\"cooldown\": \"PT5M\"},"
                + " \"positions\": ["
                + "   {\"symbol\": \"PEP\", \"qty\": \"100.50\", \"price\": \"170.25\", \"score\": 52.10,"
                + "    \"fractionable\": true},"
                + "   {\"symbol\": \"BRK.B\", \"qty\": \"1\", \"score\": -3}],"
                + " \"candidates\": [{\"symbol\": \"TSLA\", \"score\": 75.3}, {\"symbol\": \"X\", \"score\": 1e2}],"
                + " \"tracker\": {"
                + "   \"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T14:00:00Z\","
                + "     \"entryPrice\": \"168.00\", \"qty\": \"100\", \"score\": 50.0, \"reason\": \"momentum\","
                + "     \"source\": \"IMPORT\"}],"
                + "   \"locks\": [{\"symbol\": \"BRK.B\", \"reason\": \"long-term hold\", \"lockedBy\": \"alice\","
                + "     \"lockedAt\": \"2025-11-01T00:00:00Z\", \"expiresAt\": \"2026-01-01T00:00:00Z\"}],"
                + "   \"lastRebalance\": \"2025-11-25T14:30:00Z\"}}");

    assertThat(s.now()).isEqualTo(Instant.parse("2025-11-25T15:45:00Z"));
    assertThat(s.config()).isSameAs(parsedConfig);
    assertThat(configNodes).singleElement().hasToString("{\"cooldown\":\"PT5M\"}");

    HeldPosition pep = s.positions().get(0);
    assertThat(pep.symbol()).isEqualTo("PEP");
    assertThat(pep.qty()).isEqualTo(new BigDecimal("100.50"));
    assertThat(pep.price()).contains(new BigDecimal("170.25"));
    assertThat(pep.score()).isEqualByComparingTo("52.1");
    assertThat(pep.fractionable()).isTrue();
    HeldPosition brk = s.positions().get(1);
    assertThat(brk.price()).isEmpty();
    assertThat(brk.score()).isEqualByComparingTo("-3");
    assertThat(brk.fractionable()).isFalse();

    assertThat(s.candidates()).extracting(c -> c.symbol()).containsExactly("TSLA", "X");
    assertThat(s.candidates().get(0).score()).isEqualByComparingTo("75.3");
    assertThat(s.candidates().get(1).score()).isEqualByComparingTo("100");

    TrackedEntry e = s.tracker().entries().get("PEP");
    assertThat(e.entryTime()).isEqualTo(Instant.parse("2025-11-25T14:00:00Z"));
    assertThat(e.entryPrice()).contains(new BigDecimal("168.00"));
    assertThat(e.qty()).contains(new BigDecimal("100"));
    assertThat(e.score().orElseThrow()).isEqualByComparingTo("50");
    assertThat(e.reason()).contains("momentum");
    assertThat(e.source()).isEqualTo(EntrySource.IMPORT);

    PositionLock l = s.tracker().locks().get("BRK.B");
    assertThat(l.reason()).contains("long-term hold");
    assertThat(l.lockedBy()).contains("alice");
    assertThat(l.lockedAt()).isEqualTo(Instant.parse("2025-11-01T00:00:00Z"));
    assertThat(l.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));

    assertThat(s.tracker().lastRebalance()).contains(Instant.parse("2025-11-25T14:30:00Z"));
  }

  @Test
  void optionalPartsDefault() {
    Scenario s =
        parse(
            "{\"now\": \"2025-11-25T15:45:00Z\", \"positions\": [], \"candidates\": [],"
                + " \"tracker\": {\"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T14:00:00Z\"}],"
                + " \"locks\": [{\"symbol\": \"KO\"}], \"lastRebalance\": null}}");
    assertThat(configNodes).isEmpty();
    assertThat(s.config()).isEqualTo(RebalanceConfig.defaults());
    TrackedEntry e = s.tracker().entries().get("PEP");
    assertThat(e.entryPrice()).isEmpty();
    assertThat(e.score()).isEmpty();
    assertThat(e.source()).isEqualTo(EntrySource.FILL);
    PositionLock l = s.tracker().locks().get("KO");
    assertThat(l.expiresAt()).isEmpty();
    assertThat(l.isActiveAt(s.now())).isTrue();
    assertThat(s.tracker().lastRebalance()).isEmpty();
  }

  @Test
  void noTrackerMeansNothingTracked() {
    Scenario s =
        parse("{\"now\": \"2025-11-25T15:45:00Z\", \"positions\": [], \"candidates\": []}");
    assertThat(s.tracker().entries()).isEmpty();
    assertThat(s.tracker().locks()).isEmpty();
    assertThat(s.tracker().lastRebalance()).isEmpty();
  }

  @Test
  void aLockThatAlreadyExpiredWithoutLockedAtIsReadAsExpired() {
    Scenario s =
        parse(
            "{\"now\": \"2025-11-25T15:45:00Z\", \"positions\": [], \"candidates\": [],"
                + " \"tracker\": {\"locks\": [{\"symbol\": \"A\", \"expiresAt\": \"2025-11-25T15:45:00Z\"},"
                + " {\"symbol\": \"B\", \"expiresAt\": \"2025-11-25T12:00:00Z\"},"
                + " {\"symbol\": \"C\", \"expiresAt\": \"2025-11-25T15:45:01Z\"}]}}");
    assertThat(s.tracker().locks().get("A").isActiveAt(s.now())).isFalse();
    assertThat(s.tracker().locks().get("B").isActiveAt(s.now())).isFalse();
    assertThat(s.tracker().locks().get("C").isActiveAt(s.now())).isTrue();
  }

  @Test
  void configParserFailuresNameTheConfig() {
    ScenarioReader failing =
        new ScenarioReader(
            n -> {
              throw new IllegalStateException("boom");
            });
    assertThatThrownBy(
            () ->
                failing.parse(
                    "{\"now\": \"2025-11-25T15:45:00Z\", \"config\": {}, \"positions\": [], \"candidates\": []}"
                        .getBytes(StandardCharsets.UTF_8),
                    "test"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("config is invalid: boom");
  }
}
