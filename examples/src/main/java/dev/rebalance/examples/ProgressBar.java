package dev.rebalance.examples;

import java.io.PrintStream;

/**
 * Shows a long simulation's progress on standard error: a redrawn bar when a console is attached,
 * otherwise a line at every tenth, so logs of non-interactive runs stay readable.
 *
 * <p>Not thread-safe: the simulation thread updates it.
 */
final class ProgressBar implements Simulation.Progress {
  private static final int WIDTH = 40;

  private final PrintStream err;
  private final boolean terminal;
  private int lastShown = -1;

  ProgressBar(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public void update(long done, long total) {
    int pct = (int) (100 * done / total);
    if (terminal) {
      if (pct == lastShown) {
        return;
      }
      lastShown = pct;
      int filled = (int) ((long) WIDTH * done / total);
      err.print(
          "\r["
              + "#".repeat(filled)
              + ".".repeat(WIDTH - filled)
              + "] "
              + pct
              + " % ("
              + done
              + "/"
              + total
              + " scans)");
      if (done == total) {
        err.print("\r" + " ".repeat(WIDTH + 40) + "\r");
      }
      err.flush();
    } else {
      int tenth = pct / 10;
      if (tenth != lastShown && (tenth > 0)) {
        lastShown = tenth;
        err.println("progress: " + (tenth * 10) + " % (" + done + "/" + total + " scans)");
      }
    }
  }
}
