package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writing entries, locks and history to one SQLite file is killed with SIGKILL at
 * random moments, again and again; after every kill the store opens and holds every write the
 * child acknowledged. The number of kills is {@code rebalance.crash.iterations} (50 in {@code mvn
 * verify}, 1,000 with {@code -Pstress}).
 */
class SqliteCrashSafetyTest {
  @TempDir Path dir;

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    int iterations = Integer.getInteger("rebalance.crash.iterations", 50);
    long seed = Long.getLong("rebalance.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Path file = dir.resolve("crash").resolve("rebalance.db");
    int totalAcks = 0;
    int killedBeforeReady = 0;
    for (int run = 0; run < iterations; run++) {
      String account = "run" + run;
      Process child = ChildJvm.start(CrashChild.class, file.toString(), account);
      ConcurrentLinkedQueue<String> acks = new ConcurrentLinkedQueue<>();
      AtomicInteger writes = new AtomicInteger();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = r.readLine()) != null) {
                    acks.add(line);
                    if (!line.equals("ready")) {
                      writes.incrementAndGet();
                    }
                  }
                } catch (java.io.IOException ignored) {
                  // The pipe breaks when the child dies; what was read is what counts.
                }
              });
      reader.start();
      if (random.nextInt(5) == 0) {
        // Anywhere from JVM start-up through opening (and, on the first run, migrating) to writing.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(random.nextInt(400));
        while (System.nanoTime() < deadline && child.isAlive()) {
          LockSupport.parkNanos(100_000);
        }
      } else {
        int target = 1 + random.nextInt(100);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (writes.get() < target && child.isAlive() && System.nanoTime() < deadline) {
          LockSupport.parkNanos(50_000);
        }
        assertThat(writes.get()).as("child (seed %d) made progress", seed).isGreaterThanOrEqualTo(target);
        LockSupport.parkNanos(random.nextInt(3_000_000));
      }
      child.destroyForcibly(); // SIGKILL on Linux
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      reader.join(TimeUnit.SECONDS.toMillis(30));
      if (!acks.contains("ready")) {
        killedBeforeReady++;
      }
      totalAcks += verify(file, account, acks, seed);
    }
    assertThat(totalAcks).as("acknowledged writes checked").isGreaterThan(iterations);
    System.out.printf(
        "crash safety: %d SIGKILLs (%d before the store was ready), %d acknowledged writes all"
            + " present, seed %d%n",
        iterations, killedBeforeReady, totalAcks, seed);
  }

  private static int verify(Path file, String account, Iterable<String> acks, long seed) {
    Set<Integer> entries = new HashSet<>();
    Set<Integer> locks = new HashSet<>();
    Set<Integer> events = new HashSet<>();
    for (String ack : acks) {
      if (ack.equals("ready")) {
        continue;
      }
      int i = Integer.parseInt(ack.substring(2));
      switch (ack.charAt(0)) {
        case 'E' -> entries.add(i);
        case 'L' -> locks.add(i);
        case 'H' -> events.add(i);
        default -> throw new AssertionError("unexpected line from child: " + ack);
      }
    }
    try (JdbcTrackerStore store = JdbcTrackerStore.sqlite(file)) {
      assertThat(store.pragma("quick_check")).as("integrity (seed %d)", seed).isEqualTo("ok");
      List<TrackedEntry> storedEntries = store.entries(account);
      List<PositionLock> storedLocks = store.locks(account);
      List<RebalanceEvent> storedEvents = store.history(account, Integer.MAX_VALUE, 0);
      for (int i : entries) {
        assertThat(storedEntries).as("seed %d", seed).contains(CrashChild.entry(i));
      }
      for (int i : locks) {
        assertThat(storedLocks).as("seed %d", seed).contains(CrashChild.lock(i));
      }
      for (int i : events) {
        assertThat(storedEvents).as("seed %d", seed).contains(CrashChild.event(i));
      }
      // Nothing is duplicated or invented: at most one write beyond the acknowledged ones.
      assertThat(storedEntries.size()).isBetween(entries.size(), entries.size() + 1);
      assertThat(storedEvents.size()).isBetween(events.size(), events.size() + 1);
    }
    return entries.size() + locks.size() + events.size();
  }
}
