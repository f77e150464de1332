package dev.rebalance.jdbc.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * How values sit in columns, shared by the table classes: instants as epoch seconds plus
 * nanoseconds in two columns, decimals as text, absent values as SQL {@code NULL}. Stateless.
 */
final class Columns {
  private Columns() {}

  static int delete(Connection c, String table, String account, String keyColumn, String key)
      throws SQLException {
    try (PreparedStatement p =
        c.prepareStatement(
            "DELETE FROM " + table + " WHERE account = ? AND " + keyColumn + " = ?")) {
      p.setString(1, account);
      p.setString(2, key);
      return p.executeUpdate();
    }
  }

  static Instant instant(ResultSet r, int secColumn) throws SQLException {
    return Instant.ofEpochSecond(r.getLong(secColumn), r.getLong(secColumn + 1));
  }

  static Optional<Instant> optionalInstant(ResultSet r, int secColumn) throws SQLException {
    long sec = r.getLong(secColumn);
    if (r.wasNull()) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochSecond(sec, r.getLong(secColumn + 1)));
  }

  static Optional<BigDecimal> decimal(ResultSet r, int column) throws SQLException {
    String s = r.getString(column);
    return s == null ? Optional.empty() : Optional.of(new BigDecimal(s));
  }

  static void setInstant(PreparedStatement p, int secIndex, Instant t) throws SQLException {
    p.setLong(secIndex, t.getEpochSecond());
    p.setInt(secIndex + 1, t.getNano());
  }

  static void setOptionalInstant(PreparedStatement p, int secIndex, Optional<Instant> t)
      throws SQLException {
    if (t.isPresent()) {
      setInstant(p, secIndex, t.get());
    } else {
      p.setNull(secIndex, Types.BIGINT);
      p.setNull(secIndex + 1, Types.INTEGER);
    }
  }

  static void setDecimal(PreparedStatement p, int index, Optional<BigDecimal> v)
      throws SQLException {
    setText(p, index, v.map(BigDecimal::toString));
  }

  static void setText(PreparedStatement p, int index, Optional<String> v) throws SQLException {
    if (v.isPresent()) {
      p.setString(index, v.get());
    } else {
      p.setNull(index, Types.VARCHAR);
    }
  }
}
