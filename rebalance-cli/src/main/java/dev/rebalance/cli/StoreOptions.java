package dev.rebalance.cli;

import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import picocli.CommandLine.Option;

/**
 * The {@code --store} and {@code --account} options every management command takes. The store is
 * opened by URI scheme; an unknown scheme is an error, never a fallback to another store.
 *
 * <p>Not thread-safe; one instance per command invocation.
 */
public final class StoreOptions {

  /** The store the CLI uses when {@code --store} and {@code REBALANCE_STORE} are not given. */
  public static final String DEFAULT_STORE = "sqlite:data/rebalance.db";

  @Option(
      names = "--store",
      paramLabel = "URI",
      defaultValue = "${REBALANCE_STORE:-" + DEFAULT_STORE + "}",
      description =
          "Tracker store: sqlite:PATH, json:PATH, postgresql://..., jdbc:postgresql://..."
              + " (default: ${DEFAULT-VALUE}).")
  String store = DEFAULT_STORE;

  @Option(
      names = "--account",
      paramLabel = "ID",
      defaultValue = "${REBALANCE_ACCOUNT:-default}",
      description = "Account id inside the store (default: ${DEFAULT-VALUE}).")
  String account = "default";

  /**
   * Opens the store the options name.
   *
   * @return the store; the caller closes it
   * @throws dev.rebalance.api.InvalidConfigException if the scheme is unknown
   */
  TrackerStore open() {
    if (account.isBlank()) {
      throw new IllegalArgumentException("--account must not be blank");
    }
    return TrackerStores.open(store);
  }

  /** The account id. */
  String account() {
    return account;
  }
}
