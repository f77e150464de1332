package dev.rebalance.examples.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.TrackerStoreContract;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example store passes the conformance kit: everything in {@link TrackerStoreContract} runs
 * against it, durability included (it can be reopened). Plus what is special about a write-ahead
 * log: a torn last line is ignored, and a second open of the same file is refused.
 */
class WalTrackerStoreTest extends TrackerStoreContract {

  @TempDir Path dir;

  @Override
  protected TrackerStore createStore() {
    return WalTrackerStore.open(dir.resolve("store-" + UUID.randomUUID() + ".wal"));
  }

  @Override
  protected Optional<TrackerStore> reopen(TrackerStore closed) {
    return Optional.of(WalTrackerStore.open(((WalTrackerStore) closed).file()));
  }

  private static final Instant T = Instant.parse("2025-11-25T15:45:00Z");

  @Test
  void aTornLastLineIsIgnoredOnReopen() throws IOException {
    Path file = dir.resolve("torn.wal");
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      s.putEntry(
          "a",
          TrackedEntry.builder()
              .symbol("AAPL")
              .entryTime(T)
              .entryPrice(new BigDecimal("180.10"))
              .build());
      s.claimRebalance("a", T, Duration.ofMinutes(60));
    }
    Files.writeString(
        file,
        "{\"op\":\"putEntry\",\"account\":\"a\",\"val",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      assertThat(s.entries("a")).extracting(TrackedEntry::symbol).containsExactly("AAPL");
      assertThat(s.entry("a", "AAPL").orElseThrow().entryPrice())
          .contains(new BigDecimal("180.10"));
      assertThat(s.lastRebalance("a")).contains(T);
      s.putLock("a", PositionLock.builder().symbol("MSFT").lockedAt(T).build());
    }
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      assertThat(s.locks("a")).extracting(PositionLock::symbol).containsExactly("MSFT");
    }
  }

  @Test
  void aSecondOpenOfTheSameLogIsRefused() {
    Path file = dir.resolve("busy.wal");
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      assertThatThrownBy(() -> WalTrackerStore.open(file))
          .isInstanceOf(TrackerStoreException.class)
          .hasMessageContaining(file.toString());
      assertThat(s.entries("a")).isEmpty();
    }
  }

  @Test
  void anInvalidLineNamesTheFileAndLine() throws IOException {
    Path file = dir.resolve("bad.wal");
    Files.writeString(file, "{\"op\":\"explode\",\"account\":\"a\"}\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WalTrackerStore.open(file))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("explode");
  }

  @Test
  void aDamagedLineBeforeTheLastIsReportedAndNothingIsCutOff() throws IOException {
    Path file = dir.resolve("damaged.wal");
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      s.putLock("a", PositionLock.builder().symbol("AAPL").lockedAt(T).build());
      s.putLock("a", PositionLock.builder().symbol("MSFT").lockedAt(T).build());
      s.putLock("a", PositionLock.builder().symbol("PEP").lockedAt(T).build());
    }
    String text = Files.readString(file);
    String damaged = text.replaceFirst("MSFT\"", "MSFT");
    Files.writeString(file, damaged);
    assertThatThrownBy(() -> WalTrackerStore.open(file))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("line 2");
    assertThat(Files.readString(file))
        .as("the log keeps the lines after the damage")
        .isEqualTo(damaged);
  }

  @Test
  void readsDoNotCutATornTailOnlyTheNextWriteDoes() throws IOException {
    Path file = dir.resolve("tail.wal");
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      s.putLock("a", PositionLock.builder().symbol("AAPL").lockedAt(T).build());
    }
    String torn = "{\"op\":\"putLock\",\"acc";
    Files.writeString(file, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    long size = Files.size(file);
    try (WalTrackerStore s = WalTrackerStore.open(file)) {
      assertThat(s.locks("a")).hasSize(1);
      assertThat(Files.size(file)).as("opening and reading changed nothing").isEqualTo(size);
    }
  }
}
