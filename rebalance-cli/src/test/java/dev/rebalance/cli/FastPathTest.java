package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@link FastPath} runs {@code locked} and {@code explain} exactly as picocli does: the same
 * options, and for every command line the same exit code, output and errors; lines it does not take
 * are left to picocli.
 */
class FastPathTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-11-25T16:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  private String store;
  private String scenario;

  private record Run(int exit, String out, String err) {}

  @BeforeEach
  void setUp() throws Exception {
    store = "sqlite:" + dir.resolve("rebalance.db");
    assertThat(
            picocli("lock", "AAPL", "--reason", "earnings", "--until", "2h", "--store", store).exit)
        .isZero();
    assertThat(picocli("lock", "MSFT", "--store", store, "--account", "other").exit).isZero();
    assertThat(picocli("lock", "TSLA", "--until", "1m", "--store", store).exit).isZero();
    Path s = dir.resolve("scenario.json");
    Files.copy(CliRun.scenarios().resolve("01-simple-swap.json"), s);
    scenario = s.toString();
  }

  /** The command line through picocli only, as before the fast path. */
  private static Run picocli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = RebalanceCommand.commandLine(CLOCK);
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return new Run(exit, out.toString(), err.toString());
  }

  /** The command line as {@link Main#run} runs it: the fast path when it takes the line. */
  private static Run main(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), CLOCK, args);
    return new Run(exit, out.toString(), err.toString());
  }

  private static boolean taken(String... args) {
    PrintWriter none = new PrintWriter(Writer.nullWriter());
    OptionalInt r = FastPath.run(args, none, none, CLOCK, System::getenv);
    return r.isPresent();
  }

  private List<String[]> plainLines() {
    return List.of(
        new String[] {"locked"},
        new String[] {"locked", "--store", store},
        new String[] {"locked", "--store=" + store, "--json"},
        new String[] {"locked", "--all", "--store", store},
        new String[] {"locked", "--store", store, "--all", "--json", "--zone", "America/New_York"},
        new String[] {"locked", "--zone=Europe/Paris", "--store", store},
        new String[] {"locked", "--store", store, "--account", "other"},
        new String[] {"locked", "--store", store, "--account=nobody"},
        new String[] {"locked", "--store", "sqlite:" + dir.resolve("missing.db")},
        new String[] {"locked", "--store", store, "--account", "Not An Id!"},
        new String[] {"locked", "--store", "nosuch:scheme"},
        new String[] {"explain", "--scenario", scenario},
        new String[] {"explain", "--scenario=" + scenario, "--json"},
        new String[] {"explain", "--format", "text", "--scenario", scenario},
        new String[] {"explain", "--scenario", scenario, "--format=TEXT"},
        new String[] {"explain", "--scenario", scenario, "--json", "--format", "text"},
        new String[] {"explain", "--scenario", dir.resolve("missing.json").toString()});
  }

  private List<String[]> otherLines() {
    return List.of(
        new String[] {"locked", "--help"},
        new String[] {"locked", "-h"},
        new String[] {"locked", "--store"},
        new String[] {"locked", "--store", store, "--store", store},
        new String[] {"locked", "--json", "--json", "--store", store},
        new String[] {"locked", "--store", store, "--zone", "Mars/Olympus"},
        new String[] {"locked", "--store", store, "--zone", "-5"},
        new String[] {"locked", "--store", store, "--unknown"},
        new String[] {"locked", "--store", store, "extra"},
        new String[] {"locked", "--store", store, "--json=true"},
        new String[] {"locked", "--store=", "--json"},
        new String[] {"locked", "--", "--store", store},
        new String[] {"locked", "@" + dir.resolve("args.txt")},
        new String[] {"explain"},
        new String[] {"explain", "--version"},
        new String[] {"explain", "--scenario", scenario, "--format", "yaml"},
        new String[] {"explain", "--scenario", "\0"},
        new String[] {"--help"},
        new String[] {"list", "--store", store});
  }

  @Test
  void plainLinesRunWithoutPicocliAndAnswerAsPicocliDoes() {
    // Successes, and failures from the command itself (no store, a bad account or scheme, an
    // unreadable scenario, --json with --format text): the same exit code, output and errors.
    for (String[] line : plainLines()) {
      assertThat(taken(line)).as(String.join(" ", line)).isTrue();
      Run expected = picocli(line);
      Run actual = main(line);
      assertThat(actual).as(String.join(" ", line)).isEqualTo(expected);
    }
    assertThat(dir.resolve("missing.db")).doesNotExist();
  }

  @Test
  void everyOtherLineIsLeftToPicocli() throws Exception {
    Files.writeString(dir.resolve("args.txt"), "--store " + store);
    for (String[] line : otherLines()) {
      assertThat(taken(line)).as(String.join(" ", line)).isFalse();
      assertThat(main(line)).as(String.join(" ", line)).isEqualTo(picocli(line));
    }
  }

  @Test
  void everyScenarioIsExplainedTheSameWayInBothFormats() throws Exception {
    try (Stream<Path> files = Files.list(CliRun.scenarios())) {
      for (Path p : files.filter(f -> !f.toString().endsWith(".expected.json")).toList()) {
        for (String format : List.of("json", "text")) {
          String[] line = {"explain", "--scenario", p.toString(), "--format", format};
          assertThat(main(line)).as(String.join(" ", line)).isEqualTo(picocli(line));
        }
      }
    }
  }

  @Test
  void theOutputsAreTheExpectedOnes() {
    Run locked = main("locked", "--store", store, "--all");
    assertThat(locked.exit).isZero();
    assertThat(locked.out).contains("[locked]  AAPL", "earnings", "[locked]  TSLA", "16:01:00 UTC");
    Run explain = main("explain", "--scenario", scenario);
    assertThat(explain.exit).as(explain.err).isZero();
    assertThat(explain.out).contains("\"action\": \"SWAP\"");
  }

  @Test
  void aDamagedStoreIsRefusedTheSameWay() throws Exception {
    Path file = dir.resolve("damaged.db");
    String damaged = "sqlite:" + file;
    assertThat(picocli("lock", "AAPL", "--store", damaged).exit).isZero();
    byte[] junk = new byte[4096];
    new Random(42).nextBytes(junk);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.seek(0);
      f.write(junk);
    }
    String[] line = {"locked", "--store", damaged};
    assertThat(taken(line)).isTrue();
    Run actual = main(line);
    assertThat(actual).isEqualTo(picocli(line));
    assertThat(actual.exit).isEqualTo(ExitCodes.FAILED);
    assertThat(actual.err).contains("damaged");
  }

  @Test
  void defaultsComeFromSystemPropertiesThenTheEnvironmentAsInPicocli() {
    assertThat(FastPath.resolve("${REBALANCE_TEST_NOT_SET_ANYWHERE:-fallback}"))
        .isEqualTo("fallback");
    System.setProperty("REBALANCE_TEST_FAST_PATH", "from-property");
    try {
      assertThat(FastPath.resolve("${REBALANCE_TEST_FAST_PATH:-fallback}"))
          .isEqualTo("from-property");
    } finally {
      System.clearProperty("REBALANCE_TEST_FAST_PATH");
    }
    assertThat(FastPath.resolve("json")).isEqualTo("json");
  }

  /**
   * The fast path knows every option the commands have, with the right arity: an option added to
   * {@code locked} or {@code explain} fails this test until {@link FastPath} takes it too (until
   * then, a line using it would be left to picocli).
   */
  @Test
  void theOptionListsAreTheCommandsOwn() {
    Map<String, Object> commands =
        Map.of("locked", new LockedCommand(), "explain", new ExplainCommand());
    for (Map.Entry<String, Object> c : commands.entrySet()) {
      CommandLine cl = new CommandLine(c.getValue());
      Set<String> flags = new HashSet<>();
      Set<String> withValue = new HashSet<>();
      List<String> help = new ArrayList<>();
      for (OptionSpec o : cl.getCommandSpec().options()) {
        if (o.usageHelp() || o.versionHelp()) {
          help.add(o.longestName());
          continue;
        }
        assertThat(o.names()).as("%s: one name per option", c.getKey()).hasSize(1);
        (o.arity().max() == 0 ? flags : withValue).add(o.longestName());
      }
      List<Set<String>> fast = FastPath.COMMANDS.get(c.getKey());
      assertThat(fast.get(0)).as("%s flags", c.getKey()).isEqualTo(flags);
      assertThat(fast.get(1)).as("%s options with a value", c.getKey()).isEqualTo(withValue);
    }
  }
}
