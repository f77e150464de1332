package dev.rebalance.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.tracking.TrackerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import picocli.CommandLine;

/** One command-line run with its exit code and everything it printed. */
final class CliRun {
  final int exit;
  final String out;
  final String err;

  private CliRun(int exit, String out, String err) {
    this.exit = exit;
    this.out = out;
    this.err = err;
  }

  /** Runs the real {@code rebalance} command line, as {@link Main#run} does, capturing output. */
  static CliRun rebalance(String... args) {
    return run(RebalanceCommand.commandLine(), args);
  }

  /**
   * Runs {@code explain} with the given config parser and engine behind it, under the root
   * command's error handling.
   */
  static CliRun explainWith(
      Function<JsonNode, RebalanceConfig> configParser,
      Function<Scenario, Rebalancer> engine,
      String... args) {
    CommandLine root = RebalanceCommand.commandLine();
    CommandLine cl = new CommandLine(new ExplainCommand(configParser, engine));
    cl.setExitCodeExceptionMapper(root.getExitCodeExceptionMapper());
    cl.setParameterExceptionHandler(root.getParameterExceptionHandler());
    cl.setExecutionExceptionHandler(root.getExecutionExceptionHandler());
    return run(cl, args);
  }

  static CliRun run(CommandLine cl, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new CliRun(exit, out.toString(), err.toString());
  }

  /** An engine that always returns {@code decision} and remembers what it was asked. */
  static final class FixedEngine implements Rebalancer {
    final Decision decision;
    RebalanceConfig config = RebalanceConfig.defaults();
    List<HeldPosition> positions;
    List<Candidate> candidates;
    TrackerState state;
    Instant now;

    FixedEngine(Decision decision) {
      this.decision = decision;
    }

    Function<Scenario, Rebalancer> factory() {
      return s -> {
        this.config = s.config();
        return this;
      };
    }

    @Override
    public Decision decide(
        List<HeldPosition> positions, List<Candidate> candidates, TrackerState state, Instant now) {
      this.positions = positions;
      this.candidates = candidates;
      this.state = state;
      this.now = now;
      return decision;
    }

    @Override
    public RebalanceConfig config() {
      return config;
    }

    @Override
    public Clock clock() {
      return Clock.fixed(Objects.requireNonNull(now, "decide first"), ZoneOffset.UTC);
    }
  }

  /** The directory of the scenario files on the test class path. */
  static Path scenarios() {
    try {
      return Path.of(Objects.requireNonNull(CliRun.class.getResource("/scenarios")).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
