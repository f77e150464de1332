package dev.rebalance.examples;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Rebalancer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * A timed run: one simulated year (252 trading days of 26 scans, 6,552 scans) of the example bot
 * over 500 symbols, with the default settings, the momentum scorer and the store named by the first
 * argument (default {@code memory:}). Prints the wall-clock time of each run and the CPU time of
 * the thread that ran it (on a shared machine the CPU time is what one core needs). See
 * BENCHMARKS.md, "Example bot: simulated year".
 *
 * <pre>{@code
 * java -XX:ActiveProcessorCount=1 -cp examples/target/example-bot.jar dev.rebalance.examples.YearBenchmark
 * }</pre>
 *
 * <p>Not meant to be instantiated; thread-safe because it is stateless.
 */
public final class YearBenchmark {
  private YearBenchmark() {}

  /**
   * Runs the year and prints the time it took.
   *
   * @param args optional: a store URI (default {@code memory:}), then the number of runs (default
   *     3)
   */
  public static void main(String[] args) {
    String uri = args.length > 0 ? args[0] : "memory:";
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    for (int r = 1; r <= runs; r++) {
      // Elapsed-time measurement only, not the bot's clock. On a shared machine the scan thread's
      // CPU time is the figure that says what one core needs; wall-clock time is printed too.
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      RunSummary summary;
      try (TrackerStore store = ExampleBot.openStore(uri)) {
        summary =
            Simulation.builder(store, clock -> Rebalancer.of(RebalanceConfig.defaults(), clock))
                .label("year")
                .account("bench-" + r + "-" + start)
                .days(252)
                .symbols(500)
                .build()
                .run();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      System.out.printf(
          "run %d: %d scans over %d symbols, %d swaps, store %s: %.2f s wall, %.2f s CPU%n",
          r, summary.scans(), summary.symbols(), summary.swaps(), uri, seconds, cpu);
      if (r == runs) {
        ConsoleReport.table(System.out, ConsoleReport.rows(List.of(summary)));
      }
    }
  }
}
