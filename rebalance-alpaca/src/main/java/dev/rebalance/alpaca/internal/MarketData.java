package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.alpaca.AlpacaNotFoundException;
import dev.rebalance.alpaca.Bar;
import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.alpaca.internal.RestTransport.Call;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Market Data v2 reads: latest trade, latest bar, historical bars (split-adjusted, all pages).
 * Bodies are read in both of Alpaca's shapes: the single-symbol one ({@code "trade": {...}}, {@code
 * "bars": [...]}) and the multi-symbol one keyed by symbol ({@code "trades": {"AAPL": {...}}},
 * {@code "bars": {"AAPL": [...]}}), which its SDKs' fixtures use.
 *
 * <p>Thread-safe.
 */
public final class MarketData {
  /**
   * The {@code adjustment} sent with historical bars: split-adjusted, so a split does not look like
   * a crash to scoring or payoff.
   */
  public static final String ADJUSTMENT = "split";

  private static final JavaType LATEST_TRADE =
      AlpacaJson.mapper().getTypeFactory().constructType(Wire.LatestTrade.class);
  private static final JavaType LATEST_BAR =
      AlpacaJson.mapper().getTypeFactory().constructType(Wire.LatestBar.class);
  private static final JavaType BARS =
      AlpacaJson.mapper().getTypeFactory().constructType(Wire.Bars.class);

  private final AlpacaConfig config;
  private final RestTransport transport;

  /**
   * @param config the data URL and feed
   * @param transport the client's transport
   */
  public MarketData(AlpacaConfig config, RestTransport transport) {
    this.config = config;
    this.transport = transport;
  }

  /**
   * The latest trade price.
   *
   * @param symbol the ticker
   * @return the price, or empty when the symbol is unknown or has no trade
   */
  public Optional<BigDecimal> latestPrice(String symbol) {
    Call call =
        AlpacaUris.get(
            config.dataUrl(),
            "/v2/stocks/" + AlpacaUris.segment(symbol) + "/trades/latest",
            "GET /v2/stocks/{symbol}/trades/latest",
            Map.of("feed", config.dataFeed()));
    try {
      Wire.LatestTrade t = read(call, LATEST_TRADE);
      return latestTrade(t, symbol).map(Wire.Trade::p);
    } catch (AlpacaNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The trade of a latest-trade body in either shape.
   *
   * @param t the body
   * @param symbol the ticker wanted
   * @return the trade, or empty when there is none
   */
  public static Optional<Wire.Trade> latestTrade(Wire.LatestTrade t, String symbol) {
    if (t.trade() != null) {
      return Optional.of(t.trade());
    }
    return t.trades() == null ? Optional.empty() : Optional.ofNullable(t.trades().get(symbol));
  }

  /**
   * The latest bar.
   *
   * @param symbol the ticker
   * @return the bar, or empty when the symbol is unknown or has none
   */
  public Optional<Bar> latestBar(String symbol) {
    Call call =
        AlpacaUris.get(
            config.dataUrl(),
            "/v2/stocks/" + AlpacaUris.segment(symbol) + "/bars/latest",
            "GET /v2/stocks/{symbol}/bars/latest",
            Map.of("feed", config.dataFeed()));
    try {
      return latestBar(call.endpoint(), read(call, LATEST_BAR), symbol);
    } catch (AlpacaNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The bar of a latest-bar body in either shape.
   *
   * @param endpoint for error messages
   * @param b the body
   * @param symbol the ticker wanted
   * @return the bar, or empty when there is none
   */
  public static Optional<Bar> latestBar(String endpoint, Wire.LatestBar b, String symbol) {
    Wire.Bar bar = b.bar() != null ? b.bar() : b.bars() == null ? null : b.bars().get(symbol);
    return Optional.ofNullable(bar).map(x -> bar(endpoint, symbol, x));
  }

  /**
   * Historical bars, all pages merged, oldest first, split-adjusted.
   *
   * @param symbol the ticker
   * @param timeframe Alpaca's time frame, such as {@code 1Day}
   * @param start first bar start (inclusive)
   * @param end last bar start (inclusive)
   * @return the bars
   */
  public List<Bar> bars(String symbol, String timeframe, Instant start, Instant end) {
    List<Bar> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>();
      q.put("timeframe", timeframe);
      q.put("start", start.toString());
      q.put("end", end.toString());
      q.put("limit", "1000");
      q.put("adjustment", ADJUSTMENT);
      q.put("feed", config.dataFeed());
      if (token != null) {
        q.put("page_token", token);
      }
      Call call =
          AlpacaUris.get(
              config.dataUrl(),
              "/v2/stocks/" + AlpacaUris.segment(symbol) + "/bars",
              "GET /v2/stocks/{symbol}/bars",
              q);
      Wire.Bars page = read(call, BARS);
      out.addAll(page(call.endpoint(), page, symbol));
      String next = page.nextPageToken();
      token = next == null || next.isEmpty() || next.equals(token) ? null : next;
    } while (token != null);
    return List.copyOf(out);
  }

  /**
   * One page of bars in either shape.
   *
   * @param endpoint for error messages
   * @param page the body
   * @param symbol the ticker wanted
   * @return the page's bars of {@code symbol}
   */
  public static List<Bar> page(String endpoint, Wire.Bars page, String symbol) {
    JsonNode bars = page.bars();
    if (bars == null || bars.isNull()) {
      return List.of();
    }
    JsonNode list = bars.isObject() ? bars.get(symbol) : bars;
    if (list == null || list.isNull()) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new MalformedResponseException(
          endpoint, 200, null, null, "bars must be an array or an object of arrays", null);
    }
    List<Bar> out = new ArrayList<>(list.size());
    for (JsonNode n : list) {
      try {
        out.add(bar(endpoint, symbol, AlpacaJson.mapper().treeToValue(n, Wire.Bar.class)));
      } catch (JsonProcessingException e) {
        throw new MalformedResponseException(
            endpoint, 200, null, null, "malformed bar (" + e.getOriginalMessage() + ")", null);
      }
    }
    return out;
  }

  private static Bar bar(String endpoint, String symbol, Wire.@Nullable Bar b) {
    if (b == null) {
      throw new MalformedResponseException(endpoint, 200, null, null, "null bar", null);
    }
    if (b.t() == null
        || b.o() == null
        || b.h() == null
        || b.l() == null
        || b.c() == null
        || b.v() == null) {
      throw new MalformedResponseException(
          endpoint, 200, null, null, "bar is missing one of t, o, h, l, c, v", null);
    }
    return Bar.builder()
        .symbol(symbol)
        .start(b.t().toInstant())
        .open(b.o())
        .high(b.h())
        .low(b.l())
        .close(b.c())
        .volume(b.v())
        .vwap(Optional.ofNullable(b.vw()))
        .build();
  }

  private <T> T read(Call call, JavaType type) {
    T value = transport.withRetry(call, type);
    if (value == null) {
      throw new MalformedResponseException(call.endpoint(), 200, null, null, "empty body", null);
    }
    return value;
  }
}
