package dev.rebalance.benchmarks.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.core.json.RebalanceJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
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
 * The baseline: a store like the original bot's, which keeps the whole tracking file as one JSON
 * document and rewrites all of it on every append (here made durable: temp file, fsync, rename),
 * and whose history query reads and parses the whole file, as a fresh CLI process does. Limited to
 * 1,000 and 100,000 events: at 1,000,000 one append rewrites some 250 MB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 3, time = 3)
public class RewriteStoreBenchmark {
  @Param({"1000", "100000"})
  public long events;

  private final ObjectMapper mapper = RebalanceJson.json();
  private Path dir;
  private Path file;
  private ObjectNode root;
  private ArrayNode history;
  private long next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir =
        Files.createTempDirectory(
            Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
            "rewrite-store-bench");
    file = dir.resolve("position_tracking.json");
    root = mapper.createObjectNode();
    root.putObject("positions");
    root.putArray("locked_positions");
    history = root.putArray("rebalancing_history");
    for (long i = 0; i < events; i++) {
      history.add(mapper.readTree(HistoryFiles.line(i)));
    }
    save();
    next = events;
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    HistoryFiles.deleteTree(dir);
  }

  private void save() throws IOException {
    byte[] bytes = mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    Path tmp = dir.resolve("position_tracking.json.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Benchmark
  public void appendDurable() throws IOException {
    history.add(mapper.readTree(HistoryFiles.line(next++)));
    save();
  }

  @Benchmark
  public List<JsonNode> last50() throws IOException {
    JsonNode all = mapper.readTree(file.toFile()).get("rebalancing_history");
    List<JsonNode> out = new ArrayList<>(50);
    for (int i = all.size() - 1; i >= 0 && out.size() < 50; i--) {
      out.add(all.get(i));
    }
    return out;
  }
}
