package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.decimal;
import static dev.rebalance.jdbc.internal.Columns.delete;
import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.setDecimal;
import static dev.rebalance.jdbc.internal.Columns.setInstant;
import static dev.rebalance.jdbc.internal.Columns.setText;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.TrackedEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The tracked entries (TrackerStore clause 2), one row per account and symbol, on a borrowed
 * connection. Statements are the same for both dialects (standard SQL plus {@code INSERT ... ON
 * CONFLICT}, which SQLite and PostgreSQL share).
 */
public final class EntryTable {

  /** A table with no state of its own. */
  public EntryTable() {}

  private static final String ENTRY_COLUMNS =
      "symbol, entry_sec, entry_nano, entry_price, qty, score, reason, source";

  /**
   * @param c connection
   * @param account account
   * @param symbol symbol
   * @return the entry
   * @throws SQLException on failure
   */
  public Optional<TrackedEntry> entry(Connection c, String account, String symbol)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + ENTRY_COLUMNS
                + " FROM "
                + Schema.ENTRIES
                + " WHERE account = ? AND symbol = ?")) {
      p.setString(1, account);
      p.setString(2, symbol);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(readEntry(r)) : Optional.empty();
      }
    }
  }

  /**
   * @param c connection
   * @param account account
   * @return the entries, by symbol
   * @throws SQLException on failure
   */
  public List<TrackedEntry> entries(Connection c, String account) throws SQLException {
    List<TrackedEntry> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + ENTRY_COLUMNS + " FROM " + Schema.ENTRIES + " WHERE account = ?")) {
      p.setString(1, account);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(readEntry(r));
        }
      }
    }
    out.sort(Comparator.comparing(TrackedEntry::symbol));
    return List.copyOf(out);
  }

  private static TrackedEntry readEntry(ResultSet r) throws SQLException {
    String symbol = r.getString(1);
    try {
      return TrackedEntry.builder()
          .symbol(symbol)
          .entryTime(instant(r, 2))
          .entryPrice(decimal(r, 4))
          .qty(decimal(r, 5))
          .score(decimal(r, 6))
          .reason(Optional.ofNullable(r.getString(7)))
          .source(EntrySource.valueOf(r.getString(8)))
          .build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new SQLException("unreadable row in " + Schema.ENTRIES + " for symbol " + symbol, e);
    }
  }

  /**
   * @param c connection
   * @param account account
   * @param e entry
   * @throws SQLException on failure
   */
  public void putEntry(Connection c, String account, TrackedEntry e) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + Schema.ENTRIES
                + " (account, "
                + ENTRY_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (account, symbol) DO UPDATE SET entry_sec = excluded.entry_sec,"
                + " entry_nano = excluded.entry_nano, entry_price = excluded.entry_price,"
                + " qty = excluded.qty, score = excluded.score, reason = excluded.reason,"
                + " source = excluded.source")) {
      p.setString(1, account);
      p.setString(2, e.symbol());
      setInstant(p, 3, e.entryTime());
      setDecimal(p, 5, e.entryPrice());
      setDecimal(p, 6, e.qty());
      setDecimal(p, 7, e.score());
      setText(p, 8, e.reason());
      p.setString(9, e.source().name());
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
  public boolean removeEntry(Connection c, String account, String symbol) throws SQLException {
    return delete(c, Schema.ENTRIES, account, "symbol", symbol) > 0;
  }
}
