package dev.rebalance.jdbc.internal;

import static dev.rebalance.jdbc.internal.Columns.decimal;
import static dev.rebalance.jdbc.internal.Columns.instant;
import static dev.rebalance.jdbc.internal.Columns.setDecimal;
import static dev.rebalance.jdbc.internal.Columns.setInstant;
import static dev.rebalance.jdbc.internal.Columns.setText;

import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The swap intents (TrackerStore clause 6), one row per account and id, on a borrowed connection.
 */
public final class IntentTable {

  /** A table with no state of its own. */
  public IntentTable() {}

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
        update
            .append(update.length() == 0 ? "" : ", ")
            .append(col)
            .append(" = excluded.")
            .append(col);
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
            "SELECT "
                + INTENT_COLUMNS
                + " FROM "
                + Schema.INTENTS
                + " WHERE account = ? AND id = ?")) {
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
