package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackerStoreException;
import java.io.RandomAccessFile;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 10: garbage in an SQLite page is reported as a damaged file (not as "table
 * rebalance_entries already exists"), and nothing is written to it — a corrupt history page stops
 * {@code lock} as well as {@code history}.
 */
class SqliteDamageTest {
  private static final Instant T0 = Instant.parse("2025-11-25T14:30:00Z");

  @TempDir Path dir;

  private Path filled() {
    Path file = dir.resolve("rebalance.db");
    try (JdbcTrackerStore s = JdbcTrackerStore.sqlite(file)) {
      for (int i = 0; i < 2000; i++) {
        s.appendHistory(
            "acct",
            RebalanceEvent.builder()
                .timestamp(T0.plusSeconds(i))
                .oldSymbol("OLD" + i)
                .newSymbol("NEW" + i)
                .oldScore(BigDecimal.ONE)
                .newScore(new BigDecimal(i))
                .build());
      }
      s.putLock("acct", PositionLock.builder().symbol("AAPL").lockedAt(T0).build());
    }
    return file;
  }

  private static void garble(Path file, long page, int pageSize) throws Exception {
    byte[] junk = new byte[pageSize];
    new Random(42).nextBytes(junk);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(page * pageSize);
      f.write(junk);
    }
  }

  @Test
  @DisplayName("Garbage in a history page: opening says the file is damaged and writes nothing")
  void garbageInAHistoryPageIsDamage() throws Exception {
    Path file = filled();
    long pages = Files.size(file) / 4096;
    garble(file, pages / 2, 4096); // a page in the middle: history rows
    byte[] damaged = Files.readAllBytes(file);
    assertThatThrownBy(() -> JdbcTrackerStore.sqlite(file))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("the database file is damaged")
        .hasMessageNotContaining("already exists");
    assertThat(Arrays.equals(Files.readAllBytes(file), damaged))
        .as("the file is untouched")
        .isTrue();
  }

  @Test
  @DisplayName("Garbage in the schema page: damaged, not 'table rebalance_entries already exists'")
  void garbageInTheSchemaPageIsDamage() throws Exception {
    Path file = filled();
    garble(file, 0, 4096);
    assertThatThrownBy(() -> JdbcTrackerStore.sqlite(file))
        .isInstanceOf(TrackerStoreException.class)
        .hasMessageContaining("damaged")
        .hasMessageNotContaining("already exists");
  }

  @Test
  @DisplayName(
      "SQLITE_CORRUPT and SQLITE_NOTADB (also extended codes) are damage; a busy database is not")
  void damageCodesAreRecognised() {
    assertThat(
            dev.rebalance.jdbc.internal.SqliteIntegrity.isDamage(
                new java.sql.SQLException("x", "", 11)))
        .isTrue();
    assertThat(
            dev.rebalance.jdbc.internal.SqliteIntegrity.isDamage(
                new java.sql.SQLException("x", "", 26)))
        .isTrue();
    assertThat(
            dev.rebalance.jdbc.internal.SqliteIntegrity.isDamage(
                new java.sql.SQLException("x", "", 267)))
        .isTrue();
    assertThat(
            dev.rebalance.jdbc.internal.SqliteIntegrity.isDamage(
                new java.sql.SQLException("x", "", 5)))
        .isFalse();
  }
}
