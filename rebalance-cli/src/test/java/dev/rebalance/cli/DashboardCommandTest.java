package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.alpaca.fake.FakeAlpaca;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.TrackerStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rebalance dashboard} as a command: what it prints, its options, its errors. */
class DashboardCommandTest {
  private static final Pattern PAGE =
      Pattern.compile("(http://[^\\s#]+/)#token=([A-Za-z0-9_-]{43})");

  @TempDir Path dir;

  /** The dashboard opens an existing store only (a mistyped --store never creates one). */
  @BeforeEach
  void createTheStore() {
    TrackerStores.open("json:" + dir.resolve("s.json")).close();
  }

  record Run(int code, String out, String err, List<String> seen) {}

  /** Runs the command; while it serves, fetches /api/stats from the printed URL. */
  private Run run(String... args) {
    return run(Map.of(), List.of("api/stats"), args);
  }

  /** Runs the command with {@code env}; while it serves, fetches each of {@code paths}. */
  private Run run(Map<String, String> env, List<String> paths, String... args) {
    CommandLine cl =
        RebalanceCommand.commandLine(
            Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC), env);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    List<String> seen = new ArrayList<>();
    DashboardCommand cmd = cl.getSubcommands().get("dashboard").getCommand();
    cmd.await =
        () -> {
          Matcher m = PAGE.matcher(out.toString());
          assertThat(m.find()).as(out.toString()).isTrue();
          try {
            for (String path : paths) {
              HttpResponse<String> r =
                  HttpClient.newHttpClient()
                      .send(
                          HttpRequest.newBuilder(URI.create(m.group(1) + path)).build(),
                          HttpResponse.BodyHandlers.ofString());
              seen.add(r.statusCode() + " " + r.body());
            }
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        };
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString(), seen);
  }

  @Test
  void printsTheUrlWithTheTokenInTheFragmentAndServes() {
    Run r =
        run(
            "dashboard",
            "--store",
            "json:" + dir.resolve("s.json"),
            "--port",
            "0",
            "--cooldown",
            "30m");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("http://127.0.0.1:").contains("#token=").doesNotContain("?token");
    assertThat(r.err).doesNotContain("warning");
    assertThat(r.seen).hasSize(1);
    assertThat(r.seen.get(0))
        .startsWith("200 ")
        .contains("\"cooldown\":\"PT30M\"")
        .contains("\"totalRebalances\":0");
  }

  @Test
  void bindingBeyondLoopbackWarns() {
    Run r =
        run(
            "dashboard",
            "--store",
            "json:" + dir.resolve("s.json"),
            "--port",
            "0",
            "--bind",
            "0.0.0.0");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.err).contains("warning").contains("0.0.0.0");
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() {
    Run r =
        run(
            "dashboard",
            "--store",
            "json:" + dir.resolve("s.json"),
            "--port",
            "0",
            "--cooldown",
            "soon");
    assertThat(r.code).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err).contains("--cooldown").doesNotContain("Exception");
    Run p = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", "70000");
    assertThat(p.code).isEqualTo(ExitCodes.USAGE);
    assertThat(p.err).contains("port");
    assertThat(p.seen).isEmpty();
  }

  @Test
  void aBusyPortSaysSoAndSuggestsPortZero() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      String port = Integer.toString(taken.getLocalPort());
      Run r = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", port);
      assertThat(r.code).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err)
          .contains("port " + port + " on 127.0.0.1 is already in use")
          .contains("--port 0")
          .doesNotContain("unexpected")
          .doesNotContain("Exception");
      assertThat(r.err.strip().lines()).hasSize(1);
      assertThat(r.seen).isEmpty();
    }
  }

  @Test
  void livePricesComeFromAlpacaWhenTheKeysAreSet() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC);
    String store = "json:" + dir.resolve("s.json");
    try (TrackerStore s = TrackerStores.open(store)) {
      s.putEntry(
          "default",
          TrackedEntry.builder()
              .symbol("AAPL")
              .entryTime(Instant.parse("2026-02-20T15:00:00Z"))
              .entryPrice(new BigDecimal("180.50"))
              .qty(BigDecimal.TEN)
              .source(EntrySource.FILL)
              .build());
    }
    try (FakeAlpaca fake = new FakeAlpaca(clock)) {
      fake.price("AAPL", "198.55");
      Map<String, String> env =
          Map.of(
              "APCA_API_KEY_ID",
              FakeAlpaca.KEY_ID,
              "APCA_API_SECRET_KEY",
              FakeAlpaca.SECRET,
              "APCA_API_BASE_URL",
              fake.baseUrl().toString(),
              "APCA_API_DATA_URL",
              fake.baseUrl().toString());
      Run r =
          run(
              env,
              List.of("api/positions", "api/stats"),
              "dashboard",
              "--store",
              store,
              "--port",
              "0");
      assertThat(r.code).as(r.err).isZero();
      assertThat(r.out).contains("Prices: live from Alpaca");
      assertThat(r.out + r.err).doesNotContain(FakeAlpaca.SECRET);
      assertThat(r.seen.get(0))
          .startsWith("200 ")
          .contains("\"currentPrice\":198.55")
          .contains("\"plPercent\":10.00");
      assertThat(r.seen.get(1)).contains("\"pricesConfigured\":true");
    }
  }

  @Test
  void withoutKeysOrPricesItSaysHowToGetPrices() {
    Run r = run("dashboard", "--store", "json:" + dir.resolve("s.json"), "--port", "0");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("Prices: none (set APCA_API_KEY_ID and APCA_API_SECRET_KEY");
  }

  @Test
  void thePickerListsTheStoresOtherAccounts() {
    String store = "json:" + dir.resolve("s.json");
    try (TrackerStore s = TrackerStores.open(store)) {
      s.setLastRebalance("sim-s42-run1", Instant.parse("2026-03-01T15:00:00Z"));
    }
    Run r =
        run(
            Map.of(),
            List.of("api/accounts", "api/stats?account=sim-s42-run1", "api/stats?account=typo"),
            "dashboard",
            "--store",
            store,
            "--port",
            "0");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.seen.get(0))
        .contains("\"current\":\"default\"")
        .contains("\"account\":\"sim-s42-run1\"");
    assertThat(r.seen.get(1)).startsWith("200 ").contains("\"account\":\"sim-s42-run1\"");
    assertThat(r.seen.get(2)).startsWith("404 ").contains("sim-s42-run1");
  }

  // ---- --zone: the page's times, labelled

  @Test
  void zoneSetsTheZoneOfEveryTimeThePageShows() {
    String store = "json:" + dir.resolve("s.json");
    try (TrackerStore s = TrackerStores.open(store)) {
      s.setLastRebalance("default", Instant.parse("2026-03-01T15:00:00Z"));
      s.appendHistory("default", event("25.4941176471", Instant.parse("2026-03-01T15:00:00Z")));
    }
    Run r =
        run(
            Map.of(),
            List.of(
                "api/stats",
                "api/history",
                "api/accounts",
                "api/stats?zone=UTC",
                "api/stats?zone=Mars/Olympus"),
            "dashboard",
            "--store",
            store,
            "--port",
            "0",
            "--zone",
            "America/New_York");
    assertThat(r.code).as(r.err).isZero();
    assertThat(r.out).contains("(times in America/New_York)");
    assertThat(r.seen.get(0))
        .contains("\"lastRebalance\":\"2026-03-01 10:00:00 America/New_York\"")
        .contains("\"lastRebalance\":\"2026-03-01T15:00:00Z\"");
    assertThat(r.seen.get(1)).contains("\"timestamp\":\"2026-03-01 10:00:00 America/New_York\"");
    assertThat(r.seen.get(2)).contains("\"zone\":\"America/New_York\"");
    assertThat(r.seen.get(3)).contains("\"lastRebalance\":\"2026-03-01 15:00:00 UTC\"");
    assertThat(r.seen.get(4)).startsWith("400 ").contains("zone");
    Run utc = run("dashboard", "--store", store, "--port", "0");
    assertThat(utc.out).contains("(times in UTC)");
    assertThat(utc.seen.get(0)).contains("\"lastRebalance\":\"2026-03-01 15:00:00 UTC\"");
    assertThat(run("dashboard", "--store", store, "--port", "0", "--zone", "Mars/Olympus").code)
        .isEqualTo(ExitCodes.USAGE);
  }

  // ---- one formatter: the CLI and the dashboard show a figure the same way

  @Test
  void theCliAndTheDashboardShowTheAverageTheSameWay() throws Exception {
    String store = "json:" + dir.resolve("s.json");
    try (TrackerStore s = TrackerStores.open(store)) {
      s.appendHistory("default", event("25.4941176471", Instant.parse("2026-03-01T15:00:00Z")));
    }
    String expected = HumanFormat.score(new BigDecimal("25.4941176471"));
    assertThat(expected).isEqualTo("25.49");
    StringWriter out = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Clock.fixed(Instant.parse("2026-03-02T15:00:00Z"), ZoneOffset.UTC),
            "stats",
            "--store",
            store);
    assertThat(code).isZero();
    assertThat(out.toString()).containsPattern("Average score improvement +" + expected + "\\b");
    Run r = run("dashboard", "--store", store, "--port", "0");
    JsonNode stats = RebalanceJson.json().readTree(r.seen.get(0).substring(4));
    assertThat(stats.get("text").get("avgScoreImprovement").asText()).isEqualTo(expected);
    assertThat(stats.get("avgScoreImprovement").decimalValue())
        .isEqualByComparingTo("25.4941176471");
  }

  private static RebalanceEvent event(String scoreDiff, Instant at) {
    return RebalanceEvent.builder()
        .timestamp(at)
        .oldSymbol("PEP")
        .newSymbol("KO")
        .oldScore(BigDecimal.ONE)
        .newScore(BigDecimal.ONE.add(new BigDecimal(scoreDiff)))
        .soldQty(new BigDecimal("10"))
        .sellFraction(BigDecimal.ONE)
        .build();
  }
}
