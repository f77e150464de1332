package dev.rebalance.cli;

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
}
