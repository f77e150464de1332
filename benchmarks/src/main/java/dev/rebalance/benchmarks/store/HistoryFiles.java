package dev.rebalance.benchmarks.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Stream;

/** Builds large histories quickly by writing history lines directly. */
final class HistoryFiles {
  static final Instant T0 = Instant.parse("2020-01-01T00:00:00Z");
  static final String ACCOUNT = "default";

  private HistoryFiles() {}

  /** One history line as the JSON store writes it (without the newline). */
  static String line(long i) {
    long old = 40 + i % 30;
    long neu = old + 5 + i % 17;
    return "{\"timestamp\":\""
        + T0.plusSeconds(i)
        + "\",\"oldSymbol\":\"S"
        + (i % 500)
        + "\",\"newSymbol\":\"N"
        + (i % 700)
        + "\",\"oldScore\":\""
        + old
        + ".5\",\"newScore\":\""
        + neu
        + ".25\",\"scoreDiff\":\""
        + (neu - old)
        + ".75\",\"soldQty\":\""
        + (1 + i % 90)
        + "\",\"sellFraction\":\"1\",\"sellPrice\":\"123.45\",\"boughtQty\":\"7\",\"buyPrice\":\"210.10\"}";
  }

  /** Writes {@code events} lines to {@code file}. */
  static void write(Path file, long events) throws IOException {
    Files.createDirectories(file.getParent());
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (long i = 0; i < events; i++) {
        w.write(line(i));
        w.write('\n');
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
