package dev.rebalance.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.tck.process.ConcurrentProcesses;
import dev.rebalance.tck.process.CrashSafety;
import dev.rebalance.tck.process.UriStoreOpener;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON store shared by real separate JVM processes: concurrent writers lose nothing, and a
 * writer killed with SIGKILL at random moments never loses an acknowledged write. The number of
 * kills is the system property {@code rebalance.crash.kills} (50; the {@code stress} profile runs
 * 1,000).
 */
class JsonStoreProcessReliabilityTest {

  @Test
  @DisplayName(
      "8 processes each locking 100 distinct symbols in one JSON store: all 800 locks are there.")
  void eightProcessesLoseNoLocks(@TempDir Path dir) throws Exception {
    ConcurrentProcesses.Result r =
        ConcurrentProcesses.lockInParallel(
            UriStoreOpener.class, "json:" + dir.resolve("store"), 8, 100);
    System.out.println("json store, concurrent processes: " + r);
    assertThat(r.expected()).as("acknowledged locks").isEqualTo(800);
    assertThat(r.missing()).as("acknowledged locks missing afterwards").isEmpty();
    assertThat(r.found()).as("locks in the store").isEqualTo(800);
  }

  @Test
  @DisplayName("A writer killed with SIGKILL at random moments never loses an acknowledged write.")
  void killedWriterLosesNoAcknowledgedWrite(@TempDir Path dir) throws Exception {
    int kills = Integer.getInteger("rebalance.crash.kills", 50);
    long seed = Long.getLong("rebalance.crash.seed", System.nanoTime());
    CrashSafety.Result r =
        CrashSafety.run(
            CompactingJsonOpener.class, dir.resolve("store").toString(), kills, new Random(seed));
    System.out.println("json store, crash safety (seed " + seed + "): " + r);
    assertThat(r.failures()).as("lost writes or failed reopens (seed %d)", seed).isEmpty();
    assertThat(r.kills()).isEqualTo(kills);
    assertThat(r.acknowledged()).as("acknowledged writes over all kills").isGreaterThan(kills);
  }
}
