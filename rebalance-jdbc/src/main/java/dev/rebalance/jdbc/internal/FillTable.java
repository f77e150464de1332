package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.setInstant;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.TrackedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * The applied fills and the fill watermark (TrackerStore clauses 9 and 10). A fill is applied in
 * one transaction: the insert of its id (the primary key refuses a second one) and, only if that
 * insert added a row, the entry change.
 */
public final class FillTable {
  private final Dialect dialect;
  private final EntryTable entries;

  /**
   * @param dialect the database's dialect
   * @param entries the entry statements the fill's change runs
   */
  public FillTable(Dialect dialect, EntryTable entries) {
    this.dialect = dialect;
    this.entries = entries;
  }

  /**
   * @param c connection in auto-commit mode
   * @param account account
   * @param fillId the fill id
   * @param change the change
   * @return true if this call applied the fill
   * @throws SQLException on failure (nothing applied)
   */
  public boolean applyFill(Connection c, String account, String fillId, EntryChange change)
      throws SQLException {
    return dialect.inTransaction(
        c,
        conn -> {
          try (PreparedStatement p =
              conn.prepareStatement(
                  "INSERT INTO "
                      + Schema.FILLS
                      + " (account, fill_id) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            p.setString(1, account);
            p.setString(2, fillId);
            if (p.executeUpdate() != 1) {
              return false;
            }
          }
          Optional<TrackedEntry> put = change.put();
          if (put.isPresent()) {
            entries.putEntry(conn, account, put.get());
          }
          Optional<String> remove = change.remove();
          if (remove.isPresent()) {
            entries.removeEntry(conn, account, remove.get());
          }
          return true;
        });
  }

  /**
   * @param c connection
   * @param account account
   * @param fillId the fill id
   * @return whether it was applied
   * @throws SQLException on failure
   */
  public boolean fillApplied(Connection c, String account, String fillId) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT 1 FROM " + Schema.FILLS + " WHERE account = ? AND fill_id = ?")) {
      p.setString(1, account);
      p.setString(2, fillId);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /**
   * @param c connection
   * @param account account
   * @return the watermark
   * @throws SQLException on failure
   */
  public Optional<Instant> fillWatermark(Connection c, String account) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT at_sec, at_nano FROM " + Schema.FILL_WATERMARK + " WHERE account = ?")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(instant(r, 1)) : Optional.empty();
      }
    }
  }

  /**
   * Moves the watermark forward in one transaction: an upsert that only overwrites an earlier time,
   * then a read of the result.
   *
   * @param c connection in auto-commit mode
   * @param account account
   * @param to the new watermark
   * @return the watermark after the call
   * @throws SQLException on failure
   */
  public Instant advanceFillWatermark(Connection c, String account, Instant to)
      throws SQLException {
    return dialect.inTransaction(
        c,
        conn -> {
          String t = Schema.FILL_WATERMARK;
          try (PreparedStatement p =
              conn.prepareStatement(
                  "INSERT INTO "
                      + t
                      + " (account, at_sec, at_nano) VALUES (?, ?, ?) ON CONFLICT (account) DO"
                      + " UPDATE SET at_sec = excluded.at_sec, at_nano = excluded.at_nano WHERE "
                      + t
                      + ".at_sec < excluded.at_sec OR ("
                      + t
                      + ".at_sec = excluded.at_sec AND "
                      + t
                      + ".at_nano < excluded.at_nano)")) {
            p.setString(1, account);
            setInstant(p, 2, to);
            p.executeUpdate();
          }
          return fillWatermark(conn, account).orElseThrow();
        });
  }
}
