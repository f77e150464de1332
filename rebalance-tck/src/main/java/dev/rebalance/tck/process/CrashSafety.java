package dev.rebalance.tck.process;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Kills a writing worker process with SIGKILL at random moments and checks, after each kill, that
 * the store still opens and holds every write the worker acknowledged (it prints an acknowledgement
 * only after a write returned). Entries, locks, history events and last-rebalance times are written
 * in turn; kills land during JVM start-up, while the store opens, and in the middle of writes (and
 * of whatever the store does inside them: syncing, compacting).
 *
 * <pre>{@code
 * CrashSafety.Result r = CrashSafety.run(UriStoreOpener.class, "sqlite:" + file, 50, new Random(seed));
 * assertThat(r.failures()).isEmpty();
 * }</pre>
 *
 * <p>Stateless; each call starts its own processes.
 */
public final class CrashSafety {
  /** The account the worker writes to. */
  public static final String ACCOUNT = "crash";

  private CrashSafety() {}

  /**
   * What a run found.
   *
   * @param kills how many times a worker was killed
   * @param acknowledged how many writes were acknowledged in total
   * @param maxPerKill the most writes acknowledged between two kills
   * @param killedBeforeReady how many kills landed before the store had opened
   * @param failures one line per lost write or failed reopen; empty when the store is crash-safe
   * @param elapsed how long the run took
   */
  public record Result(
      int kills,
      long acknowledged,
      int maxPerKill,
      int killedBeforeReady,
      List<String> failures,
      Duration elapsed) {}

  /**
   * Runs {@code kills} rounds of start, write, SIGKILL, reopen and check.
   *
   * @param opener the class the worker (and this process) open the store with
   * @param location the store's location, passed to the opener
   * @param kills how many rounds
   * @param random decides when each kill lands (seed it to reproduce a run)
   * @return what was found
   * @throws Exception if a worker cannot be started
   */
  public static Result run(
      Class<? extends StoreOpener> opener, String location, int kills, Random random)
      throws Exception {
    long start = System.nanoTime();
    StoreOpener parentOpener = opener.getDeclaredConstructor().newInstance();
    List<String> failures = new ArrayList<>();
    Set<String> allEntries = new HashSet<>();
    Set<String> allLocks = new HashSet<>();
    Set<String> allHistory = new HashSet<>();
    Instant lastRebalance = null;
    long acknowledged = 0;
    int maxPerKill = 0;
    int beforeReady = 0;
    for (int round = 0; round < kills && failures.size() < 20; round++) {
      long first = round * 1_000_000L;
      List<String> lines;
      try (ChildJvm child =
          ChildJvm.start(
              StoreWorker.class,
              opener.getName(),
              location,
              ACCOUNT,
              "crash",
              String.valueOf(first))) {
        int mode = random.nextInt(8);
        if (mode == 0) {
          // Kill at once: during JVM start-up or while the store opens.
        } else if (mode == 1) {
          child.awaitLines(1, Duration.ofSeconds(30));
        } else {
          child.awaitLines(1 + 1 + random.nextInt(40), Duration.ofSeconds(30));
        }
        boolean diedEarly = !child.isAlive();
        child.kill();
        lines = List.copyOf(child.lines());
        if (diedEarly) {
          failures.add(
              "round " + round + ": the worker died before it was killed: " + child.describe());
          continue;
        }
      }
      if (lines.isEmpty() || !lines.get(0).equals("ready")) {
        beforeReady++;
      }
      Set<String> entries = new HashSet<>();
      Set<String> locks = new HashSet<>();
      Set<String> history = new HashSet<>();
      int acks = 0;
      for (String line : lines) {
        if (!line.startsWith("ack ")) {
          continue;
        }
        acks++;
        String[] parts = line.split(" ");
        long i = Long.parseLong(parts[2]);
        switch (parts[1]) {
          case "entry" -> entries.add(StoreWorker.entrySymbol(i));
          case "lock" -> locks.add(StoreWorker.lockSymbol(i));
          case "history" -> history.add(StoreWorker.historySymbol(i));
          default -> {
            Instant t = StoreWorker.rebalanceTime(i);
            lastRebalance = lastRebalance == null || t.isAfter(lastRebalance) ? t : lastRebalance;
          }
        }
      }
      acknowledged += acks;
      maxPerKill = Math.max(maxPerKill, acks);
      allEntries.addAll(entries);
      allLocks.addAll(locks);
      allHistory.addAll(history);
      String prefix = "round " + round + " (" + acks + " acknowledged writes): ";
      try (TrackerStore store = parentOpener.open(location)) {
        for (String s : entries) {
          if (store.entry(ACCOUNT, s).isEmpty()) {
            failures.add(prefix + "acknowledged entry " + s + " is missing");
          }
        }
        Set<String> storedLocks = new HashSet<>();
        store.locks(ACCOUNT).forEach(l -> storedLocks.add(l.symbol()));
        for (String s : locks) {
          if (!storedLocks.contains(s)) {
            failures.add(prefix + "acknowledged lock " + s + " is missing");
          }
        }
        // Durability: every acknowledged event is stored. Ordering: the history comes newest
        // first. (The child may write a few more events than it acknowledged before the kill
        // lands, so acknowledged events need not be among the newest few.)
        List<RebalanceEvent> stored = store.history(ACCOUNT, Integer.MAX_VALUE, 0);
        Set<String> all = new HashSet<>();
        for (int i = 0; i < stored.size(); i++) {
          all.add(stored.get(i).newSymbol());
          if (i > 0 && stored.get(i).timestamp().isAfter(stored.get(i - 1).timestamp())) {
            failures.add(
                prefix
                    + "history is not newest first: "
                    + stored.get(i - 1).newSymbol()
                    + "@"
                    + stored.get(i - 1).timestamp()
                    + " before "
                    + stored.get(i).newSymbol()
                    + "@"
                    + stored.get(i).timestamp());
            break;
          }
        }
        for (String s : history) {
          if (!all.contains(s)) {
            failures.add(
                prefix
                    + "acknowledged history event "
                    + s
                    + " is missing ("
                    + all.size()
                    + " events in all)");
          }
        }
        Optional<Instant> last = store.lastRebalance(ACCOUNT);
        if (lastRebalance != null && (last.isEmpty() || last.get().isBefore(lastRebalance))) {
          failures.add(prefix + "last rebalance is " + last + ", acknowledged " + lastRebalance);
        }
      } catch (RuntimeException e) {
        failures.add(prefix + "the store did not reopen: " + e);
      }
    }
    if (failures.isEmpty()) {
      try (TrackerStore store = parentOpener.open(location)) {
        Set<String> stored = new HashSet<>();
        store.entries(ACCOUNT).forEach(e -> stored.add(e.symbol()));
        store.locks(ACCOUNT).forEach(l -> stored.add(l.symbol()));
        store.history(ACCOUNT, Integer.MAX_VALUE, 0).forEach(e -> stored.add(e.newSymbol()));
        for (Set<String> s : List.of(allEntries, allLocks, allHistory)) {
          for (String symbol : s) {
            if (!stored.contains(symbol)) {
              failures.add("at the end: acknowledged write " + symbol + " is missing");
            }
          }
        }
        if (store.historyStats(ACCOUNT).count() < allHistory.size()) {
          failures.add(
              "at the end: historyStats().count() "
                  + store.historyStats(ACCOUNT).count()
                  + " < "
                  + allHistory.size()
                  + " acknowledged events");
        }
      }
    }
    return new Result(
        kills,
        acknowledged,
        maxPerKill,
        beforeReady,
        List.copyOf(failures),
        Duration.ofNanos(System.nanoTime() - start));
  }
}
