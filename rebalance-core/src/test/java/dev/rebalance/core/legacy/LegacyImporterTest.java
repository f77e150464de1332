package dev.rebalance.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.tck.MutableClock;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyImporterTest {
  private static final Instant NOW = Instant.parse("2025-12-01T09:00:00Z");
  private final TestStore store = new TestStore();
  private final MutableClock clock = MutableClock.at(NOW);
  private final LegacyImporter importer = LegacyImporter.create(clock);
  @TempDir Path dir;
  private Path sample;

  @BeforeEach
  void copySample() throws IOException {
    sample = dir.resolve("position_tracking.json");
    try (InputStream in = getClass().getResourceAsStream("/legacy/position_tracking.json")) {
      Files.copy(in, sample);
    }
  }

  private Path file(String json) throws IOException {
    Path p = dir.resolve("bad.json");
    Files.writeString(p, json, StandardCharsets.UTF_8);
    return p;
  }

  private List<Object> snapshot() {
    return List.of(
        store.entries("acc"),
        store.locks("acc"),
        store.history("acc", 1000, 0),
        store.lastRebalance("acc"));
  }

  @Test
  void importsEntriesLocksHistoryAndLastRebalance() {
    ImportReport r = importer.importFile(sample, store, "acc");

    assertThat(r.entriesImported()).isEqualTo(3);
    assertThat(r.locksImported()).isEqualTo(2);
    assertThat(r.historyImported()).isEqualTo(2);
    assertThat(r.lastRebalanceUpdated()).isTrue();
    assertThat(r.timestampsWithoutOffset()).isEqualTo(1);
    assertThat(r.ignoredFields()).containsExactly("$.positions['BRK.B'].notes", "$.version");
    assertThat(r.changed()).isTrue();

    TrackedEntry aapl = store.entry("acc", "AAPL").orElseThrow();
    assertThat(aapl.entryTime()).isEqualTo(Instant.parse("2025-11-25T14:02:11.123456Z"));
    assertThat(aapl.entryPrice()).contains(new BigDecimal("189.43"));
    assertThat(aapl.score()).contains(new BigDecimal("71.5"));
    assertThat(aapl.reason()).contains("momentum breakout");
    assertThat(aapl.source()).isEqualTo(EntrySource.IMPORT);
    assertThat(aapl.qty()).isEmpty();
    TrackedEntry brk = store.entry("acc", "BRK.B").orElseThrow();
    assertThat(brk.entryTime()).isEqualTo(Instant.parse("2025-11-20T15:30:00Z"));
    assertThat(brk.score()).isEmpty();

    assertThat(store.locks("acc"))
        .extracting(PositionLock::symbol, PositionLock::lockedAt, l -> l.lockedBy().orElseThrow())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("BRK.B", NOW, "import"),
            org.assertj.core.groups.Tuple.tuple("MSFT", NOW, "import"));

    List<RebalanceEvent> h = store.history("acc", 10, 0);
    assertThat(h).extracting(RebalanceEvent::oldSymbol).containsExactly("PEP", "KO");
    assertThat(h.get(0).scoreDiff()).isEqualTo(new BigDecimal("23.2"));
    assertThat(store.lastRebalance("acc")).contains(Instant.parse("2025-11-25T15:45:00Z"));
  }

  @Test
  void importingTwiceChangesNothing() {
    importer.importFile(sample, store, "acc");
    List<Object> before = snapshot();
    int writes = store.writes.get();
    clock.advance(Duration.ofHours(5));

    ImportReport second = importer.importFile(sample, store, "acc");

    assertThat(second.changed()).isFalse();
    assertThat(second.entriesUnchanged()).isEqualTo(3);
    assertThat(second.locksSkipped()).isEqualTo(2);
    assertThat(second.historySkipped()).isEqualTo(2);
    assertThat(snapshot()).isEqualTo(before);
    assertThat(store.writes.get()).isEqualTo(writes);
  }

  @Test
  void existingDifferentEntryIsKeptAndNewerLastRebalanceIsNotMovedBack() {
    TrackedEntry fromFill =
        TrackedEntry.builder()
            .symbol("AAPL")
            .entryTime(Instant.parse("2025-11-30T10:00:00Z"))
            .build();
    store.putEntry("acc", fromFill);
    store.setLastRebalance("acc", Instant.parse("2025-11-30T10:00:00Z"));

    ImportReport r = importer.importFile(sample, store, "acc");

    assertThat(r.entriesKept()).isEqualTo(1);
    assertThat(r.entriesImported()).isEqualTo(2);
    assertThat(r.lastRebalanceUpdated()).isFalse();
    assertThat(store.entry("acc", "AAPL")).contains(fromFill);
    assertThat(store.lastRebalance("acc")).contains(Instant.parse("2025-11-30T10:00:00Z"));
  }

  @Test
  void historyAlreadyStoredOrRepeatedInTheFileIsSkipped() throws IOException {
    store.appendHistory(
        "acc",
        RebalanceEvent.builder()
            .timestamp(Instant.parse("2025-11-24T16:10:00Z"))
            .oldSymbol("KO")
            .newSymbol("AAPL")
            .oldScore(new BigDecimal("48"))
            .newScore(new BigDecimal("60.50"))
            .build());
    Path p =
        file(
            "{\"rebalancing_history\": ["
                + "{\"timestamp\": \"2025-11-24T16:10:00+00:00\", \"old_symbol\": \"KO\", \"new_symbol\": \"AAPL\", \"old_score\": 48.0, \"new_score\": 60.5},"
                + "{\"timestamp\": \"2025-11-26T10:00:00Z\", \"old_symbol\": \"A\", \"new_symbol\": \"B\", \"old_score\": 1, \"new_score\": 2},"
                + "{\"timestamp\": \"2025-11-26T10:00:00Z\", \"old_symbol\": \"A\", \"new_symbol\": \"B\", \"old_score\": 1, \"new_score\": 2}]}");

    ImportReport r = importer.importFile(p, store, "acc");

    assertThat(r.historyImported()).isEqualTo(1);
    assertThat(r.historySkipped()).isEqualTo(2);
    assertThat(store.history("acc", 10, 0)).hasSize(2);
  }

  @Test
  void nullSectionsAndAnEmptyObjectImportNothing() throws IOException {
    ImportReport r =
        importer.importFile(
            file(
                "{\"positions\": null, \"locked_positions\": null, \"last_rebalance\": null, \"rebalancing_history\": null}"),
            store,
            "acc");
    assertThat(r.changed()).isFalse();
    assertThat(importer.importFile(file("{}"), store, "acc").changed()).isFalse();
  }

  @Test
  void offsetLessTimestampsUseTheConfiguredZone() throws IOException {
    Path p = file("{\"positions\": {\"AAPL\": {\"entry_time\": \"2025-11-25 09:30:00\"}}}");
    importer.withDefaultZone(ZoneId.of("America/New_York")).importFile(p, store, "acc");
    assertThat(store.entry("acc", "AAPL").orElseThrow().entryTime())
        .isEqualTo(Instant.parse("2025-11-25T14:30:00Z"));
  }

  private void assertRejected(String json, String... messageParts) throws IOException {
    Path p = file(json);
    assertThatThrownBy(() -> importer.importFile(p, store, "acc"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(p.toString())
        .hasMessageContainingAll(messageParts);
    assertThat(store.writes.get()).as("nothing written").isZero();
  }

  @Test
  void malformedJsonNamesTheFileAndLine() throws IOException {
    assertRejected(
        "{\n  \"positions\": {\n    \"AAPL\": {\"entry_time\": \"2025-11-25T14:00:00Z\",}\n  }\n}",
        "line 3");
  }

  @Test
  void wrongTypeNamesThePathAndLineAndWritesNothingAtAll() throws IOException {
    assertRejected(
        "{\n"
            + "  \"locked_positions\": [\"BRK.B\"],\n"
            + "  \"positions\": {\n"
            + "    \"AAPL\": {\"entry_time\": \"2025-11-25T14:00:00Z\", \"entry_price\": 10},\n"
            + "    \"MSFT\": {\"entry_time\": \"2025-11-25T14:00:00Z\", \"entry_price\": \"abc\"}\n"
            + "  }\n"
            + "}",
        "$.positions.MSFT.entry_price",
        "line 5",
        "expected a number",
        "\"abc\"");
  }

  @Test
  void missingEntryTimeIsRejected() throws IOException {
    assertRejected(
        "{\"positions\": {\"AAPL\": {\"entry_price\": 10}}}",
        "$.positions.AAPL",
        "entry_time is missing");
  }

  @Test
  void nonPositivePriceIsRejected() throws IOException {
    assertRejected(
        "{\"positions\": {\"AAPL\": {\"entry_time\": \"2025-11-25T14:00:00Z\", \"entry_price\": 0}}}",
        "$.positions.AAPL.entry_price",
        "must be > 0");
  }

  @Test
  void badTimestampIsRejected() throws IOException {
    assertRejected("{\"last_rebalance\": \"yesterday\"}", "$.last_rebalance", "ISO-8601");
    assertRejected("{\"last_rebalance\": 1732549500}", "$.last_rebalance", "expected a string");
  }

  @Test
  void inconsistentScoreDiffIsRejected() throws IOException {
    assertRejected(
        "{\"rebalancing_history\": [{\"timestamp\": \"2025-11-25T14:00:00Z\", \"old_symbol\": \"A\", \"new_symbol\": \"B\", \"old_score\": 1, \"new_score\": 2, \"score_diff\": 5}]}",
        "$.rebalancing_history[0].score_diff",
        "must equal new_score - old_score");
  }

  @Test
  void missingHistoryFieldAndBadSymbolAreRejected() throws IOException {
    assertRejected(
        "{\"rebalancing_history\": [{\"timestamp\": \"2025-11-25T14:00:00Z\", \"old_symbol\": \"A\", \"old_score\": 1, \"new_score\": 2}]}",
        "$.rebalancing_history[0]",
        "new_symbol is missing");
    assertRejected("{\"locked_positions\": [\" AAPL\"]}", "$.locked_positions[0]", "symbol");
    assertRejected("{\"locked_positions\": [42]}", "$.locked_positions[0]", "expected a string");
  }

  @Test
  void duplicateKeysAndNonObjectRootAreRejected() throws IOException {
    assertRejected(
        "{\"last_rebalance\": null,\n \"last_rebalance\": null}", "line 2", "last_rebalance");
    assertRejected("[1, 2]", "$", "expected an object");
    assertRejected("", "empty");
    assertRejected("{} {}", "after the JSON document");
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> importer.importFile(missing, store, "acc"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("not found");
  }

  @Test
  void anInvalidAccountIdIsRefusedBeforeAnythingIsWritten() throws IOException {
    // Issue 11 item 4: a 300-character account used to import entries and locks, then fail at the
    // first history file ("File name too long"), leaving the import half done.
    Path storeDir = dir.resolve("store");
    dev.rebalance.core.store.JsonFileTrackerStore.open(storeDir).close();
    Map<String, Long> before = sizes(storeDir);
    try (var json = dev.rebalance.core.store.JsonFileTrackerStore.open(storeDir)) {
      for (String bad : List.of("x".repeat(300), "a/b", "")) {
        assertThatThrownBy(() -> importer.importFile(sample, json, bad))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("account must be 1 to 64 characters");
      }
    }
    assertThat(sizes(storeDir)).as("no file of the store grew").isEqualTo(before);
  }

  private static Map<String, Long> sizes(Path root) throws IOException {
    Map<String, Long> out = new java.util.TreeMap<>();
    try (var files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          out.put(root.relativize(f).toString(), Files.size(f));
        }
      }
    }
    return out;
  }
}
