package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.cli.Main;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.stats.PriceSource;
import dev.rebalance.core.store.TrackerStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every endpoint of the dashboard's API over HTTP, against a seeded JSON-file store. */
class DashboardApiTest {
  @TempDir Path dir;
  private final Seed.MovingClock clock = new Seed.MovingClock();
  private String storeUri;
  private TrackerStore store;
  private DashboardServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  record Res(int status, JsonNode json, Map<String, List<String>> headers, String body) {}

  @BeforeEach
  void start() {
    storeUri = "json:" + dir.resolve("state.json");
    store = TrackerStores.open(storeUri);
    Seed.seed(store);
    server =
        DashboardServer.builder()
            .store(store)
            .account(Seed.ACCOUNT)
            .clock(clock)
            .port(0)
            .token(Seed.TOKEN)
            .cooldown(Duration.ofMinutes(60))
            .prices(PriceSource.of(Map.of("AAPL", new BigDecimal("198.55"))))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
    store.close();
  }

  private Res send(String method, String path, Optional<String> body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.baseUri().resolve(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body.map(HttpRequest.BodyPublishers::ofString)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
      json = RebalanceJson.json().readTree(r.body());
    }
    return new Res(r.statusCode(), json, r.headers().map(), r.body());
  }

  private Res get(String path) throws IOException, InterruptedException {
    return send("GET", path, Optional.empty());
  }

  private Res post(String path, String body, String... headers)
      throws IOException, InterruptedException {
    return send("POST", path, Optional.of(body), headers);
  }

  private String[] auth() {
    return new String[] {"Authorization", "Bearer " + Seed.TOKEN};
  }

  private Optional<PositionLock> lockOf(String symbol) {
    return store.locks(Seed.ACCOUNT).stream().filter(l -> l.symbol().equals(symbol)).findFirst();
  }

  @Test
  void statsHaveTheCliFieldsAndTheCooldownCountdown() throws Exception {
    Res r = get("/api/stats");
    assertThat(r.status).isEqualTo(200);
    JsonNode s = r.json;
    assertThat(s.get("totalRebalances").asLong()).isEqualTo(3);
    // (0.13 + 0.35 + 0.08) / 3
    assertThat(s.get("avgScoreImprovement").decimalValue()).isEqualByComparingTo("0.1866666667");
    assertThat(s.get("minScoreImprovement").decimalValue()).isEqualByComparingTo("0.08");
    assertThat(s.get("maxScoreImprovement").decimalValue()).isEqualByComparingTo("0.35");
    assertThat(s.get("lastRebalance").asText()).isEqualTo("2026-03-02T14:10:00Z");
    assertThat(s.get("cooldown").asText()).isEqualTo("PT1H");
    assertThat(s.get("cooldownEndsAt").asText()).isEqualTo("2026-03-02T15:10:00Z");
    assertThat(s.get("cooldownRemaining").asText()).isEqualTo("PT10M");
    // The original bot's card: total swaps, last swap and the number of locked positions.
    assertThat(s.get("lockedPositions").asLong()).isEqualTo(1);
    clock.now = Seed.NOW.plus(Duration.ofMinutes(15));
    assertThat(get("/api/stats").json.get("cooldownRemaining").asText()).isEqualTo("PT0S");
    assertThat(r.headers.get("Cache-Control")).containsExactly("no-store");
  }

  @Test
  void statsFieldsAreTheStatsCommandsJsonFields() throws Exception {
    List<String> api = fieldNames(get("/api/stats").json);
    List<String> cli = fieldNames(cli("stats", "--json"));
    assertThat(api).containsAll(cli);
  }

  @Test
  void positionsCarryLockPricesAndHoldTime() throws Exception {
    Res r = get("/api/positions");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.json).hasSize(3);
    JsonNode aapl = find(r.json, "AAPL");
    assertThat(aapl.get("entrySource").asText()).isEqualTo("FILL");
    assertThat(aapl.get("heldFor").asText()).isEqualTo("PT216H");
    assertThat(aapl.get("currentPrice").decimalValue()).isEqualByComparingTo("198.55");
    assertThat(aapl.get("plPercent").decimalValue()).isEqualByComparingTo("10.00");
    assertThat(aapl.get("locked").asBoolean()).isFalse();
    assertThat(aapl.get("lock").isNull()).isTrue();
    JsonNode msft = find(r.json, "MSFT");
    assertThat(msft.get("locked").asBoolean()).isTrue();
    assertThat(msft.get("lockReason").asText()).isEqualTo("earnings");
    assertThat(msft.get("lock").get("expiresAt").asText()).isEqualTo("2026-03-05T15:00:00Z");
    assertThat(msft.get("currentPrice").isNull()).isTrue();
    assertThat(msft.get("plPercent").isNull()).isTrue();
    List<String> cliFields = fieldNames(cli("list", "--json").get(0));
    assertThat(fieldNames(aapl)).containsAll(cliFields);
  }

  @Test
  void historyPagesNewestFirstAndSortsByScoreDiff() throws Exception {
    Res r = get("/api/history?limit=2&offset=0");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.json.get("total").asLong()).isEqualTo(3);
    assertThat(r.json.get("items"))
        .extracting(n -> n.get("newSymbol").asText())
        .containsExactly("NVDA", "MSFT");
    Res page2 = get("/api/history?limit=2&offset=2");
    assertThat(page2.json.get("items"))
        .extracting(n -> n.get("newSymbol").asText())
        .containsExactly("AAPL");
    Res byDiff = get("/api/history?sort=scoreDiff&order=desc");
    assertThat(byDiff.json.get("items"))
        .extracting(n -> n.get("scoreDiff").decimalValue().toPlainString())
        .containsExactly("0.35", "0.13", "0.08");
    Res oldest = get("/api/history?sort=time&order=asc&limit=1");
    assertThat(oldest.json.get("items").get(0).get("oldSymbol").asText()).isEqualTo("PEP");
    List<String> withText = new ArrayList<>(fieldNames(cli("history", "--json").get(0)));
    withText.add("text");
    assertThat(fieldNames(r.json.get("items").get(0))).isEqualTo(withText);
    // The texts are the CLI's table cells (HumanFormat): rounded scores, signed difference.
    assertThat(r.json.get("items").get(0).get("text").get("scoreDiff").asText()).isEqualTo("+0.08");
    assertThat(r.json.get("items").get(0).get("text").get("timestamp").asText()).endsWith(" UTC");
  }

  @Test
  void badHistoryParametersAre400() throws Exception {
    for (String q :
        List.of("limit=abc", "limit=0", "limit=501", "offset=-1", "sort=symbol", "order=up")) {
      Res r = get("/api/history?" + q);
      assertThat(r.status).as(q).isEqualTo(400);
      assertThat(r.json.get("error").asText()).as(q).isNotBlank();
    }
    assertThat(get("/api/history?limit=abc").json.get("error").asText()).contains("limit");
  }

  @Test
  void swapsCarryPayoffFromRecordedPrices() throws Exception {
    Res r = get("/api/swaps");
    assertThat(r.status).isEqualTo(200);
    JsonNode items = r.json.get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("newSymbol").asText()).isEqualTo("AAPL");
    // AAPL has a configured price (198.55 vs 180.50 bought): it paid off against PEP's last price.
    assertThat(items.get(0).get("boughtReturn").decimalValue()).isGreaterThan(BigDecimal.ZERO);
    assertThat(items.get(0).get("amount").isNull()).isFalse();
  }

  @Test
  void locksListsActiveLocksAsTheLockedCommandDoes() throws Exception {
    Res r = get("/api/locks");
    assertThat(r.status).isEqualTo(200);
    assertThat(r.json).hasSize(1);
    assertThat(r.json.get(0).get("symbol").asText()).isEqualTo("MSFT");
    assertThat(r.json).isEqualTo(cli("locked", "--json"));
    clock.now = Seed.NOW.plus(Duration.ofDays(4));
    assertThat(get("/api/locks").json).isEmpty();
    assertThat(get("/api/locks?all=true").json.get(0).get("active").asBoolean()).isFalse();
  }

  @Test
  void lockWithTokenStoresTheLock() throws Exception {
    Res r = post("/api/locks/aapl", "{\"reason\":\"long-term hold\",\"until\":\"2h\"}", auth());
    assertThat(r.status).isEqualTo(200);
    assertThat(r.json.get("symbol").asText()).isEqualTo("AAPL");
    assertThat(r.json.get("replaced").asBoolean()).isFalse();
    PositionLock l = lockOf("AAPL").orElseThrow();
    assertThat(l.reason()).contains("long-term hold");
    assertThat(l.expiresAt()).contains(Seed.NOW.plus(Duration.ofHours(2)));
    assertThat(l.lockedBy()).contains("dashboard");
    assertThat(find(get("/api/positions").json, "AAPL").get("locked").asBoolean()).isTrue();
  }

  @Test
  void lockWithEmptyBodyAndWithIsoInstant() throws Exception {
    assertThat(post("/api/locks/NVDA", "", auth()).status).isEqualTo(200);
    assertThat(lockOf("NVDA").orElseThrow().expiresAt()).isEmpty();
    Res r = post("/api/locks/NVDA", "{\"until\":\"2026-04-01T00:00:00Z\"}", auth());
    assertThat(r.json.get("replaced").asBoolean()).isTrue();
    assertThat(lockOf("NVDA").orElseThrow().expiresAt())
        .contains(Instant.parse("2026-04-01T00:00:00Z"));
  }

  @Test
  void missingOrWrongTokenIs401AndChangesNothing() throws Exception {
    List<PositionLock> before = store.locks(Seed.ACCOUNT);
    Res none = post("/api/locks/AAPL", "{}");
    assertThat(none.status).isEqualTo(401);
    assertThat(none.json.get("error").asText()).contains("Bearer");
    Res wrong = post("/api/locks/AAPL", "{}", "Authorization", "Bearer " + Seed.TOKEN + "x");
    assertThat(wrong.status).isEqualTo(401);
    Res basic = post("/api/locks/AAPL", "{}", "Authorization", "Basic " + Seed.TOKEN);
    assertThat(basic.status).isEqualTo(401);
    Res del = send("DELETE", "/api/locks/MSFT", Optional.empty(), "Authorization", "Bearer nope");
    assertThat(del.status).isEqualTo(401);
    assertThat(store.locks(Seed.ACCOUNT)).isEqualTo(before);
  }

  @Test
  void crossOriginRequestsAre403AndChangeNothing() throws Exception {
    List<PositionLock> before = store.locks(Seed.ACCOUNT);
    String[] evil = {"Authorization", "Bearer " + Seed.TOKEN, "Origin", "http://evil.example"};
    assertThat(post("/api/locks/AAPL", "{}", evil).status).isEqualTo(403);
    String[] site = {"Authorization", "Bearer " + Seed.TOKEN, "Sec-Fetch-Site", "cross-site"};
    assertThat(send("DELETE", "/api/locks/MSFT", Optional.empty(), site).status).isEqualTo(403);
    String otherPort = "http://127.0.0.1:" + (server.baseUri().getPort() + 1);
    assertThat(
            post(
                    "/api/locks/AAPL",
                    "{}",
                    "Authorization",
                    "Bearer " + Seed.TOKEN,
                    "Origin",
                    otherPort)
                .status)
        .isEqualTo(403);
    assertThat(
            send("GET", "/api/positions", Optional.empty(), "Origin", "http://evil.example").status)
        .isEqualTo(403);
    assertThat(store.locks(Seed.ACCOUNT)).isEqualTo(before);
    String own = "http://127.0.0.1:" + server.baseUri().getPort();
    assertThat(
            post("/api/locks/AAPL", "{}", "Authorization", "Bearer " + Seed.TOKEN, "Origin", own)
                .status)
        .isEqualTo(200);
  }

  @Test
  void malformedInputIs400WithAMessage() throws Exception {
    Res bad = post("/api/locks/AAPL", "{\"reason\": ", auth());
    assertThat(bad.status).isEqualTo(400);
    assertThat(bad.json.get("error").asText()).contains("malformed JSON");
    assertThat(post("/api/locks/AAPL", "[1,2]", auth()).json.get("error").asText())
        .contains("JSON object");
    assertThat(post("/api/locks/AAPL", "{\"reasn\":\"x\"}", auth()).json.get("error").asText())
        .contains("reasn");
    assertThat(post("/api/locks/AAPL", "{\"reason\":5}", auth()).json.get("error").asText())
        .contains("reason must be a string");
    Res until = post("/api/locks/AAPL", "{\"until\":\"tomorrow\"}", auth());
    assertThat(until.status).isEqualTo(400);
    assertThat(until.json.get("error").asText()).startsWith("until must be");
    Res past = post("/api/locks/AAPL", "{\"until\":\"2020-01-01T00:00:00Z\"}", auth());
    assertThat(past.json.get("error").asText()).contains("future");
    Res sym = post("/api/locks/%3Cscript%3E", "{}", auth());
    assertThat(sym.status).isEqualTo(400);
    assertThat(sym.json.get("error").asText()).contains("symbol");
    assertThat(lockOf("AAPL")).isEmpty();
  }

  @Test
  void unlockRemovesTheLockAndUnknownSymbolIs404() throws Exception {
    Res ok = send("DELETE", "/api/locks/MSFT", Optional.empty(), auth());
    assertThat(ok.status).isEqualTo(200);
    assertThat(ok.json.get("unlocked").asBoolean()).isTrue();
    assertThat(lockOf("MSFT")).isEmpty();
    Res again = send("DELETE", "/api/locks/MSFT", Optional.empty(), auth());
    assertThat(again.status).isEqualTo(404);
    assertThat(again.json.get("error").asText()).contains("MSFT is not locked");
    assertThat(send("DELETE", "/api/locks/ZZZZ", Optional.empty(), auth()).status).isEqualTo(404);
  }

  @Test
  void unknownPathIs404AndWrongMethodIs405() throws Exception {
    Res r = get("/api/nothing");
    assertThat(r.status).isEqualTo(404);
    assertThat(r.json.get("error").asText()).contains("/api/nothing");
    assertThat(get("/secret.txt").status).isEqualTo(404);
    Res m = post("/api/stats", "{}", auth());
    assertThat(m.status).isEqualTo(405);
    assertThat(m.headers.get("Allow")).containsExactly("GET");
    Res g = get("/api/locks/MSFT");
    assertThat(g.status).isEqualTo(405);
    assertThat(g.headers.get("Allow")).containsExactly("POST, DELETE");
    assertThat(lockOf("MSFT")).isPresent();
  }

  @Test
  void pageAndAssetsAreServedWithAStrictPolicy() throws Exception {
    Res page = get("/");
    assertThat(page.status).isEqualTo(200);
    assertThat(page.body).contains("<title>Rebalance dashboard</title>").contains("app.js");
    assertThat(page.headers.get("Content-Security-Policy").get(0)).contains("script-src 'self'");
    assertThat(get("/app.js").body).contains("Authorization");
    assertThat(get("/style.css").status).isEqualTo(200);
  }

  @Test
  void pageUriCarriesTheTokenOnlyInTheFragment() {
    URI page = server.pageUri();
    assertThat(page.getRawQuery()).isNull();
    assertThat(page.getFragment()).isEqualTo("token=" + Seed.TOKEN);
    assertThat(DashboardServer.randomToken())
        .hasSize(43)
        .matches("[A-Za-z0-9_-]+")
        .isNotEqualTo(DashboardServer.randomToken());
  }

  @Test
  void followsChangesOtherProcessesMakeToTheStore() throws Exception {
    try (TrackerStore other = TrackerStores.open(storeUri)) {
      other.appendHistory(
          Seed.ACCOUNT,
          Seed.swap(
              Seed.NOW.minus(Duration.ofMinutes(5)), "AAPL", "AMD", "0.7", "0.9", "199", "150"));
    }
    assertThat(get("/api/stats").json.get("totalRebalances").asLong()).isEqualTo(4);
  }

  private JsonNode cli(String... args) throws IOException {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(storeUri);
    int code =
        Main.run(new PrintWriter(out), new PrintWriter(err), clock, all.toArray(String[]::new));
    assertThat(code).as(err.toString()).isZero();
    return RebalanceJson.json().readTree(out.toString());
  }

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode find(JsonNode array, String symbol) {
    for (JsonNode n : array) {
      if (n.get("symbol").asText().equals(symbol)) {
        return n;
      }
    }
    throw new AssertionError(symbol + " not in " + array);
  }
}
