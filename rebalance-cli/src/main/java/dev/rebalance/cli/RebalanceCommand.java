package dev.rebalance.cli;

import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.RebalanceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
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
   * The subcommands, in the order {@code rebalance --help} lists them. Only the one a command line
   * names is built for a run ({@link #commandLineFor}), so {@code rebalance locked} never loads
   * what {@code explain} or {@code dashboard} need.
   */
  static final List<Class<?>> SUBCOMMANDS =
      List.of(
          ExplainCommand.class,
          ListCommand.class,
          LockCommand.class,
          UnlockCommand.class,
          UnlockAllCommand.class,
          LockedCommand.class,
          HistoryCommand.class,
          StatsCommand.class,
          ImportCommand.class,
          DashboardCommand.class,
          ReconcileCommand.class,
          SwapsCommand.class,
          AccountsCommand.class);

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
   * The configured command line for {@code args}: when the first argument names a subcommand,
   * only that subcommand is built (start-up loads nothing the others need); otherwise all of
   * them, for the root's help and its suggestions.
   *
   * @param args the command line
   * @return the command line, on the system clock and the process environment
   */
  public static CommandLine commandLineFor(String... args) {
    String first = args.length > 0 ? args[0] : null;
    Class<?> only = null;
    for (Class<?> c : SUBCOMMANDS) {
      if (c.getAnnotation(Command.class).name().equals(first)) {
        only = c;
      }
    }
    return configure(withSubcommands(new CommandLine(new RebalanceCommand()), only));
  }

  /** Adds every subcommand, or only {@code only} when it is not null. */
  private static CommandLine withSubcommands(CommandLine cl, @Nullable Class<?> only) {
    for (Class<?> c : SUBCOMMANDS) {
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
            new CommandLine(new RebalanceCommand(Objects.requireNonNull(clock, "clock"))),
            null));
  }

  /**
   * The configured command line whose subcommands read the time from {@code clock} and
   * environment variables (such as {@code APCA_API_KEY_ID}) from {@code environment}.
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
    cl.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          ex.getCommandLine().getErr().println("error: " + ex.getMessage());
          ex.getCommandLine().getErr().println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
          return ExitCodes.USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          // Never a stack trace to a person: one line naming what is wrong.
          if (ex instanceof RebalanceException || ex instanceof IllegalArgumentException) {
            commandLine.getErr().println("error: " + ex.getMessage());
            return ex instanceof RebalanceException && !(ex instanceof InvalidConfigException)
                ? ExitCodes.FAILED
                : ExitCodes.USAGE;
          }
          commandLine.getErr().println("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          return ExitCodes.FAILED;
        });
    return cl;
  }

  /** Gives every (sub)command that lacks one a {@code -h, --help} option that prints its usage. */
  private static void addHelpOptions(CommandLine cl) {
    CommandLine.Model.CommandSpec spec = cl.getCommandSpec();
    boolean has = spec.options().stream().anyMatch(CommandLine.Model.OptionSpec::usageHelp);
    if (!has) {
      spec.addOption(
          CommandLine.Model.OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    cl.getSubcommands().values().forEach(RebalanceCommand::addHelpOptions);
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
