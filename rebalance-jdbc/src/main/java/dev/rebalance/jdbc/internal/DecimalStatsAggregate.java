package dev.rebalance.jdbc.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;
import org.sqlite.Function;
import org.sqlite.SQLiteConnection;

/**
 * An SQLite aggregate function, {@value #NAME}(text), that sums and finds the minimum and maximum
 * of decimal text exactly with {@link BigDecimal} (SQLite's own {@code sum} would go through
 * double). It returns {@code "sum min max"} separated by spaces, or NULL over no rows. The rows
 * never leave the database engine's scan; only the three numbers reach the caller.
 */
public final class DecimalStatsAggregate extends Function.Aggregate {

  /** The SQL name of the function. */
  public static final String NAME = "rebalance_decimal_stats";

  private @Nullable BigDecimal sum;
  private @Nullable BigDecimal min;
  private @Nullable BigDecimal max;

  /**
   * Registers the function on an SQLite connection (idempotent).
   *
   * @param c a connection to SQLite, possibly wrapped by a pool
   * @throws SQLException if it cannot be registered
   */
  public static void register(Connection c) throws SQLException {
    Function.create(c.unwrap(SQLiteConnection.class), NAME, new DecimalStatsAggregate(), 1, 0);
  }

  @Override
  protected void xStep() throws SQLException {
    String text = value_text(0);
    if (text == null) {
      return;
    }
    BigDecimal v;
    try {
      v = new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new SQLException("not a decimal in the history's score_diff column: '" + text + "'", e);
    }
    BigDecimal s = sum;
    BigDecimal lo = min;
    BigDecimal hi = max;
    sum = s == null ? v : s.add(v);
    min = lo == null || v.compareTo(lo) < 0 ? v : lo;
    max = hi == null || v.compareTo(hi) > 0 ? v : hi;
  }

  @Override
  protected void xFinal() throws SQLException {
    BigDecimal s = sum;
    BigDecimal lo = min;
    BigDecimal hi = max;
    sum = null;
    min = null;
    max = null;
    if (s == null || lo == null || hi == null) {
      result();
    } else {
      result(s + " " + lo + " " + hi);
    }
  }
}
