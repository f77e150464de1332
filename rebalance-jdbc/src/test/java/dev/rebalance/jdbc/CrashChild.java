package dev.rebalance.jdbc;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child process for the crash test: writes entries, locks and history events to an SQLite store
 * forever, printing one acknowledgement line after each write returns ({@code E i}, {@code L i},
 * {@code H i}). The parent kills it with SIGKILL.
 */
public final class CrashChild {
  private CrashChild() {}

  static final Instant BASE = Instant.parse("2026-01-05T15:00:00.000000001Z");

  static TrackedEntry entry(int i) {
    return TrackedEntry.builder()
        .symbol("E" + i)
        .entryTime(BASE.plusNanos(1000L * i + 7))
        .entryPrice(new BigDecimal("100." + i))
        .build();
  }

  static PositionLock lock(int i) {
    return PositionLock.builder().symbol("L" + i).lockedAt(BASE.plusSeconds(i)).build();
  }

  static RebalanceEvent event(int i) {
    return RebalanceEvent.builder()
        .timestamp(BASE.plusMillis(i))
        .oldSymbol("O" + i)
        .newSymbol("N" + i)
        .oldScore(new BigDecimal("1.0" + i))
        .newScore(new BigDecimal("20.5"))
        .build();
  }

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    String account = args[1];
    PrintStream out = new PrintStream(System.out, true);
    try (JdbcTrackerStore store = JdbcTrackerStore.sqlite(file)) {
      out.println("ready");
      for (int i = 0; i < 1_000_000; i++) {
        store.putEntry(account, entry(i));
        out.println("E " + i);
        store.putLock(account, lock(i));
        out.println("L " + i);
        store.appendHistory(account, event(i));
        out.println("H " + i);
      }
    }
  }
}
