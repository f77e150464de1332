package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Separate JVM processes writing one SQLite file at the same time never lose each other's writes. */
class SqliteMultiProcessTest {
  static final int PROCESSES = 8;
  static final int LOCKS_EACH = 100;

  @TempDir Path dir;

  @Test
  void eightProcessesEachLockingAHundredSymbolsLeaveAllEightHundred() throws Exception {
    // A fresh file: the processes also race to create the schema.
    Path file = dir.resolve("data").resolve("rebalance.db");
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < PROCESSES; p++) {
      children.add(
          ChildJvm.start(
              LockingChild.class,
              file.toString(),
              "P" + p,
              String.valueOf(LOCKS_EACH),
              JdbcStoreBehaviour.T0.toString()));
    }
    for (Process child : children) {
      assertThat(child.waitFor(180, TimeUnit.SECONDS)).as("child finished in time").isTrue();
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(child.exitValue()).as("child exit code, output: %s", out).isZero();
      assertThat(out).contains("done");
    }
    try (JdbcTrackerStore store = JdbcTrackerStore.sqlite(file)) {
      List<PositionLock> locks = store.locks("shared");
      Set<String> expected = new HashSet<>();
      for (int p = 0; p < PROCESSES; p++) {
        for (int i = 0; i < LOCKS_EACH; i++) {
          expected.add("P" + p + "S" + i);
        }
      }
      assertThat(locks).hasSize(PROCESSES * LOCKS_EACH);
      assertThat(locks).extracting(PositionLock::symbol).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(locks).allSatisfy(l -> assertThat(l.symbol()).startsWith(l.lockedBy().orElseThrow()));
      assertThat(store.schemaVersion()).isEqualTo(JdbcTrackerStore.supportedSchemaVersion());
    }
  }
}
