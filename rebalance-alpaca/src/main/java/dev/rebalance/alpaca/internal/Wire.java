package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Alpaca's JSON bodies as records. Every field is nullable: presence is checked when converting to
 * the broker port's types ({@link WireMapping}), which names a missing field. The 2026-retired PDT
 * fields are kept, optional, so old and new bodies both read.
 *
 * <p>Records are immutable and thread-safe.
 */
public final class Wire {
  private Wire() {}

  /** {@code {"code":..., "message":...}}. */
  public record Error(@Nullable Long code, @Nullable String message) {}

  /** {@code GET /v2/account}. */
  public record Account(
      @Nullable String id,
      @Nullable String accountNumber,
      @Nullable String status,
      @Nullable String currency,
      @Nullable BigDecimal cash,
      @Nullable BigDecimal equity,
      @Nullable BigDecimal lastEquity,
      @Nullable BigDecimal buyingPower,
      @Nullable BigDecimal longMarketValue,
      @Nullable Boolean tradingBlocked,
      @Nullable Boolean accountBlocked,
      @Nullable Boolean tradeSuspendedByUser,
      @Nullable Boolean patternDayTrader,
      @Nullable Integer daytradeCount,
      @Nullable BigDecimal daytradingBuyingPower) {}

  /** {@code GET /v2/account/configurations} (the fields the adapter reads). */
  public record AccountConfiguration(
      @Nullable Boolean noShorting,
      @Nullable Boolean suspendTrade,
      @Nullable Boolean fractionalTrading) {}

  /** One element of {@code GET /v2/positions}. */
  public record Position(
      @Nullable String assetId,
      @Nullable String symbol,
      @Nullable String exchange,
      @Nullable String assetClass,
      @Nullable BigDecimal qty,
      @Nullable BigDecimal qtyAvailable,
      @Nullable String side,
      @Nullable BigDecimal avgEntryPrice,
      @Nullable BigDecimal costBasis,
      @Nullable BigDecimal marketValue,
      @Nullable BigDecimal currentPrice,
      @Nullable BigDecimal lastdayPrice,
      @Nullable BigDecimal unrealizedPl,
      @Nullable BigDecimal unrealizedPlpc) {}

  /** An order, as returned by the order endpoints and inside trade updates. */
  public record Order(
      @Nullable String id,
      @Nullable String clientOrderId,
      @Nullable OffsetDateTime createdAt,
      @Nullable OffsetDateTime submittedAt,
      @Nullable OffsetDateTime filledAt,
      @Nullable String symbol,
      @Nullable BigDecimal qty,
      @Nullable BigDecimal notional,
      @Nullable BigDecimal filledQty,
      @Nullable BigDecimal filledAvgPrice,
      @Nullable String type,
      @Nullable String side,
      @Nullable String timeInForce,
      @Nullable String status) {}

  /** A FILL account activity. */
  public record Activity(
      @Nullable String id,
      @Nullable String activityType,
      @Nullable OffsetDateTime transactionTime,
      @Nullable String type,
      @Nullable BigDecimal price,
      @Nullable BigDecimal qty,
      @Nullable String side,
      @Nullable String symbol,
      @Nullable BigDecimal leavesQty,
      @Nullable BigDecimal cumQty,
      @Nullable String orderId,
      @Nullable String orderStatus) {}

  /** {@code GET /v2/clock}. */
  public record Clock(
      @Nullable OffsetDateTime timestamp,
      @Nullable Boolean isOpen,
      @Nullable OffsetDateTime nextOpen,
      @Nullable OffsetDateTime nextClose) {}

  /** {@code GET /v2/assets/{symbol}}. */
  public record Asset(
      @Nullable String id,
      @JsonProperty("class") @Nullable String assetClass,
      @Nullable String exchange,
      @Nullable String symbol,
      @Nullable String name,
      @Nullable String status,
      @Nullable Boolean tradable,
      @Nullable Boolean marginable,
      @Nullable Boolean shortable,
      @Nullable Boolean fractionable) {}

  /** A market-data trade ({@code t}, {@code p}, {@code s}). */
  public record Trade(
      @JsonProperty("t") @Nullable OffsetDateTime t,
      @JsonProperty("p") @Nullable BigDecimal p,
      @JsonProperty("s") @Nullable BigDecimal s) {}

  /**
   * {@code GET /v2/stocks/{symbol}/trades/latest} ({@code trade}), or the multi-symbol form keyed
   * by symbol ({@code trades}).
   */
  public record LatestTrade(
      @Nullable String symbol, @Nullable Trade trade, @Nullable Map<String, Trade> trades) {}

  /** A market-data bar. */
  public record Bar(
      @JsonProperty("t") @Nullable OffsetDateTime t,
      @JsonProperty("o") @Nullable BigDecimal o,
      @JsonProperty("h") @Nullable BigDecimal h,
      @JsonProperty("l") @Nullable BigDecimal l,
      @JsonProperty("c") @Nullable BigDecimal c,
      @JsonProperty("v") @Nullable BigDecimal v,
      @JsonProperty("n") @Nullable Long n,
      @JsonProperty("vw") @Nullable BigDecimal vw) {}

  /**
   * {@code GET /v2/stocks/{symbol}/bars/latest} ({@code bar}), or the multi-symbol form keyed by
   * symbol ({@code bars}).
   */
  public record LatestBar(
      @Nullable String symbol, @Nullable Bar bar, @Nullable Map<String, Bar> bars) {}

  /**
   * {@code GET /v2/stocks/{symbol}/bars}: {@code bars} is an array, or in the multi-symbol form an
   * object of arrays keyed by symbol.
   */
  public record Bars(
      @Nullable JsonNode bars, @Nullable String symbol, @Nullable String nextPageToken) {}

  /** A stream message: {@code {"stream": ..., "data": {...}}}. */
  public record StreamMessage(@Nullable String stream, @Nullable JsonNode data) {}

  /** The {@code data} of a {@code trade_updates} message. */
  public record TradeUpdate(
      @Nullable String event,
      @Nullable Order order,
      @Nullable OffsetDateTime timestamp,
      @Nullable String executionId,
      @Nullable BigDecimal price,
      @Nullable BigDecimal qty,
      @Nullable BigDecimal positionQty) {}
}
