package dev.rebalance.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.core.json.RebalanceJson;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Formatting shared by the management commands: aligned tables for people (UTC ISO-8601 times,
 * {@code -} for absent values) and JSON with stable camelCase fields for scripts (absent values are
 * {@code null}, decimals plain numbers, times ISO-8601 strings).
 *
 * <p>Stateless and thread-safe.
 */
final class Output {
  static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

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

  /** A time for a table: UTC ISO-8601 to the second. */
  static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static String time(Optional<Instant> t) {
    return t.map(Output::time).orElse("-");
  }

  static String dec(Optional<BigDecimal> d) {
    return d.map(BigDecimal::toPlainString).orElse("-");
  }

  static String text(Optional<String> s) {
    return s.orElse("-");
  }

  static void put(ObjectNode n, String field, Optional<?> value) {
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

  static ObjectNode lock(PositionLock l, Instant now) {
    ObjectNode n = NODES.objectNode();
    n.put("symbol", l.symbol());
    put(n, "reason", l.reason());
    put(n, "lockedBy", l.lockedBy());
    n.put("lockedAt", l.lockedAt().toString());
    put(n, "expiresAt", l.expiresAt());
    n.put("active", l.isActiveAt(now));
    return n;
  }

  static ObjectNode event(RebalanceEvent e) {
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

  static ArrayNode array() {
    return NODES.arrayNode();
  }
}
