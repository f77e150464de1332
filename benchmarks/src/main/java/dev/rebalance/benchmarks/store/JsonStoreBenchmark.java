package dev.rebalance.benchmarks.store;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.core.store.JsonFileTrackerStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
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
 * The JSON file store with a pre-built history of {@code events} events: a durable append of one
 * event (written and synced before it returns) and the newest-50 query.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonStoreBenchmark {
  @Param({"1000", "100000", "1000000"})
  public long events;

  private Path dir;
  private JsonFileTrackerStore store;
  private long next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir =
        Files.createTempDirectory(
            Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
            "json-store-bench");
    HistoryFiles.write(
        dir.resolve("tracker.history").resolve(HistoryFiles.ACCOUNT + ".jsonl"), events);
    store = JsonFileTrackerStore.open(dir);
    if (store.historyStats(HistoryFiles.ACCOUNT).count() != events) {
      throw new IllegalStateException("pre-built history not read");
    }
    next = events;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    HistoryFiles.deleteTree(dir);
  }

  @Benchmark
  public void appendDurable() {
    long i = next++;
    store.appendHistory(
        HistoryFiles.ACCOUNT,
        RebalanceEvent.builder()
            .timestamp(HistoryFiles.T0.plusSeconds(i))
            .oldSymbol("PEP")
            .newSymbol("TSLA")
            .oldScore(new BigDecimal("52.1"))
            .newScore(new BigDecimal("75.3"))
            .soldQty(new BigDecimal("100"))
            .sellFraction(BigDecimal.ONE)
            .sellPrice(new BigDecimal("170.25"))
            .boughtQty(new BigDecimal("7"))
            .buyPrice(new BigDecimal("401.10"))
            .build());
  }

  @Benchmark
  public List<RebalanceEvent> last50() {
    return store.history(HistoryFiles.ACCOUNT, 50, 0);
  }
}
