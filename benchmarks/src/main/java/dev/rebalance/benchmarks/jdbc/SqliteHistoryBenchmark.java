package dev.rebalance.benchmarks.jdbc;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.jdbc.JdbcTrackerStore;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SQLite store (WAL, {@code synchronous=FULL}): one durable history append (a committed,
 * fsynced transaction) and the newest-50 query, with 1,000, 100,000 and 1,000,000 events already in
 * the history.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SqliteHistoryBenchmark {

  @Param({"1000", "100000", "1000000"})
  public long historySize;

  private Path dir;
  private JdbcTrackerStore store;
  private long next;

  @Setup(Level.Trial)
  public void setUp() {
    dir = HistoryEvents.freshDir("rebalance-bench-sqlite");
    store = JdbcTrackerStore.sqlite(dir.resolve("rebalance.db"));
    HistoryEvents.populate(store, historySize);
    next = historySize;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    store.close();
    HistoryEvents.deleteTree(dir);
  }

  @Benchmark
  public void appendDurable() {
    store.appendHistory(HistoryEvents.ACCOUNT, HistoryEvents.event(next++));
  }

  @Benchmark
  public List<RebalanceEvent> last50() {
    return store.history(HistoryEvents.ACCOUNT, 50, 0);
  }
}
