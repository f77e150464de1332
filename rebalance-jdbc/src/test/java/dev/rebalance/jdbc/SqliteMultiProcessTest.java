package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.tck.process.ConcurrentProcesses;
import dev.rebalance.tck.process.UriStoreOpener;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate JVM processes writing one SQLite file at the same time never lose each other's writes.
 */
class SqliteMultiProcessTest {
  @TempDir Path dir;

  @Test
  void eightProcessesEachLockingAHundredSymbolsLeaveAllEightHundred() throws Exception {
    // A fresh file: the processes also race to create the schema.
    Path file = dir.resolve("data").resolve("rebalance.db");
    ConcurrentProcesses.Result result =
        ConcurrentProcesses.lockInParallel(UriStoreOpener.class, "sqlite:" + file, 8, 100);
    assertThat(result.expected()).isEqualTo(800);
    assertThat(result.missing()).as("acknowledged locks the store lost").isEmpty();
    assertThat(result.found()).isEqualTo(800);
    try (JdbcTrackerStore store = JdbcTrackerStore.sqlite(file)) {
      assertThat(store.locks(ConcurrentProcesses.ACCOUNT)).hasSize(800);
      assertThat(store.schemaVersion()).isEqualTo(JdbcTrackerStore.supportedSchemaVersion());
      assertThat(store.pragma("quick_check")).isEqualTo("ok");
    }
    System.out.printf(
        "sqlite processes: %d processes, %d locks found of %d, %d ms%n",
        result.processes(), result.found(), result.expected(), result.elapsed().toMillis());
  }
}
