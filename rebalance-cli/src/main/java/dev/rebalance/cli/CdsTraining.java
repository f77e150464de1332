package dev.rebalance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The training run of the build's class-data-sharing archive ({@code bin/rebalance} starts the JVM
 * with it): runs the everyday commands once, in one JVM, against a scratch SQLite store and a
 * scenario in {@code DIR}, printing nothing. {@code mvn package} runs it under {@code
 * -XX:DumpLoadedClassList} and dumps the classes it loaded with {@code -Xshare:dump}; it is not
 * meant for people. {@code locked} and {@code explain} run as {@link Main} runs them, through
 * {@link FastPath}; {@code --help} builds every command's picocli model.
 *
 * <p>Not thread-safe; run it once per JVM.
 */
public final class CdsTraining {
  private CdsTraining() {}

  private static final String SCENARIO =
      "{\"now\":\"2025-11-25T15:45:00Z\",\"config\":{},\"positions\":[{\"symbol\":\"PEP\","
          + "\"qty\":\"100\",\"price\":\"100.00\",\"score\":52.1,\"fractionable\":false}],"
          + "\"candidates\":[{\"symbol\":\"TSLA\",\"score\":75.3}],\"tracker\":{\"entries\":"
          + "[{\"symbol\":\"PEP\",\"entryTime\":\"2025-11-25T10:00:00Z\",\"entryPrice\":\"100.00\","
          + "\"score\":50.0,\"reason\":\"scan\"}]}}";

  /**
   * Runs the training commands.
   *
   * @param args one argument: a scratch directory (created if missing)
   * @throws IOException if the directory or the scenario cannot be written
   */
  public static void main(String[] args) throws IOException {
    Main.prepareProcess(); // the classes a command loads, as Main.main prepares them
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Path scenario = dir.resolve("scenario.json");
    Files.writeString(scenario, SCENARIO, StandardCharsets.UTF_8);
    String store = "sqlite:" + dir.resolve("training.db");
    Files.deleteIfExists(dir.resolve("training.db"));
    List<List<String>> runs =
        List.of(
            List.of("--help"),
            List.of("lock", "AAPL", "--reason", "training", "--until", "2h", "--store", store),
            List.of("locked", "--store", store),
            List.of("locked", "--json", "--store", store),
            List.of("list", "--store", store),
            List.of("history", "--store", store),
            List.of("stats", "--store", store),
            List.of("accounts", "--store", store),
            List.of("unlock", "AAPL", "--store", store),
            List.of("explain", "--scenario", scenario.toString()),
            List.of("explain", "--scenario", scenario.toString(), "--format", "text"),
            List.of("locked", "--help"));
    Clock clock = Clock.fixed(Instant.parse("2025-11-25T16:00:00Z"), ZoneOffset.UTC);
    for (List<String> run : runs) {
      PrintWriter none = new PrintWriter(Writer.nullWriter());
      int code = Main.run(none, none, clock, run.toArray(String[]::new));
      if (code != ExitCodes.OK) {
        throw new UncheckedIOException(
            new IOException("CDS training run failed (exit " + code + "): " + run));
      }
    }
  }
}
