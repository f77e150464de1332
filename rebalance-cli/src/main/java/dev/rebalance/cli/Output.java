package dev.rebalance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.json.RebalanceJson;
import dev.rebalance.core.stats.RebalanceStats;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Output shared by the management commands: aligned tables for people (figures and times through
 * {@link HumanFormat}) and JSON with stable camelCase fields for scripts (absent values are {@code
 * null}, decimals plain numbers, times ISO-8601 strings). The JSON renderings ({@link #entry},
 * {@link #lock}, {@link #event}, {@link #stats}) are public so the dashboard's API serves exactly
 * the fields {@code --json} prints.
 *
 * <p>Stateless and thread-safe.
 */
public final class Output {
  /** The node factory every JSON rendering uses: decimals kept exactly as stored. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

  private Output() {}

  static void printJson(PrintWriter out, JsonNode node) {
    try {
      out.println(RebalanceJson.json().writerWithDefaultPrettyPrinter().writeValueAsString(node));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  /** Prints rows under a header, columns padded to the widest cell. */
  static void printTable(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] width = new int[header.size()];
    List<List<String>> all = new ArrayList<>();
    all.add(header);
    all.addAll(rows);
    for (List<String> row : all) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(cell);
        if (i < row.size() - 1) {
          line.append(" ".repeat(width[i] - cell.length() + 2));
        }
      }
      out.println(line.toString().stripTrailing());
    }
    out.flush();
  }

  /**
   * Free text (a reason, a name) for a table: {@code -} when absent, control characters shown as
   * {@code ?} so a value can never move the cursor or forge a line.
   */
  static String text(Optional<String> s) {
    return s.map(Output::printable).orElse(HumanFormat.ABSENT);
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) ? '?' : c);
    }
    return b.toString();
  }

  /**
   * Puts an optional value: {@code null} when absent, a number for a decimal, otherwise its string.
   *
   * @param n the object to add to
   * @param field the field name
   * @param value the value
   */
  public static void put(ObjectNode n, String field, Optional<?> value) {
    if (value.isEmpty()) {
      n.putNull(field);
      return;
    }
    Object v = value.get();
    if (v instanceof BigDecimal) {
      n.put(field, (BigDecimal) v);
    } else {
      n.put(field, v.toString());
    }
  }

  /**
   * A lock as {@code rebalance locked --json} prints it: {@code {symbol, reason, lockedBy,
   * lockedAt, expiresAt, active}}.
   *
   * @param l the lock
   * @param now the time that decides {@code active}
   * @return the JSON object
   */
  public static ObjectNode lock(PositionLock l, Instant now) {
    ObjectNode n = NODES.objectNode();
    n.put("symbol", l.symbol());
    put(n, "reason", l.reason());
    put(n, "lockedBy", l.lockedBy());
    n.put("lockedAt", l.lockedAt().toString());
    put(n, "expiresAt", l.expiresAt());
    n.put("active", l.isActiveAt(now));
    return n;
  }

  /**
   * A swap as {@code rebalance history --json} prints it: {@code {timestamp, oldSymbol, newSymbol,
   * oldScore, newScore, scoreDiff, soldQty, sellFraction, sellPrice, boughtQty, buyPrice}}.
   *
   * @param e the swap
   * @return the JSON object
   */
  public static ObjectNode event(RebalanceEvent e) {
    ObjectNode n = NODES.objectNode();
    n.put("timestamp", e.timestamp().toString());
    n.put("oldSymbol", e.oldSymbol());
    n.put("newSymbol", e.newSymbol());
    n.put("oldScore", e.oldScore());
    n.put("newScore", e.newScore());
    n.put("scoreDiff", e.scoreDiff());
    put(n, "soldQty", e.soldQty());
    put(n, "sellFraction", e.sellFraction());
    put(n, "sellPrice", e.sellPrice());
    put(n, "boughtQty", e.boughtQty());
    put(n, "buyPrice", e.buyPrice());
    return n;
  }

  /**
   * A tracked entry as {@code rebalance list --json} prints it: {@code {symbol, entryTime,
   * entrySource, entryPrice, qty, score, reason, heldFor, locked, lockReason}}.
   *
   * @param e the entry
   * @param activeLock the symbol's lock if one applies at {@code now}
   * @param now the time {@code heldFor} is measured to
   * @return the JSON object
   */
  public static ObjectNode entry(TrackedEntry e, Optional<PositionLock> activeLock, Instant now) {
    ObjectNode n = NODES.objectNode();
    n.put("symbol", e.symbol());
    n.put("entryTime", e.entryTime().toString());
    n.put("entrySource", e.source().name());
    put(n, "entryPrice", e.entryPrice());
    put(n, "qty", e.qty());
    put(n, "score", e.score());
    put(n, "reason", e.reason());
    n.put("heldFor", Duration.between(e.entryTime(), now).toString());
    n.put("locked", activeLock.isPresent());
    put(n, "lockReason", activeLock.flatMap(PositionLock::reason));
    return n;
  }

  /**
   * Statistics as {@code rebalance stats --json} prints them: {@code {totalRebalances,
   * avgScoreImprovement, minScoreImprovement, maxScoreImprovement, lastRebalance, swapsWithPayoff,
   * swapsWithoutPrices, swapsPaidOff, amountSwapped, boughtReturn, soldReturn, excessReturn,
   * payoffAmount}}.
   *
   * @param s the statistics
   * @return the JSON object
   */
  public static ObjectNode stats(RebalanceStats s) {
    ObjectNode n = NODES.objectNode();
    n.put("totalRebalances", s.totalRebalances());
    put(n, "avgScoreImprovement", s.avgScoreImprovement());
    put(n, "minScoreImprovement", s.minScoreImprovement());
    put(n, "maxScoreImprovement", s.maxScoreImprovement());
    put(n, "lastRebalance", s.lastRebalance());
    n.put("swapsWithPayoff", s.swapsWithPayoff());
    n.put("swapsWithoutPrices", s.swapsWithoutPrices());
    n.put("swapsPaidOff", s.swapsPaidOff());
    n.put("amountSwapped", s.amountSwapped());
    put(n, "boughtReturn", s.boughtReturn());
    put(n, "soldReturn", s.soldReturn());
    put(n, "excessReturn", s.excessReturn());
    n.put("payoffAmount", s.payoffAmount());
    return n;
  }

  /**
   * A new JSON array from {@link #NODES}.
   *
   * @return the empty array
   */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }
}
