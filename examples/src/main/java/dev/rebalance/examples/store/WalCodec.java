package dev.rebalance.examples.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.json.RebalanceJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link WalTrackerStore}'s value types to and from JSON trees, written out by hand, field by
 * field. Stateless and thread-safe.
 */
final class WalCodec {
  private static final ObjectMapper JSON = RebalanceJson.json();

  private WalCodec() {}

  static ObjectNode entry(TrackedEntry e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("symbol", e.symbol());
    n.put("entryTime", e.entryTime().toString());
    e.entryPrice().ifPresent(v -> n.put("entryPrice", v.toString()));
    e.qty().ifPresent(v -> n.put("qty", v.toString()));
    e.score().ifPresent(v -> n.put("score", v.toString()));
    e.reason().ifPresent(v -> n.put("reason", v));
    n.put("source", e.source().name());
    return n;
  }

  static TrackedEntry entry(JsonNode n) {
    return TrackedEntry.builder()
        .symbol(n.get("symbol").asText())
        .entryTime(Instant.parse(n.get("entryTime").asText()))
        .entryPrice(opt(n, "entryPrice", WalCodec::decimal))
        .qty(opt(n, "qty", WalCodec::decimal))
        .score(opt(n, "score", WalCodec::decimal))
        .reason(opt(n, "reason", JsonNode::asText))
        .source(EntrySource.valueOf(n.get("source").asText()))
        .build();
  }

  static ObjectNode lock(PositionLock l) {
    ObjectNode n = JSON.createObjectNode();
    n.put("symbol", l.symbol());
    l.reason().ifPresent(v -> n.put("reason", v));
    l.lockedBy().ifPresent(v -> n.put("lockedBy", v));
    n.put("lockedAt", l.lockedAt().toString());
    l.expiresAt().ifPresent(v -> n.put("expiresAt", v.toString()));
    return n;
  }

  static PositionLock lock(JsonNode n) {
    return PositionLock.builder()
        .symbol(n.get("symbol").asText())
        .reason(opt(n, "reason", JsonNode::asText))
        .lockedBy(opt(n, "lockedBy", JsonNode::asText))
        .lockedAt(Instant.parse(n.get("lockedAt").asText()))
        .expiresAt(opt(n, "expiresAt", x -> Instant.parse(x.asText())))
        .build();
  }

  static ObjectNode event(RebalanceEvent e) {
    ObjectNode n = JSON.createObjectNode();
    n.put("timestamp", e.timestamp().toString());
    n.put("oldSymbol", e.oldSymbol());
    n.put("newSymbol", e.newSymbol());
    n.put("oldScore", e.oldScore().toString());
    n.put("newScore", e.newScore().toString());
    e.soldQty().ifPresent(v -> n.put("soldQty", v.toString()));
    e.sellFraction().ifPresent(v -> n.put("sellFraction", v.toString()));
    e.sellPrice().ifPresent(v -> n.put("sellPrice", v.toString()));
    e.boughtQty().ifPresent(v -> n.put("boughtQty", v.toString()));
    e.buyPrice().ifPresent(v -> n.put("buyPrice", v.toString()));
    e.swapId().ifPresent(v -> n.put("swapId", v));
    return n;
  }

  static RebalanceEvent event(JsonNode n) {
    return RebalanceEvent.builder()
        .timestamp(Instant.parse(n.get("timestamp").asText()))
        .oldSymbol(n.get("oldSymbol").asText())
        .newSymbol(n.get("newSymbol").asText())
        .oldScore(decimal(n.get("oldScore")))
        .newScore(decimal(n.get("newScore")))
        .soldQty(opt(n, "soldQty", WalCodec::decimal))
        .sellFraction(opt(n, "sellFraction", WalCodec::decimal))
        .sellPrice(opt(n, "sellPrice", WalCodec::decimal))
        .boughtQty(opt(n, "boughtQty", WalCodec::decimal))
        .buyPrice(opt(n, "buyPrice", WalCodec::decimal))
        .swapId(opt(n, "swapId", JsonNode::asText))
        .build();
  }

  static ObjectNode intent(SwapIntent i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", i.id());
    n.put("createdAt", i.createdAt().toString());
    n.put("updatedAt", i.updatedAt().toString());
    n.put("status", i.status().name());
    n.put("sellSymbol", i.sellSymbol());
    n.put("sellQty", i.sellQty().toString());
    n.put("sellFraction", i.sellFraction().toString());
    n.put("buySymbol", i.buySymbol());
    n.put("oldScore", i.oldScore().toString());
    n.put("newScore", i.newScore().toString());
    i.sellOrderId().ifPresent(v -> n.put("sellOrderId", v));
    i.sellFilledQty().ifPresent(v -> n.put("sellFilledQty", v.toString()));
    i.sellPrice().ifPresent(v -> n.put("sellPrice", v.toString()));
    i.buyOrderId().ifPresent(v -> n.put("buyOrderId", v));
    i.buyFilledQty().ifPresent(v -> n.put("buyFilledQty", v.toString()));
    i.buyPrice().ifPresent(v -> n.put("buyPrice", v.toString()));
    i.detail().ifPresent(v -> n.put("detail", v));
    return n;
  }

  static SwapIntent intent(JsonNode n) {
    return SwapIntent.builder()
        .id(n.get("id").asText())
        .createdAt(Instant.parse(n.get("createdAt").asText()))
        .updatedAt(Instant.parse(n.get("updatedAt").asText()))
        .status(SwapStatus.valueOf(n.get("status").asText()))
        .sellSymbol(n.get("sellSymbol").asText())
        .sellQty(decimal(n.get("sellQty")))
        .sellFraction(decimal(n.get("sellFraction")))
        .buySymbol(n.get("buySymbol").asText())
        .oldScore(decimal(n.get("oldScore")))
        .newScore(decimal(n.get("newScore")))
        .sellOrderId(opt(n, "sellOrderId", JsonNode::asText))
        .sellFilledQty(opt(n, "sellFilledQty", WalCodec::decimal))
        .sellPrice(opt(n, "sellPrice", WalCodec::decimal))
        .buyOrderId(opt(n, "buyOrderId", JsonNode::asText))
        .buyFilledQty(opt(n, "buyFilledQty", WalCodec::decimal))
        .buyPrice(opt(n, "buyPrice", WalCodec::decimal))
        .detail(opt(n, "detail", JsonNode::asText))
        .build();
  }

  private static BigDecimal decimal(JsonNode v) {
    return new BigDecimal(v.asText()); // written as text so the scale survives (10.0 stays 10.0)
  }

  private static <T> Optional<T> opt(JsonNode n, String field, Function<JsonNode, T> read) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(read.apply(v));
  }
}
