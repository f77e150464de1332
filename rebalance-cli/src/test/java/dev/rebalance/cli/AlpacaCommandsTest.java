package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.alpaca.AlpacaBroker;
import dev.rebalance.alpaca.fake.FakeAlpaca;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.TrackerStores;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code list} (live), {@code reconcile} and {@code swaps} end to end through {@link
 * Main#run(PrintWriter, PrintWriter, Clock, Map, String...)}, against the fake Alpaca server from
 * rebalance-alpaca's tests and a {@code json:} store; the environment is injected, never read.
 */
class AlpacaCommandsTest {
  private static final Instant NOW = Instant.parse("2026-11-03T16:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String CANARY_KEY = "PKCANARYKEY77QXZ0001";
  private static final String CANARY_SECRET = "canary-secret-9f8e7d6c5b4a39281706";

  @TempDir Path dir;
  private FakeAlpaca fake;
  private String store;

  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return RebalanceJson.json().readTree(out);
      } catch (Exception e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    fake = new FakeAlpaca(CLOCK);
    store = "json:" + dir.resolve("store.json");
    TrackerStores.open(store).close(); // the bot's store exists; read-only commands need one
  }

  @AfterEach
  void tearDown() throws Exception {
    fake.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("APCA_API_KEY_ID", FakeAlpaca.KEY_ID);
    env.put("APCA_API_SECRET_KEY", FakeAlpaca.SECRET);
    env.put("APCA_API_BASE_URL", fake.baseUrl().toString());
    env.put("APCA_API_DATA_URL", fake.baseUrl().toString());
    return env;
  }

  private Result run(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--store", store, "--account", "paper"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new PrintWriter(out), new PrintWriter(err), CLOCK, env, all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private void seed(TrackedEntry... entries) {
    try (TrackerStore s = TrackerStores.open(store)) {
      for (TrackedEntry e : entries) {
        s.putEntry("paper", e);
      }
    }
  }

  private static TrackedEntry entry(String symbol, String time, String price, EntrySource source) {
    return TrackedEntry.builder()
        .symbol(symbol)
        .entryTime(Instant.parse(time))
        .entryPrice(new BigDecimal(price))
        .qty(BigDecimal.TEN)
        .source(source)
        .build();
  }

  private void buyAtFake(String symbol, String qty) {
    AlpacaBroker broker = AlpacaBroker.of(fake.config().build());
    broker.submitOrder(
        OrderRequest.builder()
            .clientOrderId("test-buy-" + symbol)
            .symbol(symbol)
            .side(OrderSide.BUY)
            .qty(new BigDecimal(qty))
            .build());
  }

  // ------------------------------------------------------------------ list (live)

  @Test
  void liveListJoinsPositionsWithTrackedEntries() {
    fake.position("AAPL", "10", "150.00");
    fake.position("MSFT", "3", "400.00");
    fake.price("AAPL", "165.00");
    seed(
        entry("AAPL", "2026-10-01T14:30:00Z", "150.00", EntrySource.FILL),
        entry("PEP", "2026-09-01T14:30:00Z", "170.00", EntrySource.IMPORT));
    assertThat(run(env(), "lock", "AAPL", "--reason", "earnings").code()).isZero();

    Result r = run(env(), "list", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode a = r.json();
    assertThat(a).hasSize(2); // live positions only: PEP is tracked but not held
    JsonNode aapl = a.get(0);
    assertThat(aapl.get("symbol").asText()).isEqualTo("AAPL");
    assertThat(aapl.get("qty").decimalValue()).isEqualByComparingTo("10");
    assertThat(aapl.get("entryTime").asText()).isEqualTo("2026-10-01T14:30:00Z");
    assertThat(aapl.get("entrySource").asText()).isEqualTo("FILL");
    assertThat(aapl.get("entryPrice").decimalValue()).isEqualByComparingTo("150.00");
    assertThat(aapl.get("currentPrice").decimalValue()).isEqualByComparingTo("165.00");
    assertThat(aapl.get("unrealizedPlPct").decimalValue()).isEqualByComparingTo("0.1");
    assertThat(aapl.get("locked").asBoolean()).isTrue();
    JsonNode msft = a.get(1);
    assertThat(msft.get("symbol").asText()).isEqualTo("MSFT");
    assertThat(msft.get("entryTime").isNull()).isTrue();
    assertThat(msft.get("entrySource").isNull()).isTrue();
    assertThat(msft.get("entryPrice").decimalValue()).isEqualByComparingTo("400.00");
    assertThat(msft.get("locked").asBoolean()).isFalse();
    List<String> fields = new ArrayList<>();
    aapl.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .containsExactly(
            "symbol",
            "qty",
            "side",
            "entryTime",
            "entrySource",
            "entryPrice",
            "currentPrice",
            "unrealizedPlPct",
            "locked");
  }

  @Test
  void liveListTable() {
    fake.position("AAPL", "10", "150.00");
    fake.position("MSFT", "3", "400.00");
    fake.price("AAPL", "165.00");
    seed(entry("AAPL", "2026-10-01T14:30:00Z", "150.00", EntrySource.RECONCILIATION));

    Result r = run(env(), "list");

    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0))
        .contains("SYMBOL", "QTY", "ENTRY TIME", "SOURCE", "ENTRY PRICE", "CURRENT PRICE", "P/L %");
    assertThat(lines.get(1))
        .startsWith("AAPL")
        .contains("2026-10-01 14:30:00 UTC", "RECONCILIATION", "150.00", "165.00", "+10.00%");
    assertThat(lines.get(2)).startsWith("MSFT").contains("unknown", "untracked", "400.00");
  }

  @Test
  void liveListPricesFromMarketDataAndShowsShorts() {
    // The shape of Alpaca's GET /v2/positions (docs.alpaca.markets, "Get all open positions"): a
    // short has side "short" and a negative qty; here without current_price, so the command asks
    // market data (GET /v2/stocks/{symbol}/trades/latest) for the price.
    fake.stub(
        "GET /v2/positions",
        200,
        "[{\"asset_id\":\"b0b6dd9d-8b9b-48a9-ba46-b9d54906e415\",\"symbol\":\"TSLA\","
            + "\"exchange\":\"NASDAQ\",\"asset_class\":\"us_equity\",\"qty\":\"-5\","
            + "\"qty_available\":\"-5\",\"side\":\"short\",\"avg_entry_price\":\"200.00\"}]");
    fake.price("TSLA", "180.00");

    Result r = run(env(), "list", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode tsla = r.json().get(0);
    assertThat(tsla.get("side").asText()).isEqualTo("short");
    assertThat(tsla.get("currentPrice").decimalValue()).isEqualByComparingTo("180.00");
    assertThat(tsla.get("unrealizedPlPct").decimalValue()).isEqualByComparingTo("0.1");
    Result table = run(env(), "list");
    assertThat(table.out().lines().toList().get(1))
        .startsWith("TSLA")
        .contains(" 5 ", "short", "180.00", "+10.00%");
  }

  @Test
  void listWithoutKeysStaysOffline() {
    seed(entry("PEP", "2026-09-01T14:30:00Z", "170.00", EntrySource.IMPORT));

    Result r = run(Map.of(), "list", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.json()).hasSize(1);
    assertThat(r.json().get(0).has("heldFor")).isTrue();
    assertThat(fake.requests()).isZero();
  }

  @Test
  void liveBaseUrlNeedsTheOptIn() {
    Map<String, String> env = env();
    env.put("APCA_API_BASE_URL", "https://api.alpaca.markets");

    Result r = run(env, "list");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("REBALANCE_ALPACA_ALLOW_LIVE").doesNotContain(FakeAlpaca.SECRET);
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  // ------------------------------------------------------------------ broker failures

  @Test
  void unauthorizedIsOneLineWithoutTheKeys() {
    Map<String, String> env = env();
    env.put("APCA_API_KEY_ID", CANARY_KEY);
    env.put("APCA_API_SECRET_KEY", CANARY_SECRET);

    for (String[] args : List.of(new String[] {"list"}, new String[] {"reconcile", "--json"})) {
      Result r = run(env, args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.FAILED);
      assertThat(r.err().lines().toList())
          .singleElement()
          .asString()
          .startsWith("error: Alpaca: ")
          .contains("401");
      assertThat(r.out() + r.err())
          .doesNotContain(CANARY_SECRET)
          .doesNotContain(CANARY_KEY)
          .doesNotContain("\tat ");
    }
  }

  @Test
  void serverErrorIsOneLine() {
    fake.stub(
        "GET /v2/positions",
        500,
        "{\"code\":50010000,\"message\":\"internal server error occurred\"}");

    Result r = run(env(), "list", "--json");

    assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines().toList())
        .singleElement()
        .asString()
        .startsWith("error: Alpaca: ")
        .contains("500");
    assertThat(r.err()).doesNotContain(FakeAlpaca.SECRET).doesNotContain("\tat ");
  }

  // ------------------------------------------------------------------ reconcile

  @Test
  void reconcileNeedsTheKeys() {
    Map<String, String> env = new HashMap<>();
    env.put("APCA_API_KEY_ID", CANARY_KEY);

    Result r = run(env, "reconcile");

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .contains("APCA_API_KEY_ID", "APCA_API_SECRET_KEY", "missing: APCA_API_SECRET_KEY");
    assertThat(r.err()).doesNotContain(CANARY_KEY);
    assertThat(fake.requests()).isZero();
  }

  @Test
  void reconcileReportsWhatItFound() {
    buyAtFake("AAPL", "10"); // fills at the fake: a position with fill history
    Instant aaplFill = Instant.parse(fake.fills().get(0).get("transaction_time").asText());
    fake.position("MSFT", "5", "400.00"); // held, no fills
    fake.position("TSLA", "2", "240.00");
    seed(
        entry("TSLA", "2026-10-05T14:30:00Z", "240.00", EntrySource.FILL),
        entry("PEP", "2026-09-01T14:30:00Z", "170.00", EntrySource.IMPORT));
    int before = fake.orderPosts();

    Result r = run(env(), "reconcile", "--json");

    assertThat(r.code()).as(r.err()).isZero();
    JsonNode j = r.json();
    assertThat(j.get("reconstructed")).hasSize(1);
    assertThat(j.get("reconstructed").get(0).get("symbol").asText()).isEqualTo("AAPL");
    assertThat(Instant.parse(j.get("reconstructed").get(0).get("entryTime").asText()))
        .isEqualTo(aaplFill);
    assertThat(j.get("reconstructed").get(0).get("entrySource").asText())
        .isEqualTo("RECONCILIATION");
    assertThat(j.get("unknown")).hasSize(1);
    assertThat(j.get("unknown").get(0).get("symbol").asText()).isEqualTo("MSFT");
    assertThat(j.get("unknown").get(0).get("reason").asText()).isNotBlank();
    assertThat(j.get("closed")).hasSize(1);
    assertThat(j.get("closed").get(0).get("symbol").asText()).isEqualTo("PEP");
    assertThat(j.get("alreadyTracked")).hasSize(1);
    assertThat(j.get("alreadyTracked").get(0).asText()).isEqualTo("TSLA");
    assertThat(j.get("clean").asBoolean()).isFalse();
    assertThat(fake.orderPosts()).as("reconcile never trades").isEqualTo(before);
    try (TrackerStore s = TrackerStores.open(store)) {
      assertThat(s.entry("paper", "AAPL")).map(TrackedEntry::entryTime).contains(aaplFill);
      assertThat(s.entry("paper", "PEP")).isEmpty();
    }

    // A second run finds the store in agreement; the text form says so.
    Result again = run(env(), "reconcile");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("Reconstructed from fill history: 0", "Closed (no longer held): 0")
        .contains("Held without a known entry time: 1", "MSFT")
        .contains("Already tracked: 2 (", "AAPL", "TSLA");
  }

  @Test
  void reconcileTextListsReconstructedEntriesWithTimes() {
    buyAtFake("AAPL", "4");
    Instant aaplFill = Instant.parse(fake.fills().get(0).get("transaction_time").asText());

    Result r = run(env(), "reconcile");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Reconstructed from fill history: 1")
        .contains(HumanFormat.time(aaplFill, java.time.ZoneOffset.UTC))
        .contains("RECONCILIATION")
        .contains("Store updated");
  }

  // ------------------------------------------------------------------ swaps

  @Test
  void swapsListsOpenIntentsOffline() {
    Instant created = Instant.parse("2026-11-03T15:30:00Z");
    try (TrackerStore s = TrackerStores.open(store)) {
      s.putIntent(
          "paper", intent("swap-open-1", SwapStatus.SELL_FILLED, created, "buy not sent yet"));
      s.putIntent(
          "paper", intent("swap-done-2", SwapStatus.COMPLETED, created.plusSeconds(60), "done"));
    }

    Result json = run(Map.of(), "swaps", "--json");
    Result table = run(Map.of(), "swaps");

    assertThat(json.code()).as(json.err()).isZero();
    assertThat(json.json()).hasSize(1);
    JsonNode i = json.json().get(0);
    assertThat(i.get("id").asText()).isEqualTo("swap-open-1");
    assertThat(i.get("status").asText()).isEqualTo("SELL_FILLED");
    assertThat(i.get("sellSymbol").asText()).isEqualTo("PEP");
    assertThat(i.get("sellQty").decimalValue()).isEqualByComparingTo("5");
    assertThat(i.get("buySymbol").asText()).isEqualTo("AAPL");
    assertThat(i.get("createdAt").asText()).isEqualTo("2026-11-03T15:30:00Z");
    assertThat(i.get("updatedAt").asText()).isEqualTo("2026-11-03T15:31:00Z");
    assertThat(i.get("sellOrderId").asText()).isEqualTo("order-1");
    assertThat(i.get("buyOrderId").isNull()).isTrue();
    assertThat(i.get("detail").asText()).isEqualTo("buy not sent yet");
    assertThat(table.code()).isZero();
    assertThat(table.out().lines().toList().get(0))
        .contains("ID", "STATUS", "SELL", "QTY", "BUY", "CREATED", "UPDATED", "DETAIL");
    assertThat(table.out())
        .contains("swap-open-1", "SELL_FILLED", "PEP", "AAPL", "buy not sent yet")
        .doesNotContain("swap-done-2");
  }

  @Test
  void swapsWithNoneOpen() {
    Result r = run(Map.of(), "swaps");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("No unfinished swaps.");
    assertThat(run(Map.of(), "swaps", "--json").json()).isEmpty();
  }

  private static SwapIntent intent(String id, SwapStatus status, Instant created, String detail) {
    return SwapIntent.builder()
        .id(id)
        .createdAt(created)
        .updatedAt(created.plusSeconds(60))
        .status(status)
        .sellSymbol("PEP")
        .sellQty(new BigDecimal("5"))
        .sellFraction(BigDecimal.ONE)
        .buySymbol("AAPL")
        .oldScore(new BigDecimal("0.4"))
        .newScore(new BigDecimal("0.9"))
        .sellOrderId("order-1")
        .detail(detail)
        .build();
  }
}
