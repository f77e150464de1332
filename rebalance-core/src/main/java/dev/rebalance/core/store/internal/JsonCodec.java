package dev.rebalance.core.store.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * Converts the SPI's value types to and from the JSON objects the JSON-file store writes. Decimals
 * are written as strings so their scale survives exactly ({@code "168.50"}); instants as ISO-8601
 * strings; absent optionals are left out. Reading throws {@link IllegalArgumentException} naming
 * the field at fault. Stateless and thread-safe.
 */
public final class JsonCodec {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private JsonCodec() {}

  /** A new empty object node. */
  public static ObjectNode object() {
    return F.objectNode();
  }

  static String decimal(BigDecimal d) {
    return d.scale() >= 0 ? d.toPlainString() : d.toString();
  }

  private static void put(ObjectNode n, String field, Optional<?> value) {
    value.ifPresent(v -> put(n, field, v));
  }

  private static void put(ObjectNode n, String field, Object v) {
    if (v instanceof BigDecimal d) {
      n.put(field, decimal(d));
    } else if (v instanceof Instant i) {
      n.put(field, i.toString());
    } else if (v instanceof Enum<?> e) {
      n.put(field, e.name());
    } else {
      n.put(field, v.toString());
    }
  }

  /**
   * A mandatory text field.
   *
   * @param n the object
   * @param field the field
   * @return the text
   */
  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, was " + v);
    }
    return v.textValue();
  }

  /**
   * An optional text field.
   *
   * @param n the object
   * @param field the field
   * @return the text, or empty
   */
  public static Optional<String> optText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    return Optional.of(text(n, field));
  }

  /**
   * A mandatory instant field.
   *
   * @param n the object
   * @param field the field
   * @return the instant
   */
  public static Instant instant(JsonNode n, String field) {
    String s = text(n, field);
    try {
      return Instant.parse(s);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "field '" + field + "' is not an ISO-8601 instant: " + s, e);
    }
  }

  static Optional<Instant> optInstant(JsonNode n, String field) {
    return optText(n, field).map(s -> instant(n, field));
  }

  /**
   * A mandatory decimal field (a string or a number).
   *
   * @param n the object
   * @param field the field
   * @return the decimal
   */
  public static BigDecimal decimal(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    try {
      return new BigDecimal(text(n, field));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("field '" + field + "' is not a decimal: " + v, e);
    }
  }

  static Optional<BigDecimal> optDecimal(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(decimal(n, field));
  }

  private static <E extends Enum<E>> E enumValue(JsonNode n, String field, Class<E> type) {
    String s = text(n, field);
    try {
      return Enum.valueOf(type, s);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "' has unknown value '" + s + "'", e);
    }
  }

  /**
   * An entry as JSON.
   *
   * @param e the entry
   * @return the object
   */
  public static ObjectNode entry(TrackedEntry e) {
    ObjectNode n = object();
    n.put("symbol", e.symbol());
    put(n, "entryTime", e.entryTime());
    put(n, "entryPrice", e.entryPrice());
    put(n, "qty", e.qty());
    put(n, "score", e.score());
    put(n, "reason", e.reason());
    put(n, "source", e.source());
    return n;
  }

  /**
   * An entry from JSON.
   *
   * @param n the object
   * @return the entry
   */
  public static TrackedEntry entry(JsonNode n) {
    return TrackedEntry.builder()
        .symbol(text(n, "symbol"))
        .entryTime(instant(n, "entryTime"))
        .entryPrice(optDecimal(n, "entryPrice"))
        .qty(optDecimal(n, "qty"))
        .score(optDecimal(n, "score"))
        .reason(optText(n, "reason"))
        .source(enumValue(n, "source", EntrySource.class))
        .build();
  }

  /**
   * A lock as JSON.
   *
   * @param l the lock
   * @return the object
   */
  public static ObjectNode lock(PositionLock l) {
    ObjectNode n = object();
    n.put("symbol", l.symbol());
    put(n, "reason", l.reason());
    put(n, "lockedBy", l.lockedBy());
    put(n, "lockedAt", l.lockedAt());
    put(n, "expiresAt", l.expiresAt());
    return n;
  }

  /**
   * A lock from JSON.
   *
   * @param n the object
   * @return the lock
   */
  public static PositionLock lock(JsonNode n) {
    return PositionLock.builder()
        .symbol(text(n, "symbol"))
        .reason(optText(n, "reason"))
        .lockedBy(optText(n, "lockedBy"))
        .lockedAt(instant(n, "lockedAt"))
        .expiresAt(optInstant(n, "expiresAt"))
        .build();
  }

  /**
   * A history event as JSON (the format of one line of a history file).
   *
   * @param e the event
   * @return the object
   */
  public static ObjectNode event(RebalanceEvent e) {
    ObjectNode n = object();
    put(n, "timestamp", e.timestamp());
    n.put("oldSymbol", e.oldSymbol());
    n.put("newSymbol", e.newSymbol());
    put(n, "oldScore", e.oldScore());
    put(n, "newScore", e.newScore());
    put(n, "scoreDiff", e.scoreDiff());
    put(n, "soldQty", e.soldQty());
    put(n, "sellFraction", e.sellFraction());
    put(n, "sellPrice", e.sellPrice());
    put(n, "boughtQty", e.boughtQty());
    put(n, "buyPrice", e.buyPrice());
    put(n, "swapId", e.swapId());
    return n;
  }

  /**
   * A history event from JSON ({@code scoreDiff} is derived, so it is not read).
   *
   * @param n the object
   * @return the event
   */
  public static RebalanceEvent event(JsonNode n) {
    return RebalanceEvent.builder()
        .timestamp(instant(n, "timestamp"))
        .oldSymbol(text(n, "oldSymbol"))
        .newSymbol(text(n, "newSymbol"))
        .oldScore(decimal(n, "oldScore"))
        .newScore(decimal(n, "newScore"))
        .soldQty(optDecimal(n, "soldQty"))
        .sellFraction(optDecimal(n, "sellFraction"))
        .sellPrice(optDecimal(n, "sellPrice"))
        .boughtQty(optDecimal(n, "boughtQty"))
        .buyPrice(optDecimal(n, "buyPrice"))
        .swapId(optText(n, "swapId"))
        .build();
  }

  /**
   * An intent as JSON.
   *
   * @param i the intent
   * @return the object
   */
  public static ObjectNode intent(SwapIntent i) {
    ObjectNode n = object();
    n.put("id", i.id());
    put(n, "createdAt", i.createdAt());
    put(n, "updatedAt", i.updatedAt());
    put(n, "status", i.status());
    n.put("sellSymbol", i.sellSymbol());
    put(n, "sellQty", i.sellQty());
    put(n, "sellFraction", i.sellFraction());
    n.put("buySymbol", i.buySymbol());
    put(n, "oldScore", i.oldScore());
    put(n, "newScore", i.newScore());
    put(n, "sellOrderId", i.sellOrderId());
    put(n, "sellFilledQty", i.sellFilledQty());
    put(n, "sellPrice", i.sellPrice());
    put(n, "buyOrderId", i.buyOrderId());
    put(n, "buyFilledQty", i.buyFilledQty());
    put(n, "buyPrice", i.buyPrice());
    put(n, "detail", i.detail());
    return n;
  }

  /**
   * An intent from JSON.
   *
   * @param n the object
   * @return the intent
   */
  public static SwapIntent intent(JsonNode n) {
    return SwapIntent.builder()
        .id(text(n, "id"))
        .createdAt(instant(n, "createdAt"))
        .updatedAt(instant(n, "updatedAt"))
        .status(enumValue(n, "status", SwapStatus.class))
        .sellSymbol(text(n, "sellSymbol"))
        .sellQty(decimal(n, "sellQty"))
        .sellFraction(decimal(n, "sellFraction"))
        .buySymbol(text(n, "buySymbol"))
        .oldScore(decimal(n, "oldScore"))
        .newScore(decimal(n, "newScore"))
        .sellOrderId(optText(n, "sellOrderId"))
        .sellFilledQty(optDecimal(n, "sellFilledQty"))
        .sellPrice(optDecimal(n, "sellPrice"))
        .buyOrderId(optText(n, "buyOrderId"))
        .buyFilledQty(optDecimal(n, "buyFilledQty"))
        .buyPrice(optDecimal(n, "buyPrice"))
        .detail(optText(n, "detail"))
        .build();
  }

  /**
   * History aggregates as JSON.
   *
   * @param a the aggregates
   * @param bytes how many bytes of the history file they cover
   * @return the object
   */
  public static ObjectNode aggregate(HistoryAggregate a, long bytes) {
    ObjectNode n = object();
    n.put("count", a.count());
    n.put("sumScoreDiff", decimal(a.sum()));
    BigDecimal min = a.min();
    BigDecimal max = a.max();
    Instant newest = a.newest();
    if (min != null && max != null && newest != null) { // all three, or none when empty
      n.put("minScoreDiff", decimal(min));
      n.put("maxScoreDiff", decimal(max));
      n.put("newest", newest.toString());
    }
    n.put("inTimeOrder", a.inTimeOrder());
    n.put("fileBytes", bytes);
    return n;
  }

  /**
   * History aggregates from JSON.
   *
   * @param n the object
   * @return the aggregates
   */
  public static HistoryAggregate aggregate(JsonNode n) {
    JsonNode order = n.get("inTimeOrder");
    return new HistoryAggregate(
        n.path("count").asLong(),
        decimal(n, "sumScoreDiff"),
        optDecimal(n, "minScoreDiff").orElse(null),
        optDecimal(n, "maxScoreDiff").orElse(null),
        optInstant(n, "newest").orElse(null),
        order == null || order.asBoolean());
  }
}
