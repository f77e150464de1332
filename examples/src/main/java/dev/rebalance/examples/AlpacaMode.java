package dev.rebalance.examples;

import java.io.PrintStream;

/** Real-time mode against Alpaca paper trading. */
final class AlpacaMode {
  private AlpacaMode() {}

  static int run(ExampleBot options, java.util.Map<String, String> env, PrintStream out, PrintStream err) {
    err.println("error: --broker alpaca needs the rebalance-alpaca module, which this build does not include yet");
    return 2;
  }
}
