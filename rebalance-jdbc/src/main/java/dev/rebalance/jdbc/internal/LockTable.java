package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.delete;
import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.optionalInstant;
import static dev.rebalance.jdbc.internal.Columns.setInstant;
import static dev.rebalance.jdbc.internal.Columns.setOptionalInstant;
import static dev.rebalance.jdbc.internal.Columns.setText;

import dev.rebalance.api.PositionLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The position locks (TrackerStore clause 3), one row per account and symbol, expired ones
 * included, on a borrowed connection.
 */
public final class LockTable {

  /** A table with no state of its own. */
  public LockTable() {}

  /**
   * @param c connection
   * @param account account
   * @return the locks, by symbol
   * @throws SQLException on failure
   */
  public List<PositionLock> locks(Connection c, String account) throws SQLException {
    List<PositionLock> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT symbol, reason, locked_by, locked_sec, locked_nano, expires_sec, expires_nano"
                + " FROM "
                + Schema.LOCKS
                + " WHERE account = ?")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          String symbol = r.getString(1);
          try {
            out.add(
                PositionLock.builder()
                    .symbol(symbol)
                    .reason(Optional.ofNullable(r.getString(2)))
                    .lockedBy(Optional.ofNullable(r.getString(3)))
                    .lockedAt(instant(r, 4))
                    .expiresAt(optionalInstant(r, 6))
                    .build());
          } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SQLException(
                "unreadable row in " + Schema.LOCKS + " for symbol " + symbol, e);
          }
        }
      }
    }
    out.sort(Comparator.comparing(PositionLock::symbol));
    return List.copyOf(out);
  }

  /**
   * @param c connection
   * @param account account
   * @param lock lock
   * @throws SQLException on failure
   */
  public void putLock(Connection c, String account, PositionLock lock) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + Schema.LOCKS
                + " (account, symbol, reason, locked_by, locked_sec, locked_nano, expires_sec,"
                + " expires_nano) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (account, symbol) DO UPDATE SET reason = excluded.reason,"
                + " locked_by = excluded.locked_by, locked_sec = excluded.locked_sec,"
                + " locked_nano = excluded.locked_nano, expires_sec = excluded.expires_sec,"
                + " expires_nano = excluded.expires_nano")) {
      p.setString(1, account);
      p.setString(2, lock.symbol());
      setText(p, 3, lock.reason());
      setText(p, 4, lock.lockedBy());
      setInstant(p, 5, lock.lockedAt());
      setOptionalInstant(p, 7, lock.expiresAt());
      p.executeUpdate();
    }
  }

  /**
   * @param c connection
   * @param account account
   * @param symbol symbol
   * @return whether a row was deleted
   * @throws SQLException on failure
   */
  public boolean removeLock(Connection c, String account, String symbol) throws SQLException {
    return delete(c, Schema.LOCKS, account, "symbol", symbol) > 0;
  }

  /**
   * @param c connection
   * @param account account
   * @return rows deleted
   * @throws SQLException on failure
   */
  public int removeAllLocks(Connection c, String account) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement("DELETE FROM " + Schema.LOCKS + " WHERE account = ?")) {
      p.setString(1, account);
      return p.executeUpdate();
    }
  }
}
