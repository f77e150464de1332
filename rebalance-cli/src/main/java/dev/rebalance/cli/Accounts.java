package dev.rebalance.cli;

import dev.rebalance.api.spi.TrackerStore;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The account ids a store holds, through the SPI's {@link TrackerStore#accounts()} (clause 12), so
 * every store lists them the same way: SQLite, JSON, PostgreSQL and a user's own store. A store
 * that cannot list its accounts says so by throwing {@link UnsupportedOperationException}; then
 * {@link #ids} is empty.
 *
 * <p>Stateless and thread-safe.
 */
final class Accounts {

  private Accounts() {}

  /**
   * The account ids the store holds, sorted; empty when the store cannot list them.
   *
   * @param store the open store
   * @return the ids, or empty if the store cannot list its accounts
   * @throws dev.rebalance.api.TrackerStoreException if reading fails
   */
  static Optional<List<String>> ids(TrackerStore store) {
    try {
      return Optional.of(store.accounts());
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * A note for a command whose account is empty: the other accounts the store holds, or {@code ""}
   * when there are none (or they cannot be listed).
   *
   * @param store the open store
   * @param account the command's account
   * @return {@code " in account X; the store holds accounts A, B (use --account)"} or {@code ""}
   */
  static String elsewhere(TrackerStore store, String account) {
    Optional<List<String>> ids = ids(store);
    if (ids.isEmpty()) {
      return "";
    }
    TreeSet<String> others = new TreeSet<>(ids.get());
    others.remove(account);
    if (others.isEmpty()) {
      return "";
    }
    List<String> shown = others.stream().limit(10).toList();
    return " in account "
        + account
        + "; the store holds "
        + (others.size() == 1 ? "account " : "accounts ")
        + String.join(", ", shown)
        + (others.size() > shown.size() ? " and " + (others.size() - shown.size()) + " more" : "")
        + " (use --account, or see rebalance accounts)";
  }
}
