package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RebalanceConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void emptyObjectGivesDefaults() {
    assertThat(RebalanceConfigLoader.fromJson("{}")).isEqualTo(RebalanceConfig.defaults());
    assertThat(RebalanceConfigLoader.fromYaml("{}")).isEqualTo(RebalanceConfig.defaults());
  }

  @Test
  void readsEveryCamelCaseKeyFromJson() {
    RebalanceConfig c =
        RebalanceConfigLoader.fromJson(
            "{\"enabled\": false, \"scoreThreshold\": 12.5, \"minHoldTime\": \"PT45M\","
                + " \"cooldown\": \"PT2H\", \"sellFraction\": 0.25, \"unknownEntryTime\": \"ALLOW\","
                + " \"maxSwapsPerScan\": 3}");
    assertThat(c.enabled()).isFalse();
    assertThat(c.scoreThreshold()).isEqualByComparingTo("12.5");
    assertThat(c.minHoldTime()).isEqualTo(Duration.ofMinutes(45));
    assertThat(c.cooldown()).isEqualTo(Duration.ofHours(2));
    assertThat(c.sellFraction()).isEqualByComparingTo("0.25");
    assertThat(c.unknownEntryTime()).isEqualTo(UnknownEntryTimeRule.ALLOW);
    assertThat(c.maxSwapsPerScan()).isEqualTo(3);
  }

  @Test
  void readsEveryCamelCaseKeyFromYaml() {
    RebalanceConfig c =
        RebalanceConfigLoader.fromYaml(
            "enabled: false\nscoreThreshold: 12.5\nminHoldTime: PT45M\ncooldown: PT2H\n"
                + "sellFraction: 0.25\nunknownEntryTime: ALLOW\nmaxSwapsPerScan: 3\n");
    assertThat(c)
        .isEqualTo(
            RebalanceConfig.builder()
                .enabled(false)
                .scoreThreshold(c.scoreThreshold())
                .minHoldTime(Duration.ofMinutes(45))
                .cooldown(Duration.ofHours(2))
                .sellFraction(c.sellFraction())
                .unknownEntryTime(UnknownEntryTimeRule.ALLOW)
                .maxSwapsPerScan(3)
                .build());
    assertThat(c.scoreThreshold()).isEqualByComparingTo("12.5");
    assertThat(c.sellFraction()).isEqualByComparingTo("0.25");
  }

  @Test
  void numbersAreExactDecimals() {
    // 0.1 as a double is 0.1000000000000000055...; the loader must keep the decimal as written.
    RebalanceConfig c = RebalanceConfigLoader.fromJson("{\"scoreThreshold\": 0.1}");
    assertThat(c.scoreThreshold()).isEqualByComparingTo(new BigDecimal("0.1"));
    RebalanceConfig y = RebalanceConfigLoader.fromYaml("scoreThreshold: 0.1");
    assertThat(y.scoreThreshold()).isEqualByComparingTo(new BigDecimal("0.1"));
    // A node built from a double (another mapper) is read as the shortest decimal.
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("scoreThreshold", 18.4);
    assertThat(RebalanceConfigLoader.fromNode(n, "config").scoreThreshold())
        .isEqualByComparingTo("18.4");
  }

  @Test
  void originalKeysMapWithTheirUnitsFromJson() {
    RebalanceConfig c =
        RebalanceConfigLoader.fromJson(
            "{\"enable_rebalancing\": true, \"rebalance_score_diff\": 7.0,"
                + " \"rebalance_min_hold_time\": 15, \"rebalance_cooldown_minutes\": 30,"
                + " \"rebalance_partial_sell_pct\": 0.5}");
    assertThat(c.enabled()).isTrue();
    assertThat(c.scoreThreshold()).isEqualByComparingTo("7");
    assertThat(c.minHoldTime()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.cooldown()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.sellFraction()).isEqualByComparingTo("0.5");
  }

  @Test
  void originalKeysMapWithTheirUnitsFromYaml() {
    RebalanceConfig c =
        RebalanceConfigLoader.fromYaml(
            "enable_rebalancing: false\nrebalance_score_diff: 15.0\nrebalance_min_hold_time: 60\n"
                + "rebalance_cooldown_minutes: 120\nrebalance_partial_sell_pct: 0.0\n");
    assertThat(c.enabled()).isFalse();
    assertThat(c.scoreThreshold()).isEqualByComparingTo("15");
    assertThat(c.minHoldTime()).isEqualTo(Duration.ofHours(1));
    assertThat(c.cooldown()).isEqualTo(Duration.ofHours(2));
    assertThat(c.sellFraction()).isEqualByComparingTo("1");
  }

  @Test
  void originalPartialSellOfZeroOrOneIsAFullSale() {
    assertThat(
            RebalanceConfigLoader.fromJson("{\"rebalance_partial_sell_pct\": 0.0}").sellFraction())
        .isEqualByComparingTo("1");
    assertThat(RebalanceConfigLoader.fromJson("{\"rebalance_partial_sell_pct\": 0}").sellFraction())
        .isEqualByComparingTo("1");
    assertThat(
            RebalanceConfigLoader.fromJson("{\"rebalance_partial_sell_pct\": 1.0}").sellFraction())
        .isEqualByComparingTo("1");
  }

  @Test
  void wholeMinutesWrittenAsDecimalsAreAccepted() {
    assertThat(RebalanceConfigLoader.fromJson("{\"rebalance_min_hold_time\": 30.0}").minHoldTime())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "{\"sellFraction\": 1.5}|sellFraction must be in (0, 1], was 1.5",
        "{\"sellFraction\": 0}|sellFraction must be in (0, 1], was 0",
        "{\"sellFraction\": -0.5}|sellFraction must be in (0, 1], was -0.5",
        "{\"sellFraction\": \"0.5\"}|sellFraction must be a number, was \"0.5\"",
        "{\"scoreThreshold\": -1}|scoreThreshold must be >= 0, was -1",
        "{\"scoreThreshold\": -0.5}|scoreThreshold must be >= 0, was -0.5",
        "{\"scoreThreshold\": \"ten\"}|scoreThreshold must be a number, was \"ten\"",
        "{\"scoreThreshold\": null}|scoreThreshold must be a number, was null",
        "{\"minHoldTime\": \"PT-5M\"}|minHoldTime must be >= PT0S, was PT-5M",
        "{\"minHoldTime\": 30}|minHoldTime must be an ISO-8601 duration such as \"PT30M\", was 30",
        "{\"cooldown\": \"60 minutes\"}|cooldown must be an ISO-8601 duration such as \"PT30M\", was \"60 minutes\"",
        "{\"cooldown\": \"-PT1H\"}|cooldown must be >= PT0S, was PT-1H",
        "{\"enabled\": \"yes\"}|enabled must be true or false, was \"yes\"",
        "{\"enabled\": 1}|enabled must be true or false, was 1",
        "{\"unknownEntryTime\": \"block\"}|unknownEntryTime must be one of BLOCK, ALLOW, was \"block\"",
        "{\"unknownEntryTime\": 1}|unknownEntryTime must be one of BLOCK, ALLOW, was 1",
        "{\"maxSwapsPerScan\": 0}|maxSwapsPerScan must be >= 1, was 0",
        "{\"maxSwapsPerScan\": -3}|maxSwapsPerScan must be >= 1, was -3",
        "{\"maxSwapsPerScan\": 1.5}|maxSwapsPerScan must be a whole number, was 1.5",
        "{\"maxSwapsPerScan\": 3000000000}|maxSwapsPerScan must be <= 2147483647, was 3000000000",
        "{\"maxSwapsPerScan\": \"2\"}|maxSwapsPerScan must be a number, was \"2\"",
        "{\"rebalance_partial_sell_pct\": 1.5}|rebalance_partial_sell_pct must be in [0, 1] (0 means a full sale), was 1.5",
        "{\"rebalance_partial_sell_pct\": -0.1}|rebalance_partial_sell_pct must be in [0, 1] (0 means a full sale), was -0.1",
        "{\"rebalance_min_hold_time\": 2.5}|rebalance_min_hold_time must be a whole number of minutes >= 0, was 2.5",
        "{\"rebalance_min_hold_time\": -5}|rebalance_min_hold_time must be a whole number of minutes >= 0, was -5",
        "{\"rebalance_cooldown_minutes\": \"PT60M\"}|rebalance_cooldown_minutes must be a whole number of minutes, was \"PT60M\"",
        "{\"rebalance_score_diff\": -2}|rebalance_score_diff must be >= 0, was -2",
        "{\"enable_rebalancing\": \"true\"}|enable_rebalancing must be true or false, was \"true\"",
        "{\"scoreThreshold\": 10, \"rebalance_score_diff\": 10}|scoreThreshold and rebalance_score_diff are the same setting; give only one of them",
        "{\"rebalance_cooldown_minutes\": 5, \"cooldown\": \"PT5M\"}|rebalance_cooldown_minutes and cooldown are the same setting; give only one of them",
        "[]|the configuration must be an object, was an array",
      })
  void invalidValuesHaveExactMessages(String json, String message) {
    assertThatThrownBy(() -> RebalanceConfigLoader.fromJson(json))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(message);
  }

  @Test
  void unknownKeysAreRejectedAndListTheKnownOnes() {
    assertThatThrownBy(() -> RebalanceConfigLoader.fromJson("{\"sell_fraction\": 0.5}"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "sell_fraction is not a known setting; known: enabled, scoreThreshold, minHoldTime,"
                + " cooldown, sellFraction, unknownEntryTime, maxSwapsPerScan, reentryBlock,"
                + " turnoverBudget, costs, or the original"
                + " bot's enable_rebalancing, rebalance_score_diff, rebalance_min_hold_time,"
                + " rebalance_cooldown_minutes, rebalance_partial_sell_pct");
  }

  @Test
  void messagesCarryTheFieldPrefix() {
    JsonNode n = JsonNodeFactory.instance.objectNode().put("sellFraction", new BigDecimal("1.5"));
    assertThatThrownBy(() -> RebalanceConfigLoader.fromNode(n, "config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("config.sellFraction must be in (0, 1], was 1.5");
    assertThatThrownBy(() -> RebalanceConfigLoader.fromNode(n, "scenario.config."))
        .hasMessage("scenario.config.sellFraction must be in (0, 1], was 1.5");
    assertThatThrownBy(
            () -> RebalanceConfigLoader.fromNode(JsonNodeFactory.instance.textNode("x"), "config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("config must be an object, was \"x\"");
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("scoreThreshold", Double.NaN);
    assertThatThrownBy(() -> RebalanceConfigLoader.fromNode(n, "config"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("config.scoreThreshold must be a finite number, was NaN");
    ObjectNode inf =
        JsonNodeFactory.instance.objectNode().put("sellFraction", Double.POSITIVE_INFINITY);
    assertThatThrownBy(() -> RebalanceConfigLoader.fromNode(inf, "config"))
        .hasMessage("config.sellFraction must be a finite number, was Infinity");
    // JSON has no NaN literal: the strict mapper refuses it as invalid JSON.
    assertThatThrownBy(() -> RebalanceConfigLoader.fromJson("{\"scoreThreshold\": NaN}"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid JSON at line 1");
    // YAML's .nan and .inf are refused while reading exact decimals, with the position.
    assertThatThrownBy(() -> RebalanceConfigLoader.fromYaml("scoreThreshold: .nan"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("invalid YAML at line 1, column 21: Malformed numeric value '.nan'");
    assertThatThrownBy(() -> RebalanceConfigLoader.fromYaml("sellFraction: .inf"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid YAML at line 1")
        .hasMessageContaining(".inf");
  }

  @Test
  void duplicateKeysAndSyntaxErrorsAreRejected() {
    assertThatThrownBy(
            () -> RebalanceConfigLoader.fromJson("{\"cooldown\":\"PT1M\",\"cooldown\":\"PT2M\"}"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid JSON at line 1")
        .hasMessageContaining("cooldown");
    assertThatThrownBy(() -> RebalanceConfigLoader.fromJson("{\"cooldown\": "))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("invalid JSON at line 1");
    assertThatThrownBy(() -> RebalanceConfigLoader.fromJson(""))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("the configuration is empty; write {} to use every default");
    assertThatThrownBy(() -> RebalanceConfigLoader.fromYaml("cooldown: PT1M\ncooldown: PT2M\n"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("cooldown");
  }

  @Test
  void loadChoosesTheFormatByExtensionAndNamesTheFile() throws Exception {
    Path json = dir.resolve("rebalance.json");
    Files.writeString(json, "{\"maxSwapsPerScan\": 2}", StandardCharsets.UTF_8);
    assertThat(RebalanceConfigLoader.load(json).maxSwapsPerScan()).isEqualTo(2);

    Path yaml = dir.resolve("rebalance.YAML");
    Files.writeString(yaml, "rebalance_cooldown_minutes: 90\n", StandardCharsets.UTF_8);
    assertThat(RebalanceConfigLoader.load(yaml).cooldown()).isEqualTo(Duration.ofMinutes(90));

    Path yml = dir.resolve("bad.yml");
    Files.writeString(yml, "sellFraction: 2\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RebalanceConfigLoader.load(yml))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(yml + ": sellFraction must be in (0, 1], was 2");

    Path toml = dir.resolve("rebalance.toml");
    Files.writeString(toml, "", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> RebalanceConfigLoader.load(toml))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            toml
                + ": unknown configuration format; the file name must end in .json, .yaml or .yml");

    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> RebalanceConfigLoader.load(missing))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(missing + ": no such configuration file");
  }

  @Test
  void nullArgumentsAreRejectedByName() {
    assertThatThrownBy(() -> RebalanceConfigLoader.fromNode(null, "config"))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("node");
    assertThatThrownBy(() -> RebalanceConfigLoader.load(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("file");
  }
}
