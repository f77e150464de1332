package dev.rebalance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.stats.PriceSource;
import dev.rebalance.core.stats.RebalanceMetrics;
import dev.rebalance.core.stats.RebalanceStats;
import dev.rebalance.core.store.TrackerStores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: runs, reruns on the same store, JSON output, comparisons and bad input. */
class ExampleBotTest {
  @TempDir Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = ExampleBot.run(o, e, false, args);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * The bot shows a figure as the CLI and the dashboard do: through HumanFormat, from the same
   * metrics the CLI's {@code stats} computes over the store the bot wrote.
   */
  @Test
  void theBotShowsFiguresAsTheCliAndTheDashboardDo() {
    String store = "sqlite:" + dir.resolve("figures.db");
    Result r = run("--store", store, "--days", "3", "--zone", "America/New_York");
    assertThat(r.code()).as(r.err()).isZero();
    try (TrackerStore s = TrackerStores.open(store)) {
      RebalanceStats stats = RebalanceMetrics.compute(s, "sim-s42-run1", PriceSource.none());
      assertThat(stats.totalRebalances()).isPositive();
      assertThat(r.out())
          .containsPattern(
              "(?m)^  score improvement avg +"
                  + Pattern.quote(HumanFormat.score(stats.avgScoreImprovement()))
                  + "$")
          .containsPattern(
              "(?m)^  score improvement min/max +"
                  + Pattern.quote(
                      HumanFormat.score(stats.minScoreImprovement())
                          + " / "
                          + HumanFormat.score(stats.maxScoreImprovement()))
                  + "$");
      RebalanceEvent first =
          s.history("sim-s42-run1", 10_000, 0).stream()
              .min(Comparator.comparing(RebalanceEvent::timestamp))
              .orElseThrow();
      assertThat(r.out())
          .contains(
              HumanFormat.time(first.timestamp(), ZoneId.of("America/New_York"))
                  + "  SWAP  sell "
                  + first.oldSymbol())
          .contains("score " + HumanFormat.scoreDiff(first.scoreDiff()));
    }
  }

  @Test
  void runningTwiceOnOneSqliteStoreRecordsTwoRunsAndSaysSo() throws Exception {
    String store = "sqlite:" + dir.resolve("data/rebalance.db");
    Result first = run("--store", store, "--days", "3", "--lock", "WMT");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("account sim-s42-run1 (first run with seed 42 in this store)")
        .contains("Summary")
        .contains("swaps")
        .contains("buy-and-hold of start");
    assertThat(first.out())
        .containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC  SWAP  sell ");

    Result second = run("--store", store, "--days", "3", "--json");
    assertThat(second.code()).as(second.err()).isZero();
    JsonNode json = RebalanceJson.json().readTree(second.out());
    assertThat(json.get("account").asText()).isEqualTo("sim-s42-run2");
    assertThat(json.get("earlierRuns").asInt()).isEqualTo(1);

    try (TrackerStore s = TrackerStores.open(store)) {
      List<RebalanceEvent> run1 = s.history("sim-s42-run1", 10_000, 0);
      List<RebalanceEvent> run2 = s.history("sim-s42-run2", 10_000, 0);
      assertThat(json.get("swaps").asLong()).isEqualTo(run2.size()).isPositive();
      // WMT was locked for run 1 only: it is never sold there.
      assertThat(run1).extracting(RebalanceEvent::oldSymbol).doesNotContain("WMT");
      assertThat(s.locks("sim-s42-run1")).extracting(l -> l.symbol()).containsExactly("WMT");
      assertThat(s.locks("sim-s42-run2")).isEmpty();
    }
    Result third = run("--store", store, "--days", "1", "--quiet");
    assertThat(third.out())
        .contains("store reused: 2 earlier runs with seed 42 kept as sim-s42-run1 .. sim-s42-run2")
        .doesNotContain("  SWAP  ");
  }

  @Test
  void compareRunsTheSameMarketUnderEachConfigFile() throws Exception {
    Path tight = dir.resolve("tight.yaml");
    Files.writeString(tight, "rebalance_score_diff: 25\nrebalance_cooldown_minutes: 120\n");
    Path loose = dir.resolve("loose.json");
    Files.writeString(
        loose,
        "{\"scoreThreshold\": 5, \"cooldown\": \"PT15M\", \"minHoldTime\": \"PT15M\", \"sellFraction\": 0.5}");
    Result r = run("--days", "3", "--compare", tight.toString(), loose.toString(), "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode arr = RebalanceJson.json().readTree(r.out());
    assertThat(arr).hasSize(2);
    assertThat(arr.get(0).get("label").asText()).isEqualTo("tight.yaml");
    assertThat(arr.get(0).get("config").get("scoreThreshold").decimalValue())
        .isEqualByComparingTo("25");
    assertThat(arr.get(1).get("config").get("cooldown").asText()).isEqualTo("PT15M");
    // A looser threshold and a shorter cooldown swap more often on the same market.
    assertThat(arr.get(1).get("swaps").asLong()).isGreaterThan(arr.get(0).get("swaps").asLong());
    // Same seed, same market: the first scan buys the same positions, so buy-and-hold agrees.
    assertThat(arr.get(0).get("buyAndHoldEquity").decimalValue())
        .isEqualByComparingTo(arr.get(1).get("buyAndHoldEquity").decimalValue());

    Result table = run("--days", "2", "--compare");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out())
        .contains("default")
        .contains("conservative")
        .contains("aggressive")
        .contains("payoff vs keeping sold");
  }

  @Test
  void badInputIsOneLineAndExitCodeTwo() throws Exception {
    Result unknown = run("--bogus");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("--bogus");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "rebalance_partial_sell_pct: 1.5\n");
    Result badConfig = run("--config", bad.toString(), "--store", "memory:");
    assertThat(badConfig.code()).isEqualTo(2);
    assertThat(badConfig.err())
        .startsWith("error: ")
        .contains("rebalance_partial_sell_pct")
        .doesNotContain("\tat ");
    assertThat(badConfig.out()).isEmpty();

    Result missing = run("--config", dir.resolve("nope.yaml").toString(), "--store", "memory:");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.yaml");

    Result scheme = run("--store", "nosuch:thing");
    assertThat(scheme.code()).isEqualTo(2);
    assertThat(scheme.err()).contains("nosuch");

    Result broker = run("--broker", "ibkr");
    assertThat(broker.code()).isEqualTo(2);
    assertThat(broker.err()).contains("--broker");
  }
}
