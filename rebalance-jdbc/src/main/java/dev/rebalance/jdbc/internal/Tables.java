package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.decimal;
import static dev.rebalance.jdbc.internal.Columns.delete;
import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.optionalInstant;
import static dev.rebalance.jdbc.internal.Columns.setDecimal;
import static dev.rebalance.jdbc.internal.Columns.setInstant;
import static dev.rebalance.jdbc.internal.Columns.setOptionalInstant;
import static dev.rebalance.jdbc.internal.Columns.setText;

import dev.rebalance.api.EntrySource;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The store's SQL, one method per operation, each on a borrowed connection. Statements are the
 * same for both dialects (standard SQL plus {@code INSERT ... ON CONFLICT}, which SQLite and
 * PostgreSQL share) except where {@link Dialect} says otherwise.
 */
public final class Tables {
  private final Dialect dialect;

  /**
   * @param dialect the database's dialect
   */
  public Tables(Dialect dialect) {
    this.dialect = dialect;
  }

  // ---- accounts -------------------------------------------------------------------------------

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
   * The accounts with a row in any table, sorted by {@link String#compareTo} here rather than by
   * the database's collation (which differs between databases and locales).
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
        ids.add(r.getString(1));
      }
    }
    return List.copyOf(ids);
  }

  // ---- entries --------------------------------------------------------------------------------

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
            "SELECT " + ENTRY_COLUMNS + " FROM " + Schema.ENTRIES + " WHERE account = ? AND symbol = ?")) {
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

  // ---- locks ----------------------------------------------------------------------------------

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
            throw new SQLException("unreadable row in " + Schema.LOCKS + " for symbol " + symbol, e);
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

  // ---- cooldown -------------------------------------------------------------------------------

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
   * The claim is one statement, so one atomic compare-and-set in both databases: insert the time
   * if the account has none, else overwrite it only where the stored time is at or before {@code
   * at - cooldown}. PostgreSQL locks the conflicting row and re-checks the condition against the
   * newest committed version; SQLite runs the statement under its single write lock. Exactly one
   * row changed means this call claimed the slot.
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

  // ---- intents --------------------------------------------------------------------------------

  private static final String INTENT_COLUMNS =
      "id, created_sec, created_nano, updated_sec, updated_nano, status, sell_symbol, sell_qty,"
          + " sell_fraction, buy_symbol, old_score, new_score, sell_order_id, sell_filled_qty,"
          + " sell_price, buy_order_id, buy_filled_qty, buy_price, detail";

  /**
   * @param c connection
   * @param account account
   * @param i intent
   * @throws SQLException on failure
   */
  public void putIntent(Connection c, String account, SwapIntent i) throws SQLException {
    String[] cols = INTENT_COLUMNS.split(",\\s*");
    StringBuilder update = new StringBuilder();
    for (String col : cols) {
      if (!col.equals("id")) {
        update.append(update.length() == 0 ? "" : ", ").append(col).append(" = excluded.").append(col);
      }
    }
    update.append(", terminal = excluded.terminal");
    try (PreparedStatement p =
        c.prepareStatement(
            "INSERT INTO "
                + Schema.INTENTS
                + " (account, terminal, "
                + INTENT_COLUMNS
                + ") VALUES (?, ?"
                + ", ?".repeat(cols.length)
                + ") ON CONFLICT (account, id) DO UPDATE SET "
                + update)) {
      p.setString(1, account);
      p.setBoolean(2, i.status().isTerminal());
      p.setString(3, i.id());
      setInstant(p, 4, i.createdAt());
      setInstant(p, 6, i.updatedAt());
      p.setString(8, i.status().name());
      p.setString(9, i.sellSymbol());
      p.setString(10, i.sellQty().toString());
      p.setString(11, i.sellFraction().toString());
      p.setString(12, i.buySymbol());
      p.setString(13, i.oldScore().toString());
      p.setString(14, i.newScore().toString());
      setText(p, 15, i.sellOrderId());
      setDecimal(p, 16, i.sellFilledQty());
      setDecimal(p, 17, i.sellPrice());
      setText(p, 18, i.buyOrderId());
      setDecimal(p, 19, i.buyFilledQty());
      setDecimal(p, 20, i.buyPrice());
      setText(p, 21, i.detail());
      p.executeUpdate();
    }
  }

  /**
   * @param c connection
   * @param account account
   * @param id intent id
   * @return the intent
   * @throws SQLException on failure
   */
  public Optional<SwapIntent> intent(Connection c, String account, String id) throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT " + INTENT_COLUMNS + " FROM " + Schema.INTENTS + " WHERE account = ? AND id = ?")) {
      p.setString(1, account);
      p.setString(2, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(readIntent(r)) : Optional.empty();
      }
    }
  }

  /**
   * @param c connection
   * @param account account
   * @return open intents, oldest first
   * @throws SQLException on failure
   */
  public List<SwapIntent> openIntents(Connection c, String account) throws SQLException {
    List<SwapIntent> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT "
                + INTENT_COLUMNS
                + " FROM "
                + Schema.INTENTS
                + " WHERE account = ? AND terminal = ?"
                + " ORDER BY created_sec, created_nano, id")) {
      p.setString(1, account);
      p.setBoolean(2, false);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(readIntent(r));
        }
      }
    }
    out.sort(Comparator.comparing(SwapIntent::createdAt).thenComparing(SwapIntent::id));
    return List.copyOf(out);
  }

  private static SwapIntent readIntent(ResultSet r) throws SQLException {
    String id = r.getString(1);
    try {
      return SwapIntent.builder()
          .id(id)
          .createdAt(instant(r, 2))
          .updatedAt(instant(r, 4))
          .status(SwapStatus.valueOf(r.getString(6)))
          .sellSymbol(r.getString(7))
          .sellQty(new BigDecimal(r.getString(8)))
          .sellFraction(new BigDecimal(r.getString(9)))
          .buySymbol(r.getString(10))
          .oldScore(new BigDecimal(r.getString(11)))
          .newScore(new BigDecimal(r.getString(12)))
          .sellOrderId(Optional.ofNullable(r.getString(13)))
          .sellFilledQty(decimal(r, 14))
          .sellPrice(decimal(r, 15))
          .buyOrderId(Optional.ofNullable(r.getString(16)))
          .buyFilledQty(decimal(r, 17))
          .buyPrice(decimal(r, 18))
          .detail(Optional.ofNullable(r.getString(19)))
          .build();
    } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
      throw new SQLException("unreadable row in " + Schema.INTENTS + " with id " + id, e);
    }
  }
}
