package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.tck.process.CrashSafety;
import dev.rebalance.tck.process.UriStoreOpener;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing entries, locks, history and last-rebalance times to one SQLite file is killed
 * with SIGKILL at random moments, again and again; after every kill the store opens and holds every
 * write the child acknowledged. The number of kills is {@code rebalance.crash.iterations} (50 in
 * {@code mvn verify}, 1,000 with {@code -Pstress}); {@code -Drebalance.crash.seed=N} replays a run.
 */
class SqliteCrashSafetyTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    int kills = Integer.getInteger("rebalance.crash.iterations", 50);
    long seed = Long.getLong("rebalance.crash.seed", System.nanoTime());
    Path file = dir.resolve("crash").resolve("rebalance.db");
    CrashSafety.Result result =
        CrashSafety.run(UriStoreOpener.class, "sqlite:" + file, kills, new Random(seed));
    assertThat(result.failures()).as("lost writes or failed reopens (seed %d)", seed).isEmpty();
    assertThat(result.kills()).isEqualTo(kills);
    assertThat(result.acknowledged()).as("acknowledged writes checked").isGreaterThan(kills);
    try (JdbcTrackerStore store = JdbcTrackerStore.sqlite(file)) {
      assertThat(store.pragma("quick_check")).as("integrity (seed %d)", seed).isEqualTo("ok");
    }
    System.out.printf(
        "crash safety: %d SIGKILLs (%d before the store was ready), %d acknowledged writes all"
            + " present, at most %d between two kills, %d s, seed %d%n",
        result.kills(),
        result.killedBeforeReady(),
        result.acknowledged(),
        result.maxPerKill(),
        result.elapsed().toSeconds(),
        seed);
  }
}
