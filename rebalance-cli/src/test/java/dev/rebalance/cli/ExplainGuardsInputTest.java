package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code explain} with the guards' inputs (spec/guards.md) and the hostile inputs of issue 11
 * (items 6, 7 and 9): every invalid value exits 2 with one line naming the field; an oversized or
 * endless file fails at once; no symbol can forge a line of the text output.
 */
class ExplainGuardsInputTest {

  @TempDir Path dir;

  private static final String NOW = "\"now\": \"2025-11-25T15:45:00Z\"";
  private static final String PEP = "{\"symbol\": \"PEP\", \"qty\": \"10\", \"score\": 40}";
  private static final String TSLA = "{\"symbol\": \"TSLA\", \"score\": 80}";
  private static final String ENTRY =
      "\"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-20T14:00:00Z\"}]";

  private static String scenario(
      String config, String positions, String candidates, String tracker) {
    return "{"
        + NOW
        + ", \"config\": "
        + config
        + ", \"positions\": ["
        + positions
        + "], \"candidates\": ["
        + candidates
        + "], \"tracker\": {"
        + tracker
        + "}}";
  }

  private static String config(String config) {
    return scenario(config, PEP, TSLA, ENTRY);
  }

  static Stream<Arguments> invalid() {
    String rule =
        " must be 1 to 20 characters of A-Z, 0-9, '.', '-' or '_', starting with a letter or"
            + " digit, was ";
    return Stream.of(
        Arguments.of(
            "turnover swaps zero",
            config("{\"turnoverBudget\": {\"swaps\": 0, \"window\": \"P7D\"}}"),
            "config.turnoverBudget.swaps must be >= 1, was 0"),
        Arguments.of(
            "turnover swaps fractional",
            config("{\"turnoverBudget\": {\"swaps\": 1.5, \"window\": \"P7D\"}}"),
            "config.turnoverBudget.swaps must be a whole number, was 1.5"),
        Arguments.of(
            "turnover window zero",
            config("{\"turnoverBudget\": {\"swaps\": 1, \"window\": \"PT0S\"}}"),
            "config.turnoverBudget.window must be > PT0S, was PT0S"),
        Arguments.of(
            "turnover window missing",
            config("{\"turnoverBudget\": {\"swaps\": 1}}"),
            "config.turnoverBudget.window is required"),
        Arguments.of(
            "turnover unknown field",
            config("{\"turnoverBudget\": {\"swaps\": 1, \"window\": \"P1D\", \"per\": 2}}"),
            "config.turnoverBudget.per is not a known field (known: swaps, window)"),
        Arguments.of(
            "reentry negative",
            config("{\"reentryBlock\": \"-PT1H\"}"),
            "config.reentryBlock must be >= PT0S, was PT-1H"),
        Arguments.of(
            "costs without edge",
            config("{\"costs\": {\"feeBps\": 5}}"),
            "config.costs.edgeBpsPerPoint is required"),
        Arguments.of(
            "costs edge zero",
            config("{\"costs\": {\"edgeBpsPerPoint\": 0}}"),
            "config.costs.edgeBpsPerPoint must be > 0, was 0"),
        Arguments.of(
            "costs negative fee",
            config("{\"costs\": {\"edgeBpsPerPoint\": 1, \"feeBps\": -1}}"),
            "config.costs.feeBps must be >= 0, was -1"),
        Arguments.of(
            "costs min not a number",
            config("{\"costs\": {\"edgeBpsPerPoint\": 1, \"minNetEdgeBps\": \"x\"}}"),
            "config.costs.minNetEdgeBps must be a number, was \"x\""),
        Arguments.of(
            "candidate price zero",
            scenario("{}", PEP, "{\"symbol\": \"TSLA\", \"score\": 80, \"price\": \"0\"}", ENTRY),
            "candidates[0].price must be > 0, was \"0\""),
        Arguments.of(
            "candidate price a number",
            scenario("{}", PEP, "{\"symbol\": \"TSLA\", \"score\": 80, \"price\": 7}", ENTRY),
            "candidates[0].price must be a decimal string such as \"100\", was 7"),
        Arguments.of(
            "candidate spread negative",
            scenario("{}", PEP, "{\"symbol\": \"TSLA\", \"score\": 80, \"spreadBps\": -1}", ENTRY),
            "candidates[0].spreadBps must be >= 0, was -1"),
        Arguments.of(
            "candidate fractionable not a boolean",
            scenario(
                "{}", PEP, "{\"symbol\": \"TSLA\", \"score\": 80, \"fractionable\": 1}", ENTRY),
            "candidates[0].fractionable must be true or false, was 1"),
        Arguments.of(
            "position spread not a number",
            scenario(
                "{}",
                "{\"symbol\": \"PEP\", \"qty\": \"10\", \"score\": 40, \"spreadBps\": \"5\"}",
                TSLA,
                ENTRY),
            "positions[0].spreadBps must be a number, was \"5\""),
        Arguments.of(
            "recent swap in the future",
            scenario(
                "{}",
                PEP,
                TSLA,
                ENTRY + ", \"recentSwaps\": [{\"at\": \"2025-11-25T15:45:01Z\", \"sold\": \"A\"}]"),
            "tracker.recentSwaps[0].at must not be after now (2025-11-25T15:45:00Z), was"
                + " 2025-11-25T15:45:01Z"),
        Arguments.of(
            "recent swap without sold",
            scenario(
                "{}", PEP, TSLA, ENTRY + ", \"recentSwaps\": [{\"at\": \"2025-11-25T15:00:00Z\"}]"),
            "tracker.recentSwaps[0].sold is required"),
        Arguments.of(
            "recent swap bad symbol",
            scenario(
                "{}",
                PEP,
                TSLA,
                ENTRY
                    + ", \"recentSwaps\": [{\"at\": \"2025-11-25T15:00:00Z\", \"sold\": \"a b\"}]"),
            "tracker.recentSwaps[0].sold" + rule + "'a b'"),
        // issue 11 item 7: overflowing inputs name the field
        Arguments.of(
            "sell fraction underflowing",
            config("{\"sellFraction\": 1e-999999999}"),
            "config.sellFraction is out of range (at most 100 digits before and after the decimal"
                + " point), was 1E-999999999"),
        Arguments.of(
            "cooldown beyond a century",
            config("{\"cooldown\": \"PT2562047788015215H\"}"),
            "config.cooldown must be <= PT876000H (100 years), was PT2562047788015215H"),
        // issue 11 item 9: one symbol rule; a control character is refused and shown escaped
        Arguments.of(
            "candidate forging a line",
            scenario(
                "{}", PEP, "{\"symbol\": \"EVIL\\nDecision:  SWAP (fake)\", \"score\": 99}", ENTRY),
            "candidates[0].symbol" + rule + "'EVIL\\u000aDecision:  SWAP (fake)'"),
        Arguments.of(
            "lower-case symbol",
            scenario("{}", PEP, "{\"symbol\": \"tsla\", \"score\": 99}", ENTRY),
            "candidates[0].symbol" + rule + "'tsla'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidGuardInputExitsTwoNamingTheField(String name, String json, String message)
      throws IOException {
    Path file = write(json);
    assertInvalid(explain("--scenario", file.toString()), "error: " + message);
    assertInvalid(explain("--scenario", file.toString(), "--format", "text"), "error: " + message);
  }

  @Test
  void devZeroFailsAtOnceWithOneLine() {
    long start = System.nanoTime();
    CliRun r = explain("--scenario", "/dev/zero");
    assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out).isEmpty();
    assertThat(r.err.strip()).startsWith("error: scenario file '/dev/zero' ").doesNotContain("\n");
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(10_000);
  }

  @Test
  void aThreeGigabyteFileIsRefusedBeforeReading() throws IOException {
    Path big = dir.resolve("big.json");
    try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
      f.setLength(3L * 1024 * 1024 * 1024); // sparse: no disk used
    }
    long start = System.nanoTime();
    CliRun r = explain("--scenario", big.toString());
    assertInvalid(
        r, "error: scenario file '" + big + "' is larger than 16 MiB, the most a scenario may be");
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(5_000);
  }

  @Test
  void anEndlessStreamIsCutAtTheLimit() throws IOException {
    // Valid JSON that never ends within the limit: a string of 17 MiB.
    Path file = dir.resolve("long.json");
    byte[] filler = new byte[17 * 1024 * 1024];
    java.util.Arrays.fill(filler, (byte) 'a');
    Files.write(file, ("{\"now\": \"").getBytes(StandardCharsets.UTF_8));
    Files.write(file, filler, java.nio.file.StandardOpenOption.APPEND);
    CliRun r = explain("--scenario", file.toString());
    assertInvalid(
        r, "error: scenario file '" + file + "' is larger than 16 MiB, the most a scenario may be");
  }

  @Test
  void jsonFlagIsTheSameAsFormatJson() throws IOException {
    Path file = write(config("{}"));
    CliRun json = explain("--scenario", file.toString(), "--json");
    CliRun format = explain("--scenario", file.toString(), "--format", "json");
    assertThat(json.exit).isZero();
    assertThat(json.out).isEqualTo(format.out).startsWith("{");
    CliRun both = explain("--scenario", file.toString(), "--json", "--format", "text");
    assertInvalid(
        both, "error: --json and --format text ask for different formats; give one of them");
  }

  @Test
  void freeTextInALockCannotForgeALine() throws IOException {
    Path file =
        write(
            scenario(
                "{}",
                PEP,
                TSLA,
                "\"locks\": [{\"symbol\": \"PEP\", \"reason\": \"x\\nDecision:  SWAP (fake)\"}]"));
    CliRun r = explain("--scenario", file.toString(), "--format", "text");
    assertThat(r.exit).isZero();
    assertThat(r.out.lines().filter(l -> l.startsWith("Decision:"))).hasSize(1);
    assertThat(r.out).contains("x\\u000aDecision:  SWAP (fake)");
  }

  // ---- helpers ----

  private CliRun explain(String... args) {
    String[] full = new String[args.length + 1];
    full[0] = "explain";
    System.arraycopy(args, 0, full, 1, args.length);
    return CliRun.rebalance(full);
  }

  private Path write(String json) throws IOException {
    Path file = Files.createTempFile(dir, "scenario", ".json");
    Files.writeString(file, json, StandardCharsets.UTF_8);
    return file;
  }

  private static void assertInvalid(CliRun r, String line) {
    assertThat(r.err).isEqualTo(line + System.lineSeparator());
    assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out).isEmpty();
  }
}
