package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.TrackerStores;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The management commands, end to end through {@link Main#run(PrintWriter, PrintWriter, Clock,
 * String...)}, against a store named by {@link #storeUri(Path)}; one subclass per store kind.
 */
abstract class AbstractManagementCommandsTest {
  private static final Instant T0 = Instant.parse("2025-11-25T16:00:00Z");

  @TempDir Path dir;
  private String store;
  private Instant now = T0;

  /** A clock the test moves; commands read it through Main.run. */
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };

  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return RebalanceJson.json().readTree(out);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + out, e);
      }
    }
  }

  /** The URI of a fresh store inside {@code dir}. */
  abstract String storeUri(Path dir);

  @BeforeEach
  void setUp() {
    store = storeUri(dir);
  }

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), clock, args);
    return new Result(code, out.toString(), err.toString());
  }

  /** Runs a management command against the test's store. */
  private Result cmd(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--store");
    all.add(store);
    return run(all.toArray(String[]::new));
  }

  /** Creates the (empty) store, as a bot's first start does. */
  private void createStore() {
    TrackerStores.open(store).close();
  }

  private Path sample() throws IOException {
    Path p = dir.resolve("position_tracking.json");
    try (InputStream in = getClass().getResourceAsStream("/position_tracking.json")) {
      Files.copy(in, p);
    }
    return p;
  }

  @Test
  void lockThenLockedListsItWithAllFields() {
    Result lock =
        cmd("lock", "brk.b", "--reason", "long-term hold", "--until", "2h", "--by", "ana");
    assertThat(lock.code()).isZero();
    assertThat(lock.out()).contains("Locked BRK.B until 2025-11-25 18:00:00 UTC (long-term hold)");

    Result table = cmd("locked");
    assertThat(table.code()).isZero();
    assertThat(table.out())
        .contains("[locked]", "BRK.B", "long-term hold", "ana", "2025-11-25 16:00:00 UTC");

    JsonNode json = cmd("locked", "--json").json();
    assertThat(json).hasSize(1);
    JsonNode l = json.get(0);
    assertThat(l.get("symbol").asText()).isEqualTo("BRK.B");
    assertThat(l.get("reason").asText()).isEqualTo("long-term hold");
    assertThat(l.get("lockedBy").asText()).isEqualTo("ana");
    assertThat(l.get("lockedAt").asText()).isEqualTo("2025-11-25T16:00:00Z");
    assertThat(l.get("expiresAt").asText()).isEqualTo("2025-11-25T18:00:00Z");
  }

  @Test
  void expiredLocksAreNotLockedAnyMore() {
    cmd("lock", "AAPL", "--until", "PT1H");
    cmd("lock", "MSFT");
    now = T0.plus(Duration.ofHours(1));

    assertThat(cmd("locked", "--json").json())
        .extracting(n -> n.get("symbol").asText())
        .containsExactly("MSFT");
    Result all = cmd("locked", "--all");
    assertThat(all.out()).contains("[expired]").contains("AAPL");
  }

  @Test
  void unlockOfASymbolThatIsNotLockedFailsWithAMessage() {
    createStore();
    Result r = cmd("unlock", "TSLA");
    assertThat(r.code()).isEqualTo(ExitCodes.FAILED);
    assertThat(r.err()).contains("TSLA is not locked");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unlockAndUnlockAll() {
    cmd("lock", "AAPL");
    cmd("lock", "MSFT");
    cmd("lock", "TSLA");
    Result u = cmd("unlock", "aapl");
    assertThat(u.code()).isZero();
    assertThat(u.out()).contains("Unlocked AAPL");

    Result all = cmd("unlock-all", "--json");
    assertThat(all.code()).isZero();
    assertThat(all.json().get("unlocked").asInt()).isEqualTo(2);
    assertThat(cmd("locked", "--json").json()).isEmpty();
    assertThat(cmd("unlock-all").out()).contains("No locks to remove");
  }

  @Test
  void accountsAreSeparate() {
    cmd("lock", "AAPL", "--account", "paper");
    assertThat(cmd("locked", "--json").json()).isEmpty();
    assertThat(cmd("locked", "--json", "--account", "paper").json()).hasSize(1);
  }

  @Test
  void unknownStoreSchemeIsAUsageErrorAndNeverAFallback() {
    Result r = run("locked", "--store", "nosuch:" + dir.resolve("x"));
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("nosuch");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void badUntilAndBadLimitAreUsageErrors() {
    assertThat(cmd("lock", "AAPL", "--until", "tomorrow").code()).isEqualTo(ExitCodes.USAGE);
    Result past = cmd("lock", "AAPL", "--until", "2025-11-25T15:00:00Z");
    assertThat(past.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(past.err()).contains("--until must be in the future");
    assertThat(cmd("locked", "--json").json()).isEmpty();
    assertThat(cmd("history", "--limit", "-1").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cmd("history", "--limit", "0").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cmd("history", "--limit", "ten").code()).isEqualTo(ExitCodes.USAGE);
    assertThat(cmd("lock").code()).isEqualTo(ExitCodes.USAGE);
  }

  private void seedHistory(int n) {
    try (TrackerStore s = TrackerStores.open(store)) {
      for (int i = 0; i < n; i++) {
        s.appendHistory(
            "default",
            RebalanceEvent.builder()
                .timestamp(T0.minus(Duration.ofHours(n - i)))
                .oldSymbol("OLD" + i)
                .newSymbol("NEW" + i)
                .oldScore(new BigDecimal("50.5"))
                .newScore(new BigDecimal("60.5").add(BigDecimal.valueOf(i)))
                .soldQty(new BigDecimal("10"))
                .sellFraction(new BigDecimal("0.5"))
                .sellPrice(new BigDecimal("100"))
                .buyPrice(new BigDecimal("50"))
                .build());
      }
    }
  }

  @Test
  void historyIsNewestFirstWithStableJsonFields() {
    seedHistory(3);

    JsonNode all = cmd("history", "--json").json();
    assertThat(all)
        .extracting(n -> n.get("oldSymbol").asText())
        .containsExactly("OLD2", "OLD1", "OLD0");
    JsonNode first = all.get(0);
    assertThat(first.get("timestamp").asText()).isEqualTo("2025-11-25T15:00:00Z");
    assertThat(first.get("newSymbol").asText()).isEqualTo("NEW2");
    assertThat(first.get("oldScore").decimalValue()).isEqualByComparingTo("50.5");
    assertThat(first.get("newScore").decimalValue()).isEqualByComparingTo("62.5");
    assertThat(first.get("scoreDiff").decimalValue()).isEqualByComparingTo("12");
    assertThat(first.get("soldQty").decimalValue()).isEqualByComparingTo("10");
    assertThat(first.get("sellFraction").decimalValue()).isEqualByComparingTo("0.5");

    assertThat(cmd("history", "--json", "--limit", "1").json()).hasSize(1);
    Result table = cmd("history");
    assertThat(table.out())
        .contains(
            "TIMESTAMP", "OLD2", "NEW2", "+12.00", "50.50", "50.00%", "2025-11-25 15:00:00 UTC");
  }

  @Test
  void statsCountsAndPayoffWithGivenPrices() {
    seedHistory(2);
    Result r =
        cmd(
            "stats",
            "--json",
            "--price",
            "NEW0=55",
            "--price",
            "OLD0=100",
            "--price",
            "NEW1=45",
            "--price",
            "OLD1=110");
    assertThat(r.code()).isZero();
    JsonNode s = r.json();
    assertThat(s.get("totalRebalances").asLong()).isEqualTo(2);
    assertThat(s.get("avgScoreImprovement").decimalValue()).isEqualByComparingTo("10.5");
    assertThat(s.get("minScoreImprovement").decimalValue()).isEqualByComparingTo("10");
    assertThat(s.get("maxScoreImprovement").decimalValue()).isEqualByComparingTo("11");
    assertThat(s.get("lastRebalance").asText()).isEqualTo("2025-11-25T15:00:00Z");
    assertThat(s.get("swapsWithPayoff").asLong()).isEqualTo(2);
    assertThat(s.get("swapsWithoutPrices").asLong()).isZero();
    // swap 0: bought +10%, sold 0% on 1000; swap 1: bought -10%, sold +10% on 1000
    assertThat(s.get("amountSwapped").decimalValue()).isEqualByComparingTo("2000");
    assertThat(s.get("boughtReturn").decimalValue()).isEqualByComparingTo("0");
    assertThat(s.get("soldReturn").decimalValue()).isEqualByComparingTo("0.05");
    assertThat(s.get("excessReturn").decimalValue()).isEqualByComparingTo("-0.05");
    assertThat(s.get("payoffAmount").decimalValue()).isEqualByComparingTo("-100");
    assertThat(s.get("swapsPaidOff").asLong()).isEqualTo(1);

    Result noPrices = cmd("stats", "--json");
    assertThat(noPrices.json().get("swapsWithoutPrices").asLong()).isEqualTo(2);
    assertThat(noPrices.json().get("boughtReturn").isNull()).isTrue();
    assertThat(cmd("stats").out()).contains("Total rebalances", "10.50");
    assertThat(cmd("stats", "--price", "X=-1").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void emptyStoreSaysSo() {
    createStore();
    assertThat(cmd("list").out()).contains("No tracked entries");
    assertThat(cmd("history").out()).contains("No rebalances recorded");
    assertThat(cmd("locked").out()).contains("No locked symbols");
    JsonNode s = cmd("stats", "--json").json();
    assertThat(s.get("totalRebalances").asLong()).isZero();
    assertThat(s.get("avgScoreImprovement").isNull()).isTrue();
  }

  @Test
  void importThenListShowsEntriesWithLockStatus() throws IOException {
    Result imp = cmd("import", sample().toString());
    assertThat(imp.code()).as(imp.err()).isZero();
    assertThat(imp.out())
        .contains("entries: 3 imported", "locks:   2 imported", "history: 2 imported");

    JsonNode list = cmd("list", "--json").json();
    assertThat(list)
        .extracting(n -> n.get("symbol").asText())
        .containsExactly("AAPL", "BRK.B", "TSLA");
    JsonNode brk = list.get(1);
    assertThat(brk.get("entryTime").asText()).isEqualTo("2025-11-20T15:30:00Z");
    assertThat(brk.get("entrySource").asText()).isEqualTo("IMPORT");
    assertThat(brk.get("entryPrice").decimalValue()).isEqualByComparingTo("455.1");
    assertThat(brk.get("locked").asBoolean()).isTrue();
    assertThat(brk.get("heldFor").asText()).isEqualTo("PT120H30M");
    assertThat(list.get(0).get("locked").asBoolean()).isFalse();

    Result table = cmd("list");
    assertThat(table.out())
        .contains("BRK.B", "2025-11-20 15:30:00 UTC", "IMPORT", "455.10", "[locked]");
  }

  @Test
  void importingTwiceChangesNothing() throws IOException {
    Path file = sample();
    cmd("import", file.toString());
    List<String> before =
        List.of(
            cmd("list", "--json").out(),
            cmd("locked", "--json").out(),
            cmd("history", "--json").out());
    now = T0.plus(Duration.ofDays(1));

    Result again = cmd("import", file.toString(), "--json");

    assertThat(again.code()).isZero();
    JsonNode report = again.json();
    assertThat(report.get("changed").asBoolean()).isFalse();
    assertThat(report.get("entriesUnchanged").asInt()).isEqualTo(3);
    assertThat(report.get("historySkipped").asInt()).isEqualTo(2);
    now = T0;
    List<String> after =
        List.of(
            cmd("list", "--json").out(),
            cmd("locked", "--json").out(),
            cmd("history", "--json").out());
    assertThat(after).isEqualTo(before);
  }

  @Test
  void corruptImportFileIsAUsageErrorNamingFileAndLineAndWritesNothing() throws IOException {
    Path bad = dir.resolve("corrupt.json");
    Files.writeString(
        bad,
        "{\n  \"locked_positions\": [\"AAPL\"],\n  \"positions\": {\n    \"MSFT\": {\"entry_time\": 17}\n  }\n}\n");

    Result r = cmd("import", bad.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains(bad.toString(), "line 4", "$.positions.MSFT.entry_time");
    assertThat(r.err()).doesNotContain("Exception", "\tat ");
    assertThat(cmd("locked", "--json").json()).isEmpty();
    assertThat(cmd("list", "--json").json()).isEmpty();
  }

  @Test
  void missingImportFileIsAUsageError() {
    Result r = cmd("import", dir.resolve("missing.json").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("missing.json", "not found");
  }

  @Test
  void helpListsTheManagementCommands() {
    Result r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("lock", "unlock", "unlock-all", "locked", "history", "stats", "list", "import");
  }

  // ---- issue 15, friction 3: read-only commands never create a store

  @Test
  void readOnlyCommandsRefuseAMissingStoreAndCreateNothing() {
    Path nowhere = dir.resolve("typo").resolve("deeper");
    String missing = storeUri(nowhere);
    for (String command :
        List.of("list", "locked", "history", "stats", "swaps", "accounts", "unlock-all")) {
      Result r = run(command, "--store", missing);
      assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(command).contains("no store at").doesNotContain("Exception");
      assertThat(r.out()).as(command).isEmpty();
    }
    Result unlock = run("unlock", "AAPL", "--store", missing);
    assertThat(unlock.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(dir.resolve("typo")).doesNotExist();
  }

  @Test
  void writingCommandsCreateAMissingStoreAndSaySo() {
    Result first = cmd("lock", "AAPL");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("created a new store");
    Result second = cmd("lock", "MSFT");
    assertThat(second.err()).doesNotContain("created");
    assertThat(cmd("locked", "--json").json()).hasSize(2);
  }

  // ---- issue 15, friction 5 and issue 11, item 9: one symbol rule at every entry point

  @Test
  void symbolsBreakingTheRuleAreRefusedAndNothingIsWritten() {
    cmd("lock", "KEEP");
    for (String bad : List.of("bad sym!", "$$$", "A\nB", "\u001b[31mRED", "A".repeat(10_000), "")) {
      Result r = cmd("lock", bad);
      assertThat(r.code()).as(bad).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err())
          .as(bad)
          .contains("SYMBOL must be")
          .doesNotContain("\u001b")
          .doesNotContain("\nB");
      assertThat(r.err().lines().count()).as(bad).isEqualTo(1);
      assertThat(cmd("unlock", bad).code()).as(bad).isEqualTo(ExitCodes.USAGE);
    }
    assertThat(cmd("locked", "--json").json())
        .extracting(n -> n.get("symbol").asText())
        .containsExactly("KEEP");
    assertThat(cmd("stats", "--price", "bad sym=1").code()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void accountIdsBreakingTheRuleAreRefused() {
    Result r = cmd("lock", "AAPL", "--account", "x".repeat(300));
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--account must be");
    assertThat(cmd("lock", "AAPL", "--account", "../up").code()).isEqualTo(ExitCodes.USAGE);
  }

  // ---- issue 11, item 7: overflowing durations

  @Test
  void overflowingUntilIsAUsageErrorNamingTheOption() {
    for (String until :
        List.of("PT9223372036854775807S", "P106751991167300D", "999999999w", "P36526D")) {
      Result r = cmd("lock", "ZZZ", "--until", until);
      assertThat(r.code()).as(until + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err()).as(until).contains("--until").doesNotContain("unexpected");
    }
    assertThat(cmd("lock", "ZZZ", "--until", "P36525D").code()).isZero();
  }

  // ---- issue 15, friction 9: every bad value is one line naming the option

  @Test
  void badPricesNameTheOptionAndTheForm() {
    createStore();
    for (String bad : List.of("TSLA", "TSLA=abc", "TSLA=", "TSLA=1e999999999", "=5")) {
      Result r = cmd("stats", "--price", bad);
      assertThat(r.code()).as(bad).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err())
          .as(bad)
          .contains("--price")
          .doesNotContain("option option", "NumberFormatException", "unexpected");
      assertThat(r.err().lines().count()).as(bad).isEqualTo(1);
    }
  }

  // ---- issue 15, friction 7: one time convention, labelled, --zone

  @Test
  void timesAreUtcAndLabelledOrInTheZoneAsked() {
    cmd("lock", "AAPL", "--until", "2h");
    assertThat(cmd("locked").out()).contains("2025-11-25 16:00:00 UTC", "2025-11-25 18:00:00 UTC");
    Result ny = cmd("locked", "--zone", "America/New_York");
    assertThat(ny.out()).contains("2025-11-25 11:00:00 America/New_York");
    assertThat(
            cmd("locked", "--json", "--zone", "America/New_York")
                .json()
                .get(0)
                .get("lockedAt")
                .asText())
        .isEqualTo("2025-11-25T16:00:00Z");
    Result bad = cmd("locked", "--zone", "Mars/Olympus");
    assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("--zone");
  }

  // ---- issue 15, friction 8: figures for people in tables, full precision in JSON

  @Test
  void statsRoundForPeopleAndKeepFullPrecisionInJson() {
    seedHistory(3);
    List<String> prices =
        List.of(
            "--price",
            "NEW0=55.123",
            "--price",
            "OLD0=100",
            "--price",
            "NEW1=47",
            "--price",
            "OLD1=101",
            "--price",
            "NEW2=33.333",
            "--price",
            "OLD2=99");
    List<String> text = new ArrayList<>(List.of("stats"));
    text.addAll(prices);
    Result r = cmd(text.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("Amount swapped", "3,000.00", "%")
        .doesNotContainPattern("\\d\\.\\d{5,}");
    List<String> json = new ArrayList<>(List.of("stats", "--json"));
    json.addAll(prices);
    JsonNode j = cmd(json.toArray(String[]::new)).json();
    assertThat(j.get("excessReturn").decimalValue().scale()).isGreaterThan(4);
  }

  // ---- issue 15, friction 2: rebalance accounts, and naming the other accounts

  @Test
  void accountsListsEveryAccountAndAnEmptyAccountNamesThem() {
    cmd("lock", "AAPL", "--account", "sim-s42-run1");
    cmd("lock", "MSFT", "--account", "sim-s42-run1");
    cmd("lock", "TSLA", "--account", "paper");

    Result table = cmd("accounts");
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out()).contains("ACCOUNT", "sim-s42-run1", "paper");
    JsonNode json = cmd("accounts", "--json").json();
    assertThat(json)
        .extracting(n -> n.get("account").asText())
        .containsExactly("paper", "sim-s42-run1");
    assertThat(json.get(1).get("locks").asInt()).isEqualTo(2);

    for (String command : List.of("locked", "history", "list", "stats")) {
      assertThat(cmd(command).out()).as(command).contains("paper", "sim-s42-run1", "--account");
    }
    assertThat(cmd("locked", "--account", "paper").out()).doesNotContain("sim-s42-run1");
  }

  // ---- issue 15, friction 10: what HELD is measured against

  @Test
  void heldSaysWhatItIsMeasuredToAndCanUseTheLastActivity() throws IOException {
    cmd("import", sample().toString());
    now = T0.plus(Duration.ofDays(680));

    Result wall = cmd("list");
    assertThat(wall.out()).contains("HELD: to now", "--held-at last-activity");
    Result sim = cmd("list", "--held-at", "last-activity");
    assertThat(sim.out()).contains("HELD: to the account's last activity, 2025-11-25 15:45:00 UTC");
    assertThat(sim.out()).contains("5d 0h").doesNotContain("685d");
    assertThat(cmd("list", "--held-at", "yesterday").code()).isEqualTo(ExitCodes.USAGE);
  }
}
