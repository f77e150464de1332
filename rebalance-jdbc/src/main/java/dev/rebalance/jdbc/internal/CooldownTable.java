package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.setInstant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The last rebalance of each account and the atomic cooldown claim (TrackerStore clause 5), on a
 * borrowed connection.
 */
public final class CooldownTable {

  /** A table with no state of its own. */
  public CooldownTable() {}

  /**
   * @param c connection
   * @param account account
   * @return the last rebalance
   * @throws SQLException on failure
   */
  public Optional<Instant> lastRebalance(Connection c, String account) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT at_sec, at_nano FROM " + Schema.LAST_REBALANCE + " WHERE account = ?")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(instant(r, 1)) : Optional.empty();
      }
    }
  }

  /**
   * The claim is one statement, so one atomic compare-and-set in both databases: insert the time if
   * the account has none, else overwrite it only where the stored time is at or before {@code at -
   * cooldown}. PostgreSQL locks the conflicting row and re-checks the condition against the newest
   * committed version; SQLite runs the statement under its single write lock. Exactly one row
   * changed means this call claimed the slot.
   *
   * @param c connection
   * @param account account
   * @param at the claimed time
   * @param cooldown the cooldown
   * @return whether the claim succeeded
   * @throws SQLException on failure
   */
  public boolean claimRebalance(Connection c, String account, Instant at, Duration cooldown)
      throws SQLException {
    Optional<Instant> latestAllowed;
    try {
      latestAllowed = Optional.of(at.minus(cooldown));
    } catch (DateTimeException | ArithmeticException tooEarly) {
      latestAllowed = Optional.empty();
    }
    String insert =
        "INSERT INTO " + Schema.LAST_REBALANCE + " (account, at_sec, at_nano) VALUES (?, ?, ?)";
    if (latestAllowed.isEmpty()) {
      // at - cooldown is before the earliest instant: only an account with no time may claim.
      try (PreparedStatement p = c.prepareStatement(insert + " ON CONFLICT (account) DO NOTHING")) {
        p.setString(1, account);
        setInstant(p, 2, at);
        return p.executeUpdate() == 1;
      }
    }
    try (PreparedStatement p =
        c.prepareStatement(
            insert
                + " ON CONFLICT (account) DO UPDATE SET at_sec = excluded.at_sec,"
                + " at_nano = excluded.at_nano WHERE "
                + Schema.LAST_REBALANCE
                + ".at_sec < ? OR ("
                + Schema.LAST_REBALANCE
                + ".at_sec = ? AND "
                + Schema.LAST_REBALANCE
                + ".at_nano <= ?)")) {
      p.setString(1, account);
      setInstant(p, 2, at);
      Instant limit = latestAllowed.get();
      p.setLong(4, limit.getEpochSecond());
      p.setLong(5, limit.getEpochSecond());
      p.setInt(6, limit.getNano());
      return p.executeUpdate() == 1;
    }
  }

  /**
   * @param c connection
   * @param account account
   * @param at the time
   * @throws SQLException on failure
   */
  public void setLastRebalance(Connection c, String account, Instant at) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + Schema.LAST_REBALANCE
                + " (account, at_sec, at_nano) VALUES (?, ?, ?) ON CONFLICT (account) DO UPDATE"
                + " SET at_sec = excluded.at_sec, at_nano = excluded.at_nano")) {
      p.setString(1, account);
      setInstant(p, 2, at);
      p.executeUpdate();
    }
  }
}
