package dev.rebalance.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.TrackerFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Damaged JSON stores (issue 11, items 1 and 5): damage is reported with the file's name, and
 * nothing is written — neither by the failed call nor by reads of a healthy store.
 */
class JsonStoreDamageTest {
  private static final String A = "default";
  private static final Instant T0 = TrackerFixtures.T0;

  @TempDir Path dir;

  private JsonFileTrackerStore open() {
    return JsonFileTrackerStore.builder(dir).compactAfter(100_000).open();
  }

  /** Every file of the store with its bytes and modification time. */
  private Map<String, String> files() throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(f) && !f.getFileName().toString().endsWith(".lock")) {
          out.put(
              dir.relativize(f).toString(),
              Arrays.hashCode(Files.readAllBytes(f)) + "@" + Files.getLastModifiedTime(f));
        }
      }
    }
    return out;
  }

  @Test
  void aFileThatIsNotAStoreIsRefusedAndNothingIsLeftBehind() throws IOException {
    Path mine = dir.resolve("mine.json");
    Files.writeString(mine, "{\"hello\": \"world\"}");

    assertThatThrownBy(() -> JsonFileTrackerStore.open(mine))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(mine + " is not a Rebalance store")
        .hasMessageContaining("Nothing was written");

    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(mine);
    }
    assertThat(Files.readString(mine)).isEqualTo("{\"hello\": \"world\"}");
  }

  @Test
  void aSnapshotWithoutItsJournalIsRefusedBeforeAnythingIsCreated() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putLock(
          "paper-1",
          dev.rebalance.api.PositionLock.builder()
              .symbol("KO")
              .lockedAt(Instant.parse("2025-11-25T15:45:00Z"))
              .build());
    }
    Files.delete(dir.resolve("tracker.journal.jsonl"));
    Files.delete(dir.resolve("tracker.lock"));

    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("tracker.journal.jsonl is missing");
    assertThat(dir.resolve("tracker.lock")).doesNotExist();
    assertThat(dir.resolve("tracker.journal.jsonl")).doesNotExist();
  }

  @Test
  @DisplayName(
      "Issue 11 item 1, as reported: a compacted store (1,366 locks + 379 journal lines) without its snapshot is damage; nothing is written")
  void deletedSnapshotOfACompactedStoreIsReportedNotRepaired() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      for (int i = 0; i < 1366; i++) {
        s.putLock(A, TrackerFixtures.lock("L" + i));
      }
      s.compactNow();
      for (int i = 0; i < 379; i++) {
        s.putLock(A, TrackerFixtures.lock("M" + i));
      }
    }
    Path snapshot = dir.resolve("tracker.json");
    Path journal = dir.resolve("tracker.journal.jsonl");
    assertThat(Files.readAllLines(journal)).hasSize(379);
    Files.delete(snapshot);
    Map<String, String> before = files();

    assertThatThrownBy(() -> TrackerStores.open("json:" + dir).close())
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(snapshot.toString())
        .hasMessageContaining("missing")
        .hasMessageNotContaining("\n");
    assertThat(snapshot).as("no new snapshot was written").doesNotExist();
    assertThat(files()).as("no file changed").isEqualTo(before);
    assertThat(Files.readAllLines(journal)).as("the journal keeps its 379 lines").hasSize(379);
  }

  @Test
  @DisplayName(
      "A missing snapshot next to an empty journal is damage too; next to history files as well")
  void missingSnapshotNextToAnyJournalOrHistoryIsDamage() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.appendHistory(A, TrackerFixtures.event(T0));
      s.compactNow();
    }
    Files.delete(dir.resolve("tracker.json"));
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("tracker.json");
    Files.delete(dir.resolve("tracker.journal.jsonl"));
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("tracker.json")
        .hasMessageContaining("default.jsonl");
    assertThat(dir.resolve("tracker.json")).doesNotExist();
    assertThat(dir.resolve("tracker.journal.jsonl")).doesNotExist();
  }

  @Test
  @DisplayName("A missing journal next to a snapshot is damage")
  void missingJournalIsDamage() throws IOException {
    open().close();
    Files.delete(dir.resolve("tracker.journal.jsonl"));
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("tracker.journal.jsonl")
        .hasMessageContaining("missing");
    assertThat(dir.resolve("tracker.journal.jsonl")).doesNotExist();
  }

  @Test
  @DisplayName(
      "A crash while a new store is created (temporary snapshot, empty journal) is not damage")
  void aNewStoreInterruptedBeforeItsJournalOpens() throws IOException {
    // As if killed while creating: the first snapshot still in its temporary file, the journal
    // empty.
    Files.createDirectories(dir.resolve("tracker.history"));
    Files.writeString(dir.resolve("tracker.journal.jsonl"), "");
    Files.writeString(dir.resolve("tracker.json.123.tmp"), "{\"format\" : \"rebalance-js");
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      assertThat(s.locks(A)).hasSize(1);
    }
  }

  @ParameterizedTest(name = "{0}")
  @DisplayName(
      "A snapshot that is valid JSON of the wrong shape is damage naming the file and the field; the file is untouched")
  @CsvSource(
      delimiter = '|',
      value = {
        "accounts is an array        | \"accounts\" : {         | \"accounts\" : [], \"x\" : {  | accounts",
        "locks is a string           | \"locks\" : [           | \"locks\" : \"x\", \"y\" : [  | locks",
        "generation is a string      | \"generation\" : 2       | \"generation\" : \"x\"        | generation",
        "generation is zero          | \"generation\" : 2       | \"generation\" : 0           | generation",
        "an entry is a number        | \"entries\" : [ ]        | \"entries\" : [ 7 ]          | entries[0]",
        "fills is an object          | \"locks\" : [           | \"fills\" : {}, \"locks\" : [ | fills",
        "history count is negative   | \"count\" : 0            | \"count\" : -1               | count",
        "the version is text         | \"version\" : 1          | \"version\" : \"1\"          | version",
      })
  void wrongShapeSnapshotsAreDamage(String what, String from, String to, String field)
      throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      s.putEntry(A, TrackerFixtures.entry("MSFT"));
      s.removeEntry(A, "MSFT");
      s.compactNow();
    }
    Path snapshot = dir.resolve("tracker.json");
    String good = Files.readString(snapshot);
    String bad = good.replaceFirst(java.util.regex.Pattern.quote(from.strip()), to.strip());
    assertThat(bad).as("the test's edit applies").isNotEqualTo(good);
    Files.writeString(snapshot, bad);
    Map<String, String> before = files();
    assertThatThrownBy(this::open)
        .as(what)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(snapshot.toString())
        .hasMessageContaining(field.strip());
    assertThat(files()).as("nothing written").isEqualTo(before);
  }

  @Test
  @DisplayName("A journal line of a later generation than the snapshot is damage, not applied")
  void journalLineFromTheFutureIsDamage() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
    }
    Path journal = dir.resolve("tracker.journal.jsonl");
    String line = Files.readAllLines(journal).get(0);
    String future = line.replaceFirst("\"g\":1", "\"g\":7").replace("AAPL", "EVIL");
    Files.writeString(journal, future + "\n", StandardOpenOption.APPEND);
    Map<String, String> before = files();
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(journal.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("generation 7");
    assertThat(files()).isEqualTo(before);
  }

  @Test
  @DisplayName("Journal lines of the wrong shape are damage naming the line")
  void wrongShapeJournalLinesAreDamage() throws IOException {
    open().close();
    Path journal = dir.resolve("tracker.journal.jsonl");
    for (String bad :
        new String[] {
          "[1,2]",
          "{\"g\":\"x\",\"op\":\"putLock\",\"account\":\"default\"}",
          "{\"g\":1,\"op\":\"dropTable\",\"account\":\"default\"}",
          "{\"g\":1,\"op\":\"putLock\",\"account\":\"default\",\"lock\":\"x\"}"
        }) {
      Files.writeString(journal, bad + "\n", StandardCharsets.UTF_8);
      assertThatThrownBy(this::open)
          .as(bad)
          .isInstanceOf(TrackerStoreException.class)
          .hasMessageContaining(journal.toString())
          .hasMessageContaining("line 1");
      assertThat(Files.readString(journal)).isEqualTo(bad + "\n");
    }
  }

  @Test
  @DisplayName("Reads never write: opening and reading a store with a long journal changes no file")
  void readsNeverWrite() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      for (int i = 0; i < 30; i++) {
        s.putLock(A, TrackerFixtures.lock("L" + i));
        s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(i)));
      }
      s.claimRebalance(A, T0, Duration.ofMinutes(60));
    }
    Map<String, String> before = files();
    // A store that compacts after 10 lines finds 31 waiting: a read must still not compact.
    try (TrackerStore s = JsonFileTrackerStore.builder(dir).compactAfter(10).open()) {
      assertThat(s.locks(A)).hasSize(30);
      assertThat(s.entries(A)).isEmpty();
      assertThat(s.history(A, 5, 0)).hasSize(5);
      assertThat(s.history(A, 500, 0)).hasSize(30);
      assertThat(s.historyStats(A).count()).isEqualTo(30);
      assertThat(s.lastRebalance(A)).contains(T0);
      assertThat(s.openIntents(A)).isEmpty();
      assertThat(s.fillWatermark(A)).isEmpty();
      assertThat(s.fillApplied(A, "f")).isFalse();
    }
    assertThat(files()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "Issue 11 item 5: a deleted history file is a clear error for history, stats and writes alike; nothing is written")
  void deletedHistoryFileIsReportedAndStopsWrites() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.appendHistory(A, TrackerFixtures.event(T0));
      s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(60)));
    }
    Path history = dir.resolve("tracker.history/default.jsonl");
    Files.delete(history);
    Map<String, String> before = files();
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(history.toString())
        .hasMessageContaining("missing");
    assertThat(files()).isEqualTo(before);
  }

  @Test
  @DisplayName("A history file deleted while the store is open stops every call, writes included")
  void historyFileDeletedWhileOpenStopsWrites() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.appendHistory(A, TrackerFixtures.event(T0));
      Path history = s.historyFile(A);
      Files.delete(history);
      Map<String, String> before = files();
      assertThatThrownBy(() -> s.history(A, 10, 0))
          .isInstanceOf(TrackerStoreException.class)
          .hasMessageContaining(history.toString());
      assertThatThrownBy(() -> s.historyStats(A))
          .isInstanceOf(TrackerStoreException.class)
          .hasMessageContaining(history.toString());
      assertThatThrownBy(() -> s.putLock(A, TrackerFixtures.lock("AAPL")))
          .isInstanceOf(TrackerStoreException.class)
          .hasMessageContaining(history.toString());
      assertThatThrownBy(() -> s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(5))))
          .isInstanceOf(TrackerStoreException.class);
      assertThat(files()).as("nothing written to the damaged store").isEqualTo(before);
    }
  }

  @Test
  @DisplayName(
      "A store written before swap ids and fills (no such fields) still opens and gains them")
  void anOlderSnapshotWithoutTheNewFieldsOpens() throws IOException {
    Files.createDirectories(dir.resolve("tracker.history"));
    Files.writeString(
        dir.resolve("tracker.json"),
        "{\n  \"format\" : \"rebalance-json-store\",\n  \"version\" : 1,\n  \"generation\" : 3,\n"
            + "  \"accounts\" : {\n    \"default\" : {\n      \"entries\" : [ ],\n"
            + "      \"locks\" : [ { \"symbol\" : \"AAPL\", \"lockedAt\" : \"2025-11-25T14:30:00Z\" } ],\n"
            + "      \"intents\" : [ ],\n      \"history\" : { \"count\" : 0, \"sumScoreDiff\" : \"0\","
            + " \"inTimeOrder\" : true, \"fileBytes\" : 0 }\n    }\n  }\n}\n");
    Files.writeString(dir.resolve("tracker.journal.jsonl"), "");
    try (JsonFileTrackerStore s = open()) {
      assertThat(s.locks(A)).hasSize(1);
      assertThat(s.applyFill(A, "f-1", dev.rebalance.api.EntryChange.none())).isTrue();
      assertThat(s.fillApplied(A, "f-1")).isTrue();
    }
  }
}
