package dev.rebalance.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;

/** Entry point of {@code rebalance.jar}. */
public final class Main {
  private Main() {}

  /**
   * Runs the command and exits with its exit code.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command without exiting; tests call this.
   *
   * @param args the command line
   * @return the exit code (0 success, 1 could not do what was asked, 2 bad usage or input)
   */
  public static int run(String... args) {
    return RebalanceCommand.commandLine().execute(args);
  }

  /**
   * Runs the command with its output, errors and clock given; tests call this to capture output.
   *
   * @param out where results go (standard output)
   * @param err where errors go (standard error)
   * @param clock the clock commands read the time from
   * @param args the command line
   * @return the exit code (0 success, 1 could not do what was asked, 2 bad usage or input)
   */
  public static int run(PrintWriter out, PrintWriter err, Clock clock, String... args) {
    CommandLine cl = RebalanceCommand.commandLine(clock);
    cl.setOut(out);
    cl.setErr(err);
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }
}
