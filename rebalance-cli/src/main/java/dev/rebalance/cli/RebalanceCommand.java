package dev.rebalance.cli;

import dev.rebalance.api.RebalanceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root {@code rebalance} command; each subcommand is its own class. */
@Command(
    name = "rebalance",
    mixinStandardHelpOptions = true,
    versionProvider = RebalanceCommand.Version.class,
    description = "Explain rebalancing decisions and manage a trading bot's tracker state.",
    subcommands = {CommandLine.HelpCommand.class, ExplainCommand.class})
public final class RebalanceCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The configured command line: exit codes and error handling shared by every subcommand. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RebalanceCommand());
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
            return ex instanceof RebalanceException && !(ex instanceof dev.rebalance.api.InvalidConfigException)
                ? ExitCodes.FAILED
                : ExitCodes.USAGE;
          }
          commandLine.getErr().println("error: unexpected " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
          return ExitCodes.FAILED;
        });
    return cl;
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
