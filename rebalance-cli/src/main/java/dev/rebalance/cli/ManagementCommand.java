package dev.rebalance.cli;

import dev.rebalance.api.spi.TrackerStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every management command shares: {@code --store}, {@code --account}, {@code --json}, the
 * clock of the root command, and opening and closing the store around the work.
 *
 * <p>Not thread-safe; one instance per invocation.
 */
abstract class ManagementCommand implements Callable<Integer> {

  @Mixin StoreOptions storeOptions;

  @Option(names = "--json", description = "Print JSON for scripts instead of a table.")
  boolean json;

  @ParentCommand RebalanceCommand root;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try (TrackerStore store = storeOptions.open()) {
      return run(store, storeOptions.account());
    }
  }

  /**
   * Does the command's work.
   *
   * @param store the open store
   * @param account the account id
   * @return the exit code
   */
  abstract int run(TrackerStore store, String account);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  Clock clock() {
    return root.clock();
  }

  /** Symbols are upper case, as the broker spells them. */
  static String symbol(String raw) {
    String s = raw.strip().toUpperCase(Locale.ROOT);
    if (s.isEmpty()) {
      throw new IllegalArgumentException("SYMBOL must not be blank");
    }
    return s;
  }
}
