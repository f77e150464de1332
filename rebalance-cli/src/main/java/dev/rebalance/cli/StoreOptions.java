package dev.rebalance.cli;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The {@code --store} and {@code --account} options every management command takes. The store is
 * opened by URI scheme; an unknown scheme is an error, never a fallback to another store.
 *
 * <p>Read-only commands open a store only if it exists ({@link #openExisting()}): a mistyped {@code
 * --store sqlite:data/rebalnce.db} is an error, never a new empty database. Commands that write
 * ({@link #openForWriting(PrintWriter)}) create a missing file store and say so.
 *
 * <p>Not thread-safe; one instance per command invocation.
 */
public final class StoreOptions {

  /** The store the CLI uses when {@code --store} and {@code REBALANCE_STORE} are not given. */
  public static final String DEFAULT_STORE = "sqlite:data/rebalance.db";

  /** {@code --store}'s default: {@code REBALANCE_STORE}, else {@link #DEFAULT_STORE}. */
  static final String STORE_DEFAULT_VALUE = "${REBALANCE_STORE:-" + DEFAULT_STORE + "}";

  /** {@code --account}'s default: {@code REBALANCE_ACCOUNT}, else {@code default}. */
  static final String ACCOUNT_DEFAULT_VALUE = "${REBALANCE_ACCOUNT:-default}";

  @Option(
      names = "--store",
      paramLabel = "URI",
      defaultValue = STORE_DEFAULT_VALUE,
      description =
          "Tracker store: sqlite:PATH, json:PATH, postgresql://..., jdbc:postgresql://..."
              + " (default: ${DEFAULT-VALUE}).")
  String store = DEFAULT_STORE;

  @Option(
      names = "--account",
      paramLabel = "ID",
      defaultValue = ACCOUNT_DEFAULT_VALUE,
      description = "Account id inside the store (default: ${DEFAULT-VALUE}).")
  String account = "default";

  /**
   * Opens the store the options name, creating it if it does not exist (silently; the dashboard
   * uses this).
   *
   * @return the store; the caller closes it
   * @throws dev.rebalance.api.InvalidConfigException if the scheme is unknown
   * @throws IllegalArgumentException if the account id breaks the account-id rule
   */
  TrackerStore open() {
    account();
    return CliStores.open(store);
  }

  /**
   * Opens the store for a command that only reads (or only removes): a file store that does not
   * exist is an error naming the file, and nothing is created.
   *
   * @return the store; the caller closes it
   * @throws IllegalArgumentException if the store's file does not exist, or the account id is
   *     invalid
   */
  TrackerStore openExisting() {
    account();
    Optional<Path> file = CliStores.absentFile(store);
    if (file.isPresent()) {
      throw new IllegalArgumentException(
          "no store at "
              + file.get()
              + " (--store "
              + TrackerStores.redacted(store)
              + "); check the path, or create the store with a command that writes"
              + " (lock, import) or by running the bot");
    }
    return CliStores.open(store);
  }

  /**
   * Opens the store for a command that writes, creating a missing file store and saying so on
   * {@code err}.
   *
   * @param err where the note about a new store goes
   * @return the store; the caller closes it
   */
  TrackerStore openForWriting(PrintWriter err) {
    account();
    Optional<Path> file = CliStores.absentFile(store);
    boolean created = file.isPresent();
    TrackerStore s = CliStores.open(store);
    if (created) {
      err.println("note: created a new store at " + file.get() + " (--store " + store + ")");
      err.flush();
    }
    return s;
  }

  /**
   * The account id, checked against the one account-id rule.
   *
   * @return the account id
   * @throws IllegalArgumentException naming {@code --account} if it breaks the rule
   */
  String account() {
    return Identifiers.checkAccountId("--account", account);
  }

  /** The store URI as given (may carry a password: show it through TrackerStores.redacted). */
  String uri() {
    return store;
  }
}
