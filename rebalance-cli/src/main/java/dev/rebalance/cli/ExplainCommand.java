package dev.rebalance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.RebalanceConfigLoader;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rebalance explain --scenario FILE [--format json|text | --json]}: prints the decision the
 * {@link Rebalancer} makes for one scenario, and why. The scenario holds the time, the
 * configuration, the held positions, the candidates and the tracker's state; nothing is read from
 * or written to a store. Exit 0 with the decision on standard output; exit 2 with one line on
 * standard error naming the field at fault when the scenario is invalid, and nothing on standard
 * output.
 *
 * <p>Not thread-safe: picocli creates one instance per invocation.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    versionProvider = RebalanceCommand.Version.class,
    sortOptions = false,
    description = {
      "Show the decision the rebalancer makes for one scenario, and why.",
      "The scenario (JSON) gives the time, the config, the held positions, the candidates and the"
          + " tracker's entries, locks and last rebalance. Nothing is stored."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:a decision was printed (SWAP or HOLD)",
      "2:invalid scenario or usage (one line on standard error, nothing on standard output);"
          + " a scenario larger than 16 MiB is invalid"
    })
public final class ExplainCommand implements Callable<Integer> {

  /** The output formats. */
  enum Format {
    /** The scenario format's output object, for scripts and tests. */
    JSON,
    /** The decision, its reasons in words and a table of positions, for people. */
    TEXT
  }

  /** Accepts {@code json} and {@code text} in any case. */
  static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
    @Override
    public Format convert(String value) {
      for (Format f : Format.values()) {
        if (f.name().equalsIgnoreCase(value)) {
          return f;
        }
      }
      throw new CommandLine.TypeConversionException("expected json or text, was '" + value + "'");
    }
  }

  /** {@code --format}'s default. */
  static final String FORMAT_DEFAULT_VALUE = "json";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Output and errors when the command runs without picocli ({@link FastPath}); else null. */
  @Nullable PrintWriter directOut;

  @Nullable PrintWriter directErr;

  @Option(
      names = "--scenario",
      required = true,
      paramLabel = "FILE",
      description = "The scenario file (JSON); see docs/cli-explain.md for its fields.")
  Path scenario;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = FORMAT_DEFAULT_VALUE,
      converter = FormatConverter.class,
      description = "json (default: the decision as JSON) or text (for people).")
  Format format = Format.JSON;

  @Option(
      names = "--json",
      description = "The decision as JSON (the same as --format json, as on every other command).")
  boolean json;

  private final ScenarioReader reader;
  private final Function<Scenario, Rebalancer> engine;

  /**
   * The command as {@code rebalance explain} runs it: the project's config loader and the default
   * {@link Rebalancer}, deciding at the scenario's {@code now} with a clock fixed there.
   */
  public ExplainCommand() {
    this(
        node -> RebalanceConfigLoader.fromNode(node, "config"),
        s -> Rebalancer.of(s.config(), Clock.fixed(s.now(), ZoneOffset.UTC)));
  }

  /**
   * A command with the given scenario reader and engine factory.
   *
   * @param configParser parses the scenario's {@code config} object
   * @param engine makes the rebalancer for a scenario (its config, a clock fixed at its time)
   */
  ExplainCommand(
      Function<JsonNode, RebalanceConfig> configParser, Function<Scenario, Rebalancer> engine) {
    this.reader = new ScenarioReader(configParser);
    this.engine = engine;
  }

  @Override
  public Integer call() {
    PrintWriter err = directErr != null ? directErr : spec.commandLine().getErr();
    if (json && format == Format.TEXT) {
      err.println("error: --json and --format text ask for different formats; give one of them");
      err.flush();
      return ExitCodes.USAGE;
    }
    Scenario s;
    try {
      s = reader.read(scenario);
    } catch (InvalidConfigException e) {
      err.println("error: " + oneLine(e.getMessage()));
      err.flush();
      return ExitCodes.USAGE;
    }
    Decision decision = engine.apply(s).decide(s.positions(), s.candidates(), s.tracker(), s.now());
    // Render completely before printing anything, so a failure never leaves half an answer.
    StringWriter text = new StringWriter();
    if (format == Format.TEXT) {
      DecisionTextWriter.write(decision, s, new PrintWriter(text));
    } else {
      try {
        DecisionJsonWriter.write(decision, s.config(), text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    PrintWriter out = directOut != null ? directOut : spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return ExitCodes.OK;
  }

  /** Messages are printed on one line whatever the underlying parser put in them. */
  static String oneLine(String message) {
    String m = message == null ? "invalid scenario" : message;
    return m.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
