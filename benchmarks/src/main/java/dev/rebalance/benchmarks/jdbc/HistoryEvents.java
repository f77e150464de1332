package dev.rebalance.benchmarks.jdbc;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.jdbc.JdbcTrackerStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic history events and fast pre-population for the benchmarks. */
final class HistoryEvents {
  static final String ACCOUNT = "bench";
  static final Instant BASE = Instant.parse("2020-01-01T00:00:00Z");
  private static final String[] SYMBOLS = {
    "AAPL", "MSFT", "NVDA", "AMZN", "GOOG", "META", "PEP", "KO"
  };

  private HistoryEvents() {}

  static RebalanceEvent event(long i) {
    return RebalanceEvent.builder()
        .timestamp(BASE.plusSeconds(i))
        .oldSymbol(SYMBOLS[(int) (i % SYMBOLS.length)])
        .newSymbol(SYMBOLS[(int) ((i + 3) % SYMBOLS.length)])
        .oldScore(BigDecimal.valueOf(1000 + i % 997, 2))
        .newScore(BigDecimal.valueOf(2500 + i % 991, 2))
        .soldQty(BigDecimal.valueOf(1 + i % 50))
        .sellFraction(new BigDecimal("0.5"))
        .sellPrice(BigDecimal.valueOf(10_000 + i % 9_973, 2))
        .build();
  }

  /** Appends events {@code 0 .. count-1} in large transactions. */
  static void populate(JdbcTrackerStore store, long count) {
    final int chunk = 50_000;
    List<RebalanceEvent> batch = new ArrayList<>(chunk);
    for (long i = 0; i < count; i++) {
      batch.add(event(i));
      if (batch.size() == chunk) {
        store.appendAllHistory(ACCOUNT, batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      store.appendAllHistory(ACCOUNT, batch);
    }
  }

  /**
   * A fresh folder on the disk under test ({@code -Drebalance.bench.dir}, default the temp dir).
   */
  static Path freshDir(String prefix) {
    try {
      String base = System.getProperty("rebalance.bench.dir");
      return base == null
          ? Files.createTempDirectory(prefix)
          : Files.createTempDirectory(Files.createDirectories(Path.of(base)), prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
