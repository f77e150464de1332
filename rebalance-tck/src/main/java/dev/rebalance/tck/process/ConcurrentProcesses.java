package dev.rebalance.tck.process;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Several worker processes lock distinct symbols in one store at the same time; afterwards every
 * lock must be there. A store that reads, modifies and rewrites its state without an inter-process
 * lock loses some of them.
 *
 * <pre>{@code
 * ConcurrentProcesses.Result r =
 *     ConcurrentProcesses.lockInParallel(UriStoreOpener.class, "sqlite:" + file, 8, 100);
 * assertThat(r.missing()).isEmpty();
 * }</pre>
 *
 * <p>Stateless; each call starts its own processes.
 */
public final class ConcurrentProcesses {
  /** The account the workers write to. */
  public static final String ACCOUNT = "concurrent";

  private ConcurrentProcesses() {}

  /**
   * What a run found.
   *
   * @param processes how many worker processes ran
   * @param expected how many locks were written and acknowledged
   * @param found how many locks the store holds afterwards
   * @param missing the acknowledged symbols the store lost
   * @param elapsed how long the run took, start to finish
   */
  public record Result(
      int processes, int expected, int found, Set<String> missing, Duration elapsed) {}

  /**
   * Runs {@code processes} workers, each locking {@code perProcess} distinct symbols in the store
   * at {@code location}, then reopens the store in this process and compares.
   *
   * @param opener the class the workers (and this process) open the store with
   * @param location the store's location, passed to the opener
   * @param processes how many processes
   * @param perProcess how many symbols each locks
   * @return what was found
   * @throws Exception if a worker fails or times out (the message carries its stderr)
   */
  public static Result lockInParallel(
      Class<? extends StoreOpener> opener, String location, int processes, int perProcess)
      throws Exception {
    long start = System.nanoTime();
    List<ChildJvm> children = new ArrayList<>();
    try {
      for (int p = 0; p < processes; p++) {
        children.add(
            ChildJvm.start(
                StoreWorker.class,
                opener.getName(),
                location,
                ACCOUNT,
                "lock",
                "P" + p,
                String.valueOf(perProcess)));
      }
      Set<String> acknowledged = new TreeSet<>();
      for (ChildJvm c : children) {
        int exit = c.awaitExit(Duration.ofMinutes(3));
        if (exit != 0) {
          throw new IllegalStateException("worker exited with " + exit + ": " + c.describe());
        }
        for (String line : c.lines()) {
          if (line.startsWith("ack lock ")) {
            acknowledged.add(line.substring("ack lock ".length()));
          }
        }
      }
      Set<String> stored;
      try (TrackerStore store = opener.getDeclaredConstructor().newInstance().open(location)) {
        stored =
            store.locks(ACCOUNT).stream()
                .map(PositionLock::symbol)
                .collect(Collectors.toCollection(TreeSet::new));
      }
      Set<String> missing = new TreeSet<>(acknowledged);
      missing.removeAll(stored);
      return new Result(
          processes,
          acknowledged.size(),
          stored.size(),
          missing,
          Duration.ofNanos(System.nanoTime() - start));
    } finally {
      for (ChildJvm c : children) {
        c.close();
      }
    }
  }
}
