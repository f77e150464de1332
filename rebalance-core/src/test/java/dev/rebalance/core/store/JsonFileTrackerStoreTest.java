package dev.rebalance.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.tck.TrackerFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileTrackerStoreTest {
  private static final String A = "default";
  private static final Instant T0 = TrackerFixtures.T0;

  @TempDir Path dir;

  private JsonFileTrackerStore open() {
    return JsonFileTrackerStore.builder(dir).compactAfter(1000).open();
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
  }

  @Test
  @DisplayName(
      "A torn last journal line (no newline) is skipped by reads and cut by the next write; acknowledged writes stay.")
  void tornJournalTailIsDiscarded() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      s.putEntry(A, TrackerFixtures.entry("MSFT"));
    }
    Path journal = dir.resolve("tracker.journal.jsonl");
    long good = Files.size(journal);
    String torn = "{\"g\":1,\"op\":\"putLock\",\"account\":\"default\",\"lo";
    append(journal, torn);
    try (JsonFileTrackerStore s = open()) {
      assertThat(s.locks(A)).hasSize(1);
      assertThat(s.entries(A)).hasSize(1);
      assertThat(Files.size(journal))
          .as("reads never write: the torn tail is still there")
          .isEqualTo(good + torn.length());
      s.putLock(A, TrackerFixtures.lock("PEP"));
      assertThat(Files.readString(journal))
          .as("the write cut the torn tail")
          .doesNotContain("\"lo{");
    }
    try (JsonFileTrackerStore s = open()) {
      assertThat(s.locks(A)).extracting(l -> l.symbol()).containsExactly("AAPL", "PEP");
    }
  }

  @Test
  @DisplayName("A torn last history line is discarded; the events before it are all there.")
  void tornHistoryTailIsDiscarded() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.appendHistory(A, TrackerFixtures.event(T0));
      s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(60)));
    }
    Path history = dir.resolve("tracker.history/default.jsonl");
    append(history, "{\"timestamp\":\"2025-11-25T15:");
    try (JsonFileTrackerStore s = open()) {
      assertThat(s.historyStats(A).count()).isEqualTo(2);
      s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(120)));
      assertThat(s.history(A, 10, 0))
          .extracting(RebalanceEvent::timestamp)
          .containsExactly(T0.plusSeconds(120), T0.plusSeconds(60), T0);
    }
  }

  @Test
  @DisplayName(
      "A damaged line in the middle of the journal fails with the file and line, and the file is untouched.")
  void corruptJournalLineFailsNamingFileAndLine() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      s.putLock(A, TrackerFixtures.lock("MSFT"));
      s.putLock(A, TrackerFixtures.lock("PEP"));
    }
    Path journal = dir.resolve("tracker.journal.jsonl");
    List<String> lines = Files.readAllLines(journal);
    lines.set(1, lines.get(1).substring(0, 20) + "#garbage#");
    Files.write(journal, lines);
    byte[] before = Files.readAllBytes(journal);
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(journal.toString())
        .hasMessageContaining("line 2")
        .hasMessageContaining("left untouched");
    assertThat(Files.readAllBytes(journal))
        .as("the damaged journal is never rewritten")
        .isEqualTo(before);
  }

  @Test
  @DisplayName("A damaged line in the middle of a history file fails with the file and line.")
  void corruptHistoryLineFailsNamingFileAndLine() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      for (int i = 0; i < 5; i++) {
        s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(i)));
      }
    }
    Path history = dir.resolve("tracker.history/default.jsonl");
    List<String> lines = Files.readAllLines(history);
    lines.set(2, "{\"timestamp\":\"not a time\",\"oldSymbol\":\"PEP\"}");
    Files.write(history, lines);
    byte[] before = Files.readAllBytes(history);
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(history.toString())
        .hasMessageContaining("line 3");
    assertThat(Files.readAllBytes(history)).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "A damaged snapshot fails naming the file and line; a foreign or newer file is refused clearly.")
  void badSnapshotsAreRefused() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      s.compactNow();
    }
    Path snapshot = dir.resolve("tracker.json");
    String good = Files.readString(snapshot);
    Files.writeString(snapshot, good.replaceFirst("\"locks\"", "\"locks\" ]]"));
    byte[] damaged = Files.readAllBytes(snapshot);
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(snapshot.toString())
        .hasMessageMatching("(?s).*line \\d+.*");
    assertThat(Files.readAllBytes(snapshot)).isEqualTo(damaged);

    Files.writeString(snapshot, "{\"positions\":{},\"locked_positions\":[\"AAPL\"]}");
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("not a Rebalance JSON store")
        .hasMessageContaining("import");

    Files.writeString(snapshot, good.replace("\"version\" : 1", "\"version\" : 2"));
    assertThatThrownBy(this::open)
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("format version 2");
  }

  @Test
  @DisplayName("The files are human-readable JSON with exact decimals and ISO-8601 times.")
  void filesAreHumanReadable() throws IOException {
    try (JsonFileTrackerStore s = open()) {
      s.putEntry(A, TrackerFixtures.entry("PEP"));
      s.appendHistory(A, TrackerFixtures.event(T0));
      s.compactNow();
    }
    String snapshot = Files.readString(dir.resolve("tracker.json"));
    assertThat(snapshot)
        .contains("\"format\" : \"rebalance-json-store\"")
        .contains("\"entryPrice\" : \"168.50\"")
        .contains("\"entryTime\" : \"2025-11-25T14:30:00Z\"")
        .contains("\n");
    String history = Files.readString(dir.resolve("tracker.history/default.jsonl"));
    assertThat(history)
        .startsWith(
            "{\"timestamp\":\"2025-11-25T14:30:00Z\",\"oldSymbol\":\"PEP\",\"newSymbol\":\"TSLA\"")
        .contains("\"scoreDiff\":\"23.2\"")
        .endsWith("}\n");
  }

  @Test
  @DisplayName(
      "Compaction folds the journal into the snapshot; stale journal lines left by a crash are ignored.")
  void compactionAndStaleJournal() throws IOException {
    Path journal = dir.resolve("tracker.journal.jsonl");
    byte[] stale;
    try (JsonFileTrackerStore s = open()) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      s.removeLock(A, "AAPL");
      stale = Files.readAllBytes(journal);
      s.compactNow();
      assertThat(Files.size(journal)).as("journal after compaction").isZero();
      s.putLock(A, TrackerFixtures.lock("MSFT"));
    }
    // As if the process died after renaming the snapshot but before truncating the journal.
    byte[] fresh = Files.readAllBytes(journal);
    byte[] both = new byte[stale.length + fresh.length];
    System.arraycopy(stale, 0, both, 0, stale.length);
    System.arraycopy(fresh, 0, both, stale.length, fresh.length);
    Files.write(journal, both);
    try (JsonFileTrackerStore s = open()) {
      assertThat(s.locks(A)).extracting(l -> l.symbol()).containsExactly("MSFT");
    }
  }

  @Test
  @DisplayName("Automatic compaction keeps the journal short while the state stays complete.")
  void automaticCompaction() {
    try (JsonFileTrackerStore s = JsonFileTrackerStore.builder(dir).compactAfter(10).open()) {
      for (int i = 0; i < 95; i++) {
        s.putLock(A, TrackerFixtures.lock("S" + i));
        s.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(i)));
      }
      assertThat(s.journalFile()).satisfies(f -> assertThat(Files.size(f)).isLessThan(10 * 400));
    }
    try (JsonFileTrackerStore s = open()) {
      assertThat(s.locks(A)).hasSize(95);
      assertThat(s.historyStats(A).count()).isEqualTo(95);
      assertThat(s.history(A, 1, 0).get(0).timestamp()).isEqualTo(T0.plusSeconds(94));
    }
  }

  @Test
  @DisplayName(
      "A second instance sees history appended by the first, and its stats, incrementally.")
  void secondInstanceFoldsNewHistory() {
    try (JsonFileTrackerStore one = open();
        JsonFileTrackerStore two = open()) {
      one.appendHistory(A, TrackerFixtures.event(T0));
      assertThat(two.historyStats(A).count()).isEqualTo(1);
      two.appendHistory(A, TrackerFixtures.event(T0.plusSeconds(5)));
      assertThat(one.history(A, 5, 0)).hasSize(2);
      one.claimRebalance(A, T0, Duration.ofHours(1));
      assertThat(two.claimRebalance(A, T0.plusSeconds(60), Duration.ofHours(1))).isFalse();
    }
  }

  @Test
  @DisplayName("Account ids become safe, reversible file names.")
  void accountNamesRoundTrip() {
    for (String account : List.of("default", "", "a/b", "..", "live:acct é", "%41", "A_b-9")) {
      String encoded = JsonFileTrackerStore.encodeAccount(account);
      assertThat(encoded).matches("[A-Za-z0-9_%-]*").isNotEmpty();
      assertThat(JsonFileTrackerStore.decodeAccount(encoded)).isEqualTo(account);
    }
  }

  @Test
  @DisplayName("A path ending in .json names the snapshot; its siblings hold the rest.")
  void jsonFilePath() throws IOException {
    Path file = dir.resolve("position_tracking.json");
    try (JsonFileTrackerStore s = JsonFileTrackerStore.open(file)) {
      s.putLock(A, TrackerFixtures.lock("AAPL"));
      s.appendHistory(A, TrackerFixtures.event(T0));
      s.compactNow();
    }
    assertThat(file).exists();
    assertThat(dir.resolve("position_tracking.journal.jsonl")).exists();
    assertThat(dir.resolve("position_tracking.history/default.jsonl")).exists();
    List<String> names = new ArrayList<>();
    try (var files = Files.list(dir)) {
      files.forEach(f -> names.add(f.getFileName().toString()));
    }
    assertThat(names).noneMatch(n -> n.endsWith(".tmp"));
  }

  @Test
  @DisplayName("A regular file where the directory should be is a clear error.")
  void notADirectory() throws IOException {
    Path file = Files.writeString(dir.resolve("plain"), "x");
    assertThatThrownBy(() -> JsonFileTrackerStore.open(file))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  @DisplayName("A closed store refuses further use.")
  void closedStoreRefuses() {
    JsonFileTrackerStore s = open();
    s.close();
    assertThatThrownBy(() -> s.locks(A))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("closed");
  }
}
