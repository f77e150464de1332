package dev.rebalance.cli;

import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code rebalance} command; each subcommand is its own class. */
@Command(
    name = "rebalance",
    mixinStandardHelpOptions = true,
    versionProvider = RebalanceCommand.Version.class,
    description = "Explain rebalancing decisions and manage a trading bot's tracker state.",
    subcommands = {CommandLine.HelpCommand.class})
public final class RebalanceCommand implements Runnable {

  /**
   * The subcommands by name, in the order {@code rebalance --help} lists them. Only the one a
   * command line names is built for a run ({@link #commandLineFor}), so {@code rebalance locked}
   * never loads what {@code explain} or {@code dashboard} need. The names are written out here
   * (each equals the class's {@code @Command(name)}, which a test checks) so that finding the one
   * to build reads no annotation: the first annotation read costs a start-up milliseconds.
   */
  static final Map<String, Class<?>> SUBCOMMANDS = subcommands();

  private static Map<String, Class<?>> subcommands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("explain", ExplainCommand.class);
    m.put("list", ListCommand.class);
    m.put("lock", LockCommand.class);
    m.put("unlock", UnlockCommand.class);
    m.put("unlock-all", UnlockAllCommand.class);
    m.put("locked", LockedCommand.class);
    m.put("history", HistoryCommand.class);
    m.put("stats", StatsCommand.class);
    m.put("import", ImportCommand.class);
    m.put("dashboard", DashboardCommand.class);
    m.put("reconcile", ReconcileCommand.class);
    m.put("swaps", SwapsCommand.class);
    m.put("accounts", AccountsCommand.class);
    return Collections.unmodifiableMap(m);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Clock clock;

  private final Supplier<Map<String, String>> environment;

  /** The root command on the system clock (UTC) and the process environment. */
  public RebalanceCommand() {
    this(Clock.systemUTC());
  }

  RebalanceCommand(Clock clock) {
    this(clock, System::getenv);
  }

  RebalanceCommand(Clock clock, Supplier<Map<String, String>> environment) {
    this.clock = clock;
    this.environment = environment;
  }

  /** The clock subcommands read the time from. */
  Clock clock() {
    return clock;
  }

  /** The environment variables subcommands read ({@code APCA_*}); tests inject their own. */
  Map<String, String> environment() {
    return environment.get();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line: exit codes and error handling shared by every subcommand. */
  public static CommandLine commandLine() {
    return configure(withSubcommands(new CommandLine(new RebalanceCommand()), null));
  }

  /**
   * The configured command line for {@code args}: when the first argument names a subcommand, only
   * that subcommand is built (start-up loads nothing the others need); otherwise all of them, for
   * the root's help and its suggestions.
   *
   * @param args the command line
   * @return the command line, on the system clock and the process environment
   */
  public static CommandLine commandLineFor(String... args) {
    Class<?> only = args.length > 0 ? SUBCOMMANDS.get(args[0]) : null;
    return configure(withSubcommands(new CommandLine(new RebalanceCommand()), only));
  }

  /** Adds every subcommand, or only {@code only} when it is not null. */
  private static CommandLine withSubcommands(CommandLine cl, @Nullable Class<?> only) {
    for (Class<?> c : SUBCOMMANDS.values()) {
      if (only == null || only == c) {
        cl.addSubcommand(c);
      }
    }
    return cl;
  }

  /**
   * The configured command line whose subcommands read the time from {@code clock}.
   *
   * @param clock the clock (tests pass a fixed or mutable one)
   * @return the command line
   */
  public static CommandLine commandLine(Clock clock) {
    return configure(
        withSubcommands(
            new CommandLine(new RebalanceCommand(Objects.requireNonNull(clock, "clock"))), null));
  }

  /**
   * The configured command line whose subcommands read the time from {@code clock} and environment
   * variables (such as {@code APCA_API_KEY_ID}) from {@code environment}.
   *
   * @param clock the clock (tests pass a fixed or mutable one)
   * @param environment the environment variables (tests pass their own instead of the process's)
   * @return the command line
   */
  public static CommandLine commandLine(Clock clock, Map<String, String> environment) {
    Map<String, String> env = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    return configure(
        withSubcommands(
            new CommandLine(
                new RebalanceCommand(Objects.requireNonNull(clock, "clock"), () -> env)),
            null));
  }

  private static CommandLine configure(CommandLine cl) {
    addHelpOptions(cl);
    Handlers handlers = new Handlers();
    cl.setExitCodeExceptionMapper(handlers);
    cl.setParameterExceptionHandler(handlers);
    cl.setExecutionExceptionHandler(handlers);
    return cl;
  }

  /** Gives every (sub)command that lacks one a {@code -h, --help} option that prints its usage. */
  private static void addHelpOptions(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    boolean has = false;
    for (CommandLine.Model.OptionSpec o : spec.options()) {
      has |= o.usageHelp();
    }
    if (!has) {
      spec.addOption(
          CommandLine.Model.OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    for (CommandLine sub : cl.getSubcommands().values()) {
      addHelpOptions(sub);
    }
  }

  /**
   * Exit codes and error messages shared by every subcommand. A class rather than lambdas: a lambda
   * implementing one of picocli's interfaces keeps that interface (Java 5 bytecode) out of the
   * class-data-sharing archive {@code bin/rebalance} starts with.
   */
  private static final class Handlers
      implements CommandLine.IExitCodeExceptionMapper,
          CommandLine.IParameterExceptionHandler,
          CommandLine.IExecutionExceptionHandler {

    @Override
    public int getExitCode(Throwable exception) {
      return ExitCodes.USAGE;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      cl.getErr().println("error: " + ex.getMessage());
      cl.getErr().println("Try '" + cl.getCommandSpec().qualifiedName() + " --help'.");
      return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(
        Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      return failed(ex, commandLine.getErr());
    }
  }

  /**
   * Reports a command's failure: never a stack trace to a person, one line naming what is wrong.
   *
   * @param ex what the command threw
   * @param err where the line goes
   * @return the exit code: 1 for a store or broker failure, 2 for bad input
   */
  static int failed(Exception ex, PrintWriter err) {
    if (ex instanceof RebalanceException || ex instanceof IllegalArgumentException) {
      err.println("error: " + ex.getMessage());
      return ex instanceof RebalanceException && !(ex instanceof InvalidConfigException)
          ? ExitCodes.FAILED
          : ExitCodes.USAGE;
    }
    err.println("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
    return ExitCodes.FAILED;
  }

  /** Reads the version from the filtered resource. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"rebalance " + p.getProperty("version", "unknown")};
    }
  }
}
