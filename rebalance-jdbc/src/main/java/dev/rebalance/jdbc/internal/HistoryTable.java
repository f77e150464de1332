package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.decimal;
import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.setDecimal;
import static dev.rebalance.jdbc.internal.Columns.setInstant;
import static dev.rebalance.jdbc.internal.Columns.setText;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.RebalanceEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The rebalance history's SQL: appends (at most one event per account and swap id, enforced by a
 * unique index, so a duplicate is skipped by {@code ON CONFLICT DO NOTHING}), newest-first pages
 * and the exact aggregates.
 */
public final class HistoryTable {
  private final Dialect dialect;

  /**
   * @param dialect the database's dialect
   */
  public HistoryTable(Dialect dialect) {
    this.dialect = dialect;
  }

  private static final String HISTORY_INSERT =
      "INSERT INTO "
          + Schema.HISTORY
          + " (account, ts_sec, ts_nano, old_symbol, new_symbol, old_score, new_score, score_diff,"
          + " sold_qty, sell_fraction, sell_price, bought_qty, buy_price, swap_id)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

  /**
   * @param c connection
   * @param account account
   * @param e event
   * @return true if appended, false if the account's history already holds the event's swap id
   * @throws SQLException on failure
   */
  public boolean appendHistory(Connection c, String account, RebalanceEvent e) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(HISTORY_INSERT)) {
      bindEvent(p, account, e);
      return p.executeUpdate() == 1;
    }
  }

  /**
   * Appends many events in one transaction, in order.
   *
   * @param c connection
   * @param account account
   * @param events events
   * @throws SQLException on failure (nothing is appended)
   */
  public void appendAllHistory(Connection c, String account, Collection<RebalanceEvent> events)
      throws SQLException {
    dialect.inTransaction(
        c,
        SqlWork.of(
            conn -> {
              try (PreparedStatement p = conn.prepareStatement(HISTORY_INSERT)) {
                int pending = 0;
                for (RebalanceEvent e : events) {
                  bindEvent(p, account, e);
                  p.addBatch();
                  if (++pending == 1000) {
                    p.executeBatch();
                    pending = 0;
                  }
                }
                if (pending > 0) {
                  p.executeBatch();
                }
              }
            }));
  }

  private static void bindEvent(PreparedStatement p, String account, RebalanceEvent e)
      throws SQLException {
    p.setString(1, account);
    setInstant(p, 2, e.timestamp());
    p.setString(4, e.oldSymbol());
    p.setString(5, e.newSymbol());
    p.setString(6, e.oldScore().toString());
    p.setString(7, e.newScore().toString());
    p.setString(8, e.scoreDiff().toString());
    setDecimal(p, 9, e.soldQty());
    setDecimal(p, 10, e.sellFraction());
    setDecimal(p, 11, e.sellPrice());
    setDecimal(p, 12, e.boughtQty());
    setDecimal(p, 13, e.buyPrice());
    setText(p, 14, e.swapId());
  }

  /**
   * @param c connection
   * @param account account
   * @param limit limit
   * @param offset offset
   * @return events newest first
   * @throws SQLException on failure
   */
  public List<RebalanceEvent> history(Connection c, String account, int limit, int offset)
      throws SQLException {
    List<RebalanceEvent> out = new ArrayList<>(Math.min(limit, 1024));
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT id, ts_sec, ts_nano, old_symbol, new_symbol, old_score, new_score, sold_qty,"
                + " sell_fraction, sell_price, bought_qty, buy_price, swap_id FROM "
                + Schema.HISTORY
                + " WHERE account = ? ORDER BY ts_sec DESC, ts_nano DESC, id DESC LIMIT ? OFFSET ?")) {
      p.setString(1, account);
      p.setInt(2, limit);
      p.setInt(3, offset);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          long id = r.getLong(1);
          try {
            out.add(
                RebalanceEvent.builder()
                    .timestamp(instant(r, 2))
                    .oldSymbol(r.getString(4))
                    .newSymbol(r.getString(5))
                    .oldScore(new BigDecimal(r.getString(6)))
                    .newScore(new BigDecimal(r.getString(7)))
                    .soldQty(decimal(r, 8))
                    .sellFraction(decimal(r, 9))
                    .sellPrice(decimal(r, 10))
                    .boughtQty(decimal(r, 11))
                    .buyPrice(decimal(r, 12))
                    .swapId(Optional.ofNullable(r.getString(13)))
                    .build());
          } catch (IllegalArgumentException | IllegalStateException | NullPointerException e) {
            throw new SQLException("unreadable row in " + Schema.HISTORY + " with id " + id, e);
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * Count, exact sum, minimum and maximum of the score differences and the newest timestamp, in one
   * aggregate statement (one consistent snapshot).
   *
   * @param c connection
   * @param account account
   * @return the statistics
   * @throws SQLException on failure
   */
  public HistoryStats historyStats(Connection c, String account) throws SQLException {
    String newest =
        " FROM "
            + Schema.HISTORY
            + " WHERE account = ? ORDER BY ts_sec DESC, ts_nano DESC, id DESC LIMIT 1)";
    String aggregates;
    if (dialect == Dialect.SQLITE) {
      DecimalStatsAggregate.register(c);
      aggregates = DecimalStatsAggregate.NAME + "(score_diff), NULL, NULL";
    } else {
      aggregates =
          "CAST(SUM(CAST(score_diff AS NUMERIC)) AS TEXT),"
              + " CAST(MIN(CAST(score_diff AS NUMERIC)) AS TEXT),"
              + " CAST(MAX(CAST(score_diff AS NUMERIC)) AS TEXT)";
    }
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT COUNT(*), "
                + aggregates
                + ", (SELECT ts_sec"
                + newest
                + ", (SELECT ts_nano"
                + newest
                + " FROM "
                + Schema.HISTORY
                + " WHERE account = ?")) {
      p.setString(1, account);
      p.setString(2, account);
      p.setString(3, account);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next() || r.getLong(1) == 0) {
          return HistoryStats.empty();
        }
        long count = r.getLong(1);
        String sum;
        String min;
        String max;
        if (dialect == Dialect.SQLITE) {
          String[] parts = r.getString(2).split(" ");
          sum = parts[0];
          min = parts[1];
          max = parts[2];
        } else {
          sum = r.getString(2);
          min = r.getString(3);
          max = r.getString(4);
        }
        return HistoryStats.builder()
            .count(count)
            .sumScoreDiff(new BigDecimal(sum))
            .minScoreDiff(new BigDecimal(min))
            .maxScoreDiff(new BigDecimal(max))
            .lastTimestamp(Instant.ofEpochSecond(r.getLong(5), r.getLong(6)))
            .build();
      }
    }
  }
}
