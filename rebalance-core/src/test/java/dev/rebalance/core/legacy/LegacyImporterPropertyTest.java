package dev.rebalance.core.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.LogCapture;
import dev.rebalance.core.execution.HistoryRecorder;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.store.InMemoryTrackerStore;
import dev.rebalance.core.store.JsonFileTrackerStore;
import dev.rebalance.core.tracking.LockManager;
import dev.rebalance.tck.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

/** Importing any valid file twice changes nothing, in memory and through a JSON file on disk. */
class LegacyImporterPropertyTest {
  private static final Instant T0 = Instant.parse("2025-11-01T00:00:00Z");
  private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
  private static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "BRK.B", "TSLA", "PEP", "KO");

  @TempDir Path dir;

  /** One generated history row or position: symbol indexes, minutes, score hundredths. */
  private static final class Row {
    final int a;
    final int b;
    final int minute;
    final int score1;
    final int score2;

    Row(int a, int b, int minute, int score1, int score2) {
      this.a = a;
      this.b = b;
      this.minute = minute;
      this.score1 = score1;
      this.score2 = score2;
    }

    @Override
    public String toString() {
      return a + "/" + b + "@" + minute + ":" + score1 + "," + score2;
    }
  }

  private static Gen<Row> rows() {
    Gen<Integer> sym = integers().between(0, SYMBOLS.size() - 1);
    Gen<Integer> score = integers().between(-10_000, 10_000);
    return sym.zip(sym, integers().between(0, 50), (a, b, m) -> new int[] {a, b, m})
        .zip(score, score, (x, s1, s2) -> new Row(x[0], x[1], x[2], s1, s2));
  }

  private static String legacyFile(List<Row> positions, List<Row> history) {
    ObjectNode root = NODES.objectNode();
    ObjectNode pos = root.putObject("positions");
    for (Row r : positions) {
      ObjectNode p = pos.putObject(SYMBOLS.get(r.a));
      p.put("entry_time", T0.plus(Duration.ofMinutes(r.minute)).toString());
      p.put("entry_price", BigDecimal.valueOf(Math.abs(r.score1) + 1, 2));
      p.put("score", BigDecimal.valueOf(r.score2, 1));
      p.put("reason", "r" + r.b);
    }
    ArrayNode locks = root.putArray("locked_positions");
    positions.stream().filter(r -> r.b % 2 == 0).forEach(r -> locks.add(SYMBOLS.get(r.b)));
    ArrayNode h = root.putArray("rebalancing_history");
    for (Row r : history) {
      ObjectNode e = h.addObject();
      e.put("timestamp", T0.plus(Duration.ofMinutes(r.minute)).toString());
      e.put("old_symbol", SYMBOLS.get(r.a));
      e.put("new_symbol", SYMBOLS.get(r.b));
      e.put("old_score", BigDecimal.valueOf(r.score1, 2));
      e.put("new_score", BigDecimal.valueOf(r.score2, 2));
    }
    if (!history.isEmpty()) {
      root.put("last_rebalance", T0.plus(Duration.ofMinutes(history.get(0).minute)).toString());
    }
    try {
      return RebalanceJson.json().writeValueAsString(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Object> snapshot(TrackerStore s) {
    return List.of(s.entries("a"), s.locks("a"), s.history("a", 10_000, 0), s.lastRebalance("a"));
  }

  private Path write(String json, int n) {
    try {
      Path p = dir.resolve("position_tracking-" + n + ".json");
      Files.writeString(p, json);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void importingAnyValidFileTwiceChangesNothing() {
    LogCapture.quietly(
        List.of(LegacyImporter.class, LockManager.class, HistoryRecorder.class),
        this::checkImportTwice);
  }

  private void checkImportTwice() {
    int[] n = {0};
    qt().withExamples(100)
        .forAll(
            lists().of(rows()).ofSizeBetween(0, 6).map(l -> dedupeBySymbol(l)),
            lists().of(rows()).ofSizeBetween(0, 12))
        .checkAssert(
            (positions, history) -> {
              Path file = write(legacyFile(positions, history), n[0]++);
              MutableClock clock = MutableClock.at(T0.plus(Duration.ofDays(40)));
              LegacyImporter importer = LegacyImporter.create(clock);
              InMemoryTrackerStore store = new InMemoryTrackerStore();

              ImportReport first = importer.importFile(file, store, "a");
              List<Object> after = snapshot(store);
              clock.advance(Duration.ofHours(1));
              ImportReport second = importer.importFile(file, store, "a");

              assertThat(second.changed()).isFalse();
              assertThat(snapshot(store)).isEqualTo(after);
              assertThat(first.entriesImported()).isEqualTo(positions.size());
              Set<List<Object>> distinct = new HashSet<>();
              for (Row r : history) {
                distinct.add(
                    List.of(
                        r.minute,
                        r.a,
                        r.b,
                        BigDecimal.valueOf(r.score1, 2).stripTrailingZeros(),
                        BigDecimal.valueOf(r.score2, 2).stripTrailingZeros()));
              }
              assertThat(first.historyImported()).isEqualTo(distinct.size());
              assertThat(first.historyImported() + first.historySkipped())
                  .isEqualTo(history.size());
              List<RebalanceEvent> h = store.history("a", 10_000, 0);
              for (int i = 1; i < h.size(); i++) {
                assertThat(h.get(i - 1).timestamp()).isAfterOrEqualTo(h.get(i).timestamp());
              }
            });
  }

  private static List<Row> dedupeBySymbol(List<Row> rows) {
    Set<Integer> seen = new HashSet<>();
    return rows.stream().filter(r -> seen.add(r.a)).toList();
  }

  @Test
  void reimportAfterReopeningAJsonFileStoreChangesNothing() throws IOException {
    Path file = dir.resolve("position_tracking.json");
    try (var in = getClass().getResourceAsStream("/legacy/position_tracking.json")) {
      Files.copy(in, file);
    }
    Path storePath = dir.resolve("store.json");
    LegacyImporter importer = LegacyImporter.create(MutableClock.at(T0));
    List<Object> before;
    try (JsonFileTrackerStore store = JsonFileTrackerStore.open(storePath)) {
      assertThat(importer.importFile(file, store, "a").changed()).isTrue();
      before = snapshot(store);
    }
    try (JsonFileTrackerStore store = JsonFileTrackerStore.open(storePath)) {
      ImportReport again = importer.importFile(file, store, "a");
      assertThat(again.changed()).isFalse();
      assertThat(again.entriesUnchanged()).isEqualTo(3);
      assertThat(snapshot(store)).isEqualTo(before);
    }
  }
}
