package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario in {@code src/test/resources/scenarios} through the real {@code rebalance explain}
 * command and engine: the output equals its {@code .expected.json} as JSON (field order, exact
 * decimals), in the exact textual form of its numbers, and byte for byte in layout.
 */
class ExplainScenariosTest {

  static List<String> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(CliRun.scenarios())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && !n.endsWith(".expected.json"))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .collect(Collectors.toList());
    }
  }

  @Test
  void everyScenarioHasAnExpectedOutputAndTheSpecExamplesAreThere() throws IOException {
    List<String> names = scenarios();
    assertThat(names)
        .contains(
            "01-simple-swap",
            "02-cooldown",
            "03-locked-weakest",
            "04-min-hold",
            "05-partial-half",
            "06-below-threshold")
        .hasSizeGreaterThanOrEqualTo(25);
    for (String name : names) {
      assertThat(CliRun.scenarios().resolve(name + ".expected.json")).exists();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void jsonOutputIsTheExpectedDecision(String name) throws IOException {
    Path scenario = CliRun.scenarios().resolve(name + ".json");
    String expected = Files.readString(CliRun.scenarios().resolve(name + ".expected.json"));

    CliRun r = CliRun.rebalance("explain", "--scenario", scenario.toString());

    assertThat(r.err).isEmpty();
    assertThat(r.exit).isEqualTo(ExitCodes.OK);
    JsonAssert.assertSameDecision(expected, r.out);
    assertThat(r.out).isEqualTo(expected.strip() + "\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void textOutputStartsWithTheDecisionAndListsEveryPosition(String name) throws IOException {
    Path scenario = CliRun.scenarios().resolve(name + ".json");
    JsonNode expected =
        JsonAssert.parse(Files.readString(CliRun.scenarios().resolve(name + ".expected.json")));

    CliRun r = CliRun.rebalance("explain", "--scenario", scenario.toString(), "--format", "text");

    assertThat(r.err).isEmpty();
    assertThat(r.exit).isEqualTo(ExitCodes.OK);
    List<String> lines = r.out.lines().collect(Collectors.toList());
    String action = expected.get("action").textValue();
    assertThat(lines.get(0))
        .isEqualTo(
            "Decision:  "
                + (action.equals("SWAP")
                    ? "SWAP ("
                        + expected.get("swaps").size()
                        + (expected.get("swaps").size() == 1 ? " swap)" : " swaps)")
                    : "HOLD (" + expected.get("reason").textValue() + ")"));
    assertThat(lines.get(1)).startsWith("Why:       ");
    for (JsonNode swap : expected.get("swaps")) {
      assertThat(r.out)
          .contains(
              "sell " + swap.get("sellQty").textValue() + " " + swap.get("sell").textValue() + " (")
          .contains("and buy " + swap.get("buy").textValue() + " (score ");
    }
    for (JsonNode p : expected.get("positions")) {
      String row =
          lines.stream()
              .filter(l -> l.startsWith("  " + p.get("symbol").textValue() + " "))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no row for " + p + " in\n" + r.out));
      assertThat(row).contains(p.get("eligible").booleanValue() ? " yes " : " no ");
      for (JsonNode reason : p.get("reasons")) {
        assertThat(row).contains(reason.textValue() + " (");
      }
    }
    if (expected.get("reason").textValue().equals("COOLDOWN")) {
      assertThat(r.out)
          .contains("remaining (" + expected.get("cooldownRemaining").textValue() + ")");
    }
  }

  @Test
  void formatNamesAreCaseInsensitiveAndJsonIsTheDefault() {
    String path = CliRun.scenarios().resolve("01-simple-swap.json").toString();
    CliRun byDefault = CliRun.rebalance("explain", "--scenario", path);
    CliRun json = CliRun.rebalance("explain", "--scenario", path, "--format", "JSON");
    assertThat(json.exit).isZero();
    assertThat(json.out).isEqualTo(byDefault.out).startsWith("{");
  }

  @Test
  void helpOnTheRootAndOnExplain() {
    CliRun root = CliRun.rebalance("--help");
    assertThat(root.exit).isZero();
    assertThat(root.out).contains("explain");
    CliRun explain = CliRun.rebalance("explain", "--help");
    assertThat(explain.exit).isZero();
    assertThat(explain.out)
        .contains("--scenario=FILE")
        .contains("--format=FORMAT")
        .contains("Exit codes:");
    CliRun viaHelp = CliRun.rebalance("help", "explain");
    assertThat(viaHelp.exit).isZero();
    assertThat(viaHelp.out).isEqualTo(explain.out);
  }

  @Test
  void versionOnTheRoot() {
    CliRun r = CliRun.rebalance("--version");
    assertThat(r.exit).isZero();
    assertThat(r.out).startsWith("rebalance ").doesNotContain("unknown");
  }
}
