package dev.rebalance.cli;

/** The exit codes every command uses. */
public final class ExitCodes {
  private ExitCodes() {}

  /** Done. */
  public static final int OK = 0;

  /** The command was valid but could not do what was asked (unlock a symbol that is not locked). */
  public static final int FAILED = 1;

  /** Bad usage or invalid input (unknown option, unreadable file, value out of range). */
  public static final int USAGE = 2;
}
