package dev.rebalance.jdbc;

import dev.rebalance.api.PositionLock;
import java.nio.file.Path;
import java.time.Instant;

/** Child process: locks {@code count} distinct symbols in an SQLite store, one write each. */
public final class LockingChild {
  private LockingChild() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String prefix = args[1];
    int count = Integer.parseInt(args[2]);
    Instant at = Instant.parse(args[3]);
    try (JdbcTrackerStore store = JdbcTrackerStore.sqlite(file)) {
      for (int i = 0; i < count; i++) {
        store.putLock(
            "shared",
            PositionLock.builder().symbol(prefix + "S" + i).lockedBy(prefix).lockedAt(at).build());
      }
    }
    System.out.println("done");
  }
}
