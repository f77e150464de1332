package dev.rebalance.jdbc.internal;

import dev.rebalance.api.Identifiers;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.TreeSet;

/**
 * The accounts the store holds anything for (TrackerStore clause 12): one query over every table
 * keyed by account.
 */
public final class AccountQuery {

  /** A table with no state of its own. */
  public AccountQuery() {}

  /** The accounts of every table keyed by account: one is held while any table has a row. */
  private static final String ACCOUNTS_SQL =
      String.join(
          " UNION ",
          List.of(
              "SELECT account FROM " + Schema.ENTRIES,
              "SELECT account FROM " + Schema.LOCKS,
              "SELECT account FROM " + Schema.HISTORY,
              "SELECT account FROM " + Schema.LAST_REBALANCE,
              "SELECT account FROM " + Schema.INTENTS,
              "SELECT account FROM " + Schema.FILLS,
              "SELECT account FROM " + Schema.FILL_WATERMARK));

  /**
   * The accounts with a row in any table whose id keeps the account-id rule ({@link
   * Identifiers#isValidAccountId}), sorted by {@link String#compareTo} here rather than by the
   * database's collation (which differs between databases and locales).
   *
   * @param c connection
   * @return the account ids, sorted, without duplicates
   * @throws SQLException on failure
   */
  public List<String> accounts(Connection c) throws SQLException {
    TreeSet<String> ids = new TreeSet<>();
    try (PreparedStatement p = c.prepareStatement(ACCOUNTS_SQL);
        ResultSet r = p.executeQuery()) {
      while (r.next()) {
        String id = r.getString(1);
        // A row written around the store (by hand, by another tool) under an id the account-id
        // rule refuses is no account a caller could name: not listed, as the JSON store does.
        if (id != null && Identifiers.isValidAccountId(id)) {
          ids.add(id);
        }
      }
    }
    return List.copyOf(ids);
  }
}
