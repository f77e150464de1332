package dev.rebalance.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import dev.rebalance.tck.process.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several example bots, each a separate JVM with its own simulated broker on the same seed, trade
 * one account on one SQLite store at once. Whatever the interleaving, every swap is recorded once
 * (no two history events with one swap id, no two events for one scan) and no two swaps fall inside
 * one cooldown window (60 minutes, the example's default).
 */
class BotProcessesShareOneStoreTest {
  static final int BOTS = 3;

  @TempDir Path dir;

  @Test
  void everySwapIsRecordedOnceAndCooldownWindowsNeverOverlap() throws Exception {
    int rounds = Integer.getInteger("rebalance.bots.rounds", 2);
    for (int round = 1; round <= rounds; round++) {
      runRound("sqlite:" + dir.resolve("shared-" + round + ".db"));
    }
  }

  private void runRound(String store) throws Exception {
    List<ChildJvm> bots = new ArrayList<>();
    try {
      for (int i = 0; i < BOTS; i++) {
        bots.add(
            ChildJvm.start(
                ExampleBot.class,
                "--store",
                store,
                "--account",
                "shared",
                "--seed",
                "42",
                "--days",
                "3",
                "--symbols",
                "30",
                "--quiet"));
      }
      for (ChildJvm bot : bots) {
        assertThat(bot.awaitExit(Duration.ofMinutes(3))).as(bot.describe()).isZero();
      }
    } finally {
      for (ChildJvm bot : bots) {
        bot.close();
      }
    }

    try (TrackerStore s = TrackerStores.open(store)) {
      List<RebalanceEvent> history = new ArrayList<>(s.history("shared", 10_000, 0));
      assertThat(history).isNotEmpty();
      Set<String> swapIds = new HashSet<>();
      Set<String> scans = new HashSet<>();
      for (RebalanceEvent e : history) {
        e.swapId().ifPresent(id -> assertThat(swapIds.add(id)).as("swap id %s twice", id).isTrue());
        assertThat(scans.add(e.timestamp().toString()))
            .as("two swaps recorded for the scan at %s", e.timestamp())
            .isTrue();
      }
      history.sort(Comparator.comparing(RebalanceEvent::timestamp));
      for (int i = 1; i < history.size(); i++) {
        Duration gap = Duration.between(history.get(i - 1).timestamp(), history.get(i).timestamp());
        assertThat(gap)
            .as("swaps at %s and %s", history.get(i - 1).timestamp(), history.get(i).timestamp())
            .isGreaterThanOrEqualTo(Duration.ofMinutes(60));
      }
    }
  }
}
