package dev.rebalance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Every class of invalid scenario: exit 2, exactly one line on standard error naming the field and
 * the problem, nothing on standard output, never a stack trace.
 */
class ExplainInvalidInputTest {

  @TempDir Path dir;

  private static final String NOW = "\"now\": \"2025-11-25T15:45:00Z\"";
  private static final String PEP =
      "{\"symbol\": \"PEP\", \"qty\": \"100\", \"price\": \"170.25\", \"score\": 52.1,"
          + " \"fractionable\": false}";
  private static final String TSLA = "{\"symbol\": \"TSLA\", \"score\": 75.3}";

  /** A scenario with the given positions, candidates and extra top-level members. */
  private static String scenario(String positions, String candidates, String extra) {
    return "{"
        + NOW
        + ", \"config\": {}, \"positions\": ["
        + positions
        + "], \"candidates\": ["
        + candidates
        + "]"
        + (extra.isEmpty() ? "" : ", " + extra)
        + "}";
  }

  private static String withPosition(String position) {
    return scenario(position, TSLA, "");
  }

  private static String withTracker(String tracker) {
    return scenario(PEP, TSLA, "\"tracker\": " + tracker);
  }

  static Stream<Arguments> invalidScenarios() {
    return Stream.of(
        // the document
        Arguments.of(
            "top level not an object",
            "[1, 2]",
            "the scenario must be a JSON object, was an array"),
        // missing required fields
        Arguments.of("missing now", "{\"positions\": [], \"candidates\": []}", "now is required"),
        Arguments.of(
            "null now",
            "{\"now\": null, \"positions\": [], \"candidates\": []}",
            "now is required, was null"),
        Arguments.of(
            "missing positions", "{" + NOW + ", \"candidates\": []}", "positions is required"),
        Arguments.of(
            "missing candidates", "{" + NOW + ", \"positions\": []}", "candidates is required"),
        Arguments.of(
            "missing position symbol",
            withPosition("{\"qty\": \"1\", \"score\": 1.0}"),
            "positions[0].symbol is required"),
        Arguments.of(
            "missing position qty",
            withPosition("{\"symbol\": \"PEP\", \"score\": 1.0}"),
            "positions[0].qty is required"),
        Arguments.of(
            "missing position score",
            withPosition("{\"symbol\": \"PEP\", \"qty\": \"1\"}"),
            "positions[0].score is required"),
        Arguments.of(
            "missing candidate score",
            scenario(PEP, "{\"symbol\": \"TSLA\"}", ""),
            "candidates[0].score is required"),
        Arguments.of(
            "missing entry time",
            withTracker("{\"entries\": [{\"symbol\": \"PEP\", \"entryPrice\": \"1\"}]}"),
            "tracker.entries[0].entryTime is required"),
        Arguments.of(
            "missing lock symbol",
            withTracker("{\"locks\": [{\"reason\": \"hold\"}]}"),
            "tracker.locks[0].symbol is required"),
        // bad config values (checked by the config loader, named under "config.")
        Arguments.of(
            "sell fraction above 1",
            "{"
                + NOW
                + ", \"config\": {\"sellFraction\": 1.5}, \"positions\": [], \"candidates\": []}",
            "config.sellFraction must be in (0, 1], was 1.5"),
        Arguments.of(
            "negative threshold",
            "{"
                + NOW
                + ", \"config\": {\"scoreThreshold\": -1}, \"positions\": [], \"candidates\": []}",
            "config.scoreThreshold must be >= 0, was -1"),
        Arguments.of(
            "unknown entry time rule",
            "{"
                + NOW
                + ", \"config\": {\"unknownEntryTime\": \"MAYBE\"}, \"positions\": [], \"candidates\": []}",
            "config.unknownEntryTime must be one of BLOCK, ALLOW, was \"MAYBE\""),
        // wrong types
        Arguments.of(
            "qty as a number",
            withPosition("{\"symbol\": \"PEP\", \"qty\": 100, \"score\": 1.0}"),
            "positions[0].qty must be a decimal string such as \"100\", was 100"),
        Arguments.of(
            "qty not a decimal",
            withPosition("{\"symbol\": \"PEP\", \"qty\": \"ten\", \"score\": 1.0}"),
            "positions[0].qty must be a decimal string such as \"100\", was \"ten\""),
        Arguments.of(
            "score as a string",
            withPosition("{\"symbol\": \"PEP\", \"qty\": \"1\", \"score\": \"52.1\"}"),
            "positions[0].score must be a number, was \"52.1\""),
        Arguments.of(
            "fractionable as a string",
            withPosition(
                "{\"symbol\": \"PEP\", \"qty\": \"1\", \"score\": 1, \"fractionable\": \"yes\"}"),
            "positions[0].fractionable must be true or false, was \"yes\""),
        Arguments.of(
            "symbol as a number",
            withPosition("{\"symbol\": 7, \"qty\": \"1\", \"score\": 1}"),
            "positions[0].symbol must be a string, was 7"),
        Arguments.of(
            "positions as an object",
            "{" + NOW + ", \"positions\": {}, \"candidates\": []}",
            "positions must be an array, was an object"),
        Arguments.of(
            "position as a string",
            "{" + NOW + ", \"positions\": [\"PEP\"], \"candidates\": []}",
            "positions[0] must be an object, was \"PEP\""),
        Arguments.of(
            "config as a number",
            "{" + NOW + ", \"config\": 5, \"positions\": [], \"candidates\": []}",
            "config must be an object, was 5"),
        Arguments.of(
            "now not an instant",
            "{\"now\": \"yesterday\", \"positions\": [], \"candidates\": []}",
            "now must be an ISO-8601 instant such as \"2025-11-25T15:45:00Z\", was \"yesterday\""),
        Arguments.of(
            "lastRebalance as a number",
            withTracker("{\"lastRebalance\": 1764085500}"),
            "tracker.lastRebalance must be an ISO-8601 instant such as \"2025-11-25T15:45:00Z\","
                + " was 1764085500"),
        Arguments.of(
            "entry source not a known value",
            withTracker(
                "{\"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T10:00:00Z\","
                    + " \"source\": \"GUESS\"}]}"),
            "tracker.entries[0].source must be one of FILL, RECONCILIATION, IMPORT, MANUAL,"
                + " was \"GUESS\""),
        // values out of range
        Arguments.of(
            "negative qty",
            scenario(PEP + ", {\"symbol\": \"KO\", \"qty\": \"-5\", \"score\": 40.0}", TSLA, ""),
            "positions[1].qty must be > 0, was \"-5\""),
        Arguments.of(
            "zero qty",
            withPosition("{\"symbol\": \"PEP\", \"qty\": \"0.000\", \"score\": 1.0}"),
            "positions[0].qty must be > 0, was \"0.000\""),
        Arguments.of(
            "zero price",
            withPosition("{\"symbol\": \"PEP\", \"qty\": \"1\", \"price\": \"0\", \"score\": 1.0}"),
            "positions[0].price must be > 0, was \"0\""),
        Arguments.of(
            "NaN score",
            withPosition("{\"symbol\": \"PEP\", \"qty\": \"1\", \"score\": NaN}"),
            "positions[0].score must be finite, was NaN"),
        Arguments.of(
            "infinite candidate score",
            scenario(PEP, "{\"symbol\": \"TSLA\", \"score\": -Infinity}", ""),
            "candidates[0].score must be finite, was -Infinity"),
        Arguments.of(
            "absurd exponent",
            scenario(PEP, "{\"symbol\": \"TSLA\", \"score\": 1e999999}", ""),
            "candidates[0].score is out of range (at most 100 digits before and after the decimal"
                + " point), was 1E+999999"),
        Arguments.of(
            "blank symbol",
            withPosition("{\"symbol\": \" \", \"qty\": \"1\", \"score\": 1.0}"),
            "positions[0].symbol must be 1 to 20 characters of A-Z, 0-9, '.', '-' or '_', starting with a letter or digit, was ' '"),
        Arguments.of(
            "symbol with spaces",
            scenario(PEP, "{\"symbol\": \"TSLA \", \"score\": 1.0}", ""),
            "candidates[0].symbol must be 1 to 20 characters of A-Z, 0-9, '.', '-' or '_', starting with a letter or digit, was 'TSLA '"),
        Arguments.of(
            "negative entry price",
            withTracker(
                "{\"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T10:00:00Z\","
                    + " \"entryPrice\": \"-1\"}]}"),
            "tracker.entries[0].entryPrice must be > 0, was \"-1\""),
        Arguments.of(
            "lock expiring before it was placed",
            withTracker(
                "{\"locks\": [{\"symbol\": \"PEP\", \"lockedAt\": \"2025-11-25T10:00:00Z\","
                    + " \"expiresAt\": \"2025-11-25T09:00:00Z\"}]}"),
            "tracker.locks[0].expiresAt must be after lockedAt (2025-11-25T10:00:00Z),"
                + " was 2025-11-25T09:00:00Z"),
        // duplicate symbols
        Arguments.of(
            "duplicate position",
            scenario(
                PEP + ", {\"symbol\": \"KO\", \"qty\": \"1\", \"score\": 1.0}, " + PEP, TSLA, ""),
            "positions[2].symbol \"PEP\" is listed twice (also at positions[0].symbol)"),
        Arguments.of(
            "duplicate candidate",
            scenario(PEP, TSLA + ", " + TSLA, ""),
            "candidates[1].symbol \"TSLA\" is listed twice (also at candidates[0].symbol)"),
        Arguments.of(
            "duplicate entry",
            withTracker(
                "{\"entries\": [{\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T10:00:00Z\"},"
                    + " {\"symbol\": \"PEP\", \"entryTime\": \"2025-11-25T11:00:00Z\"}]}"),
            "tracker.entries[1].symbol \"PEP\" is listed twice (also at tracker.entries[0].symbol)"),
        Arguments.of(
            "duplicate lock",
            withTracker("{\"locks\": [{\"symbol\": \"PEP\"}, {\"symbol\": \"PEP\"}]}"),
            "tracker.locks[1].symbol \"PEP\" is listed twice (also at tracker.locks[0].symbol)"),
        // unknown fields
        Arguments.of(
            "unknown top-level field",
            scenario(PEP, TSLA, "\"colour\": \"blue\""),
            "colour is not a known field (known: now, config, positions, candidates, tracker)"),
        Arguments.of(
            "unknown position field",
            withPosition(
                "{\"symbol\": \"PEP\", \"qty\": \"1\", \"score\": 1.0, \"sector\": \"food\"}"),
            "positions[0].sector is not a known field (known: symbol, qty, price, score, fractionable, spreadBps)"),
        Arguments.of(
            "unknown tracker field",
            withTracker("{\"last_rebalance\": \"2025-11-25T10:00:00Z\"}"),
            "tracker.last_rebalance is not a known field (known: entries, locks, lastRebalance, recentSwaps)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidScenarios")
  void invalidScenarioExitsTwoWithOneLine(String name, String json, String message)
      throws IOException {
    Path file = write(json);
    assertInvalid(explain("--scenario", file.toString()), "error: " + message);
  }

  @Test
  void unknownConfigKey() throws IOException {
    Path file =
        write("{" + NOW + ", \"config\": {\"colour\": 1}, \"positions\": [], \"candidates\": []}");
    assertInvalidPrefix(
        explain("--scenario", file.toString()),
        "error: config.colour is not a known setting; known: ");
  }

  @Test
  void missingFile() {
    Path file = dir.resolve("nope.json");
    assertInvalid(
        explain("--scenario", file.toString()),
        "error: scenario file '" + file + "' does not exist");
  }

  @Test
  void directoryInsteadOfFile() {
    CliRun r = explain("--scenario", dir.toString());
    assertInvalidPrefix(r, "error: scenario file '" + dir + "' cannot be read: ");
  }

  @Test
  void emptyFile() throws IOException {
    Path file = write("");
    assertInvalid(
        explain("--scenario", file.toString()), "error: scenario file '" + file + "' is empty");
  }

  @Test
  void notJson() throws IOException {
    Path file = write("{ now: 1 }");
    assertInvalidPrefix(
        explain("--scenario", file.toString()),
        "error: scenario file '"
            + file
            + "' is not valid JSON at line 1, column 3: Unexpected character ('n'");
  }

  @Test
  void truncatedJson() throws IOException {
    Path file = write("{\"now\": \"2025-11-25T15:45:00Z\",\n  \"positions\": [");
    assertInvalidPrefix(
        explain("--scenario", file.toString()),
        "error: scenario file '" + file + "' is not valid JSON at line 2");
  }

  @Test
  void trailingContent() throws IOException {
    Path file = write(scenario(PEP, TSLA, "") + " {}");
    assertInvalidPrefix(
        explain("--scenario", file.toString()),
        "error: scenario file '" + file + "' is not valid JSON at line 1");
  }

  @Test
  void duplicateKey() throws IOException {
    Path file = write("{" + NOW + ", " + NOW + ", \"positions\": [], \"candidates\": []}");
    CliRun r = explain("--scenario", file.toString());
    assertInvalidPrefix(r, "error: scenario file '" + file + "' is not valid JSON at line 1");
    assertThat(r.err).contains("Duplicate field 'now'");
  }

  @Test
  void missingScenarioOptionIsAUsageError() {
    CliRun r = explain();
    assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out).isEmpty();
    assertThat(r.err).startsWith("error: Missing required option: '--scenario=FILE'");
  }

  @Test
  void unknownFormatIsAUsageError() throws IOException {
    Path file = write(scenario(PEP, TSLA, ""));
    CliRun r = explain("--scenario", file.toString(), "--format", "xml");
    assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out).isEmpty();
    assertThat(r.err)
        .startsWith("error: Invalid value for option '--format': expected json or text, was 'xml'");
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

  private static void assertInvalidPrefix(CliRun r, String prefix) {
    assertThat(r.err).startsWith(prefix).endsWith(System.lineSeparator());
    assertThat(r.err.strip()).doesNotContain("\n").doesNotContain("\tat ");
    assertThat(r.exit).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out).isEmpty();
  }
}
