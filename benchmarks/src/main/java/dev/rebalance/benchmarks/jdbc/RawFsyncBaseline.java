package dev.rebalance.benchmarks.jdbc;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The floor for any durable append on this disk: write one history-sized line to a file and force
 * it to the device, with {@code fsync} ({@code force(true)}) and with {@code fdatasync} ({@code
 * force(false)}, what SQLite uses on Linux). Same folder as the store benchmarks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class RawFsyncBaseline {
  private static final byte[] LINE =
      ("{\"timestamp\":\"2026-03-02T14:30:00Z\",\"oldSymbol\":\"PEP\",\"newSymbol\":\"KO\","
              + "\"oldScore\":12.5,\"newScore\":25.75,\"soldQty\":10,\"sellFraction\":0.5}\n")
          .getBytes(StandardCharsets.UTF_8);

  private Path dir;
  private FileChannel channel;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = HistoryEvents.freshDir("rebalance-bench-raw");
    channel =
        FileChannel.open(
            dir.resolve("raw.log"),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    channel.close();
    HistoryEvents.deleteTree(dir);
  }

  @Benchmark
  public void writeLineAndFsync() throws IOException {
    channel.write(ByteBuffer.wrap(LINE));
    channel.force(true);
  }

  @Benchmark
  public void writeLineAndFdatasync() throws IOException {
    channel.write(ByteBuffer.wrap(LINE));
    channel.force(false);
  }
}
