package dev.rebalance.alpaca;

import dev.rebalance.alpaca.internal.FillHistory;
import dev.rebalance.alpaca.internal.MarketData;
import dev.rebalance.alpaca.internal.OrderSubmission;
import dev.rebalance.alpaca.internal.RestTransport;
import dev.rebalance.alpaca.internal.TradingApi;
import dev.rebalance.api.BrokerException;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.MarketClock;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * The broker port over Alpaca's Trading API v2 and Market Data v2, on {@code java.net.http}.
 *
 * <p>Every request of one {@code AlpacaBroker} takes a token from one bucket ({@link
 * AlpacaConfig#requestsPerMinute()}, 200 per minute by default, Alpaca's per-account limit). Reads
 * are retried on 429 (after {@code X-RateLimit-Reset}), 5xx, time-outs and malformed bodies, with
 * exponential back-off and jitter, at most {@link AlpacaConfig#maxAttempts()} attempts; a refusal
 * is never retried. An order submission is never retried blindly: a 429 placed nothing, so it is
 * waited out and sent again; after a time-out, a 5xx or an unreadable answer the order is looked up
 * by its client order id, returned if it exists, and sent again only when the lookup says
 * definitively (404) that Alpaca does not have it; if the lookup fails too, the failure's kind is
 * {@code OUTCOME_UNKNOWN} and nothing more is sent. A {@code client_order_id must be unique}
 * refusal also returns the existing order. So one client order id never makes two orders. All
 * waiting goes through the builder's {@link Builder#sleeper(Sleeper) sleeper}.
 *
 * <p>Failures are {@link AlpacaException}s (a {@link BrokerException}) with the endpoint, HTTP
 * status and Alpaca's code and message; "not found" becomes {@link Optional#empty()} where the port
 * allows it. The keys never appear in messages or logs.
 *
 * <p>Thread-safe: share one instance per account.
 */
public final class AlpacaBroker implements Broker {
  private final AlpacaConfig config;
  private final RestTransport transport;
  private final OrderSubmission orders;
  private final FillHistory fills;
  private final MarketData marketData;
  private final TradingApi trading;

  private AlpacaBroker(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    HttpClient http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.connectTimeout())
                .build();
    this.transport = new RestTransport(config, http, b.clock, b.sleeper, b.random);
    this.orders = new OrderSubmission(config, transport);
    this.fills = new FillHistory(transport, config.baseUrl());
    this.marketData = new MarketData(config, transport);
    this.trading = new TradingApi(config, transport);
  }

  /**
   * A builder; only {@link Builder#config(AlpacaConfig)} is required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * An adapter with the system clock and real sleeping.
   *
   * @param config the configuration
   * @return the adapter
   */
  public static AlpacaBroker of(AlpacaConfig config) {
    return builder().config(config).build();
  }

  /**
   * The configuration.
   *
   * @return the configuration (keys redacted in its {@code toString()})
   */
  public AlpacaConfig config() {
    return config;
  }

  /**
   * How many HTTP requests this adapter has sent (every attempt counts).
   *
   * @return the count
   */
  public long requestCount() {
    return transport.requestCount();
  }

  // ---------------------------------------------------------------- account and positions

  @Override
  public AccountSnapshot account() {
    return trading.account();
  }

  /**
   * Whether the account refuses short sales ({@code no_shorting} in {@code GET
   * /v2/account/configurations}).
   *
   * @return true when Alpaca refuses any sell that would open or add to a short
   */
  public boolean noShorting() {
    return trading.noShorting();
  }

  /**
   * Sets {@code no_shorting} ({@code PATCH /v2/account/configurations}): with {@code true}, Alpaca
   * refuses a stale sell (one for more than is held) instead of opening a short on a margin
   * account. Idempotent, so retried like a read.
   *
   * @param on whether to refuse short sales
   * @return the setting as Alpaca holds it afterwards
   */
  public boolean noShorting(boolean on) {
    return trading.noShorting(on);
  }

  @Override
  public List<BrokerPosition> positions() {
    return trading.positions();
  }

  @Override
  public Optional<BrokerPosition> position(String symbol) {
    return trading.position(symbol);
  }

  /**
   * Closes a whole position with a market order ({@code DELETE /v2/positions/{symbol}}). Sent once:
   * the close order gets an Alpaca-generated client order id, so it cannot be looked up safely;
   * prefer {@link #submitOrder} with your own client order id for anything that must not double.
   *
   * @param symbol the ticker
   * @return the closing order
   * @throws AlpacaNotFoundException when the position is not held
   */
  public Order closePosition(String symbol) {
    return trading.close(symbol, Map.of());
  }

  /**
   * Sells {@code qty} shares of a position ({@code DELETE /v2/positions/{symbol}?qty=}). Sent once.
   *
   * @param symbol the ticker
   * @param qty shares to sell, {@code > 0}, up to 9 decimals
   * @return the closing order
   * @throws InvalidConfigException when {@code qty} is not positive
   * @throws InsufficientQtyException when open orders hold the shares
   */
  public Order closePosition(String symbol, BigDecimal qty) {
    if (qty.signum() <= 0) {
      throw new InvalidConfigException("qty must be > 0, was " + qty.toPlainString());
    }
    return trading.close(symbol, Map.of("qty", qty.stripTrailingZeros().toPlainString()));
  }

  /**
   * Sells a percentage of a position ({@code DELETE /v2/positions/{symbol}?percentage=}). Sent
   * once.
   *
   * @param symbol the ticker
   * @param percentage in (0, 100]
   * @return the closing order
   * @throws InvalidConfigException when {@code percentage} is out of range
   */
  public Order closePositionPercentage(String symbol, BigDecimal percentage) {
    if (percentage.signum() <= 0 || percentage.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new InvalidConfigException(
          "percentage must be in (0, 100], was " + percentage.toPlainString());
    }
    return trading.close(
        symbol, Map.of("percentage", percentage.stripTrailingZeros().toPlainString()));
  }

  // ---------------------------------------------------------------- orders

  /**
   * Submits a market day order ({@code POST /v2/orders}) with the request's client order id. Never
   * places two orders for one client order id: see the class description.
   *
   * @param request the order
   * @return the order as Alpaca holds it
   * @throws AlpacaException for refusals ({@link InsufficientQtyException}, {@link
   *     InsufficientBuyingPowerException}, {@link WashTradeException}, ...), and when the outcome
   *     stays unknown after the lookups (retry later with the same client order id: it is safe)
   */
  @Override
  public Order submitOrder(OrderRequest request) {
    return orders.submit(request);
  }

  @Override
  public Optional<Order> order(String orderId) {
    return orders.byId(orderId);
  }

  @Override
  public Optional<Order> orderByClientId(String clientOrderId) {
    return orders.byClientId(clientOrderId);
  }

  /**
   * Cancels an order ({@code DELETE /v2/orders/{id}}); retried like a read because cancelling is
   * idempotent. An unknown order (404) or one no longer cancelable (422, Alpaca's code {@code
   * 42210000}) is a no-op; a malformed id (422, code {@code 40010001}) and other failures throw.
   *
   * @param orderId the broker's order id
   */
  @Override
  public void cancelOrder(String orderId) {
    orders.cancel(orderId);
  }

  // ---------------------------------------------------------------- fills

  /**
   * FILL activities at or after {@code since}, oldest first, paging with {@code page_token}. A
   * record that cannot be mapped is skipped and logged ({@code alpaca_fill_skipped} with its
   * activity id and the reason); the records after it are returned.
   *
   * @param since the earliest transaction time wanted
   * @return the fills, ordered by time then id
   */
  @Override
  public List<Fill> fillsSince(Instant since) {
    return fills.since(since);
  }

  /**
   * FILL activities of one symbol at or before {@code until}, newest first, at most {@code limit};
   * unmappable records are skipped and logged as in {@link #fillsSince(Instant)}.
   *
   * @param symbol the ticker
   * @param until the latest transaction time wanted
   * @param limit at most this many; {@code >= 1}
   * @return the fills, newest first
   */
  @Override
  public List<Fill> fillsBefore(String symbol, Instant until, int limit) {
    return fills.before(symbol, until, limit);
  }

  // ---------------------------------------------------------------- clock, assets, market data

  @Override
  public MarketClock clock() {
    return trading.clock();
  }

  @Override
  public Optional<Asset> asset(String symbol) {
    return trading.asset(symbol);
  }

  /**
   * The latest trade price from market data ({@code GET /v2/stocks/{symbol}/trades/latest} on the
   * configured feed).
   *
   * @param symbol the ticker
   * @return the price, or empty when the symbol is unknown or has no trade
   */
  @Override
  public Optional<BigDecimal> latestPrice(String symbol) {
    return marketData.latestPrice(symbol);
  }

  /**
   * The latest bar ({@code GET /v2/stocks/{symbol}/bars/latest} on the configured feed).
   *
   * @param symbol the ticker
   * @return the bar, or empty when the symbol is unknown or has none
   */
  public Optional<Bar> latestBar(String symbol) {
    return marketData.latestBar(symbol);
  }

  /**
   * Historical bars ({@code GET /v2/stocks/{symbol}/bars}), all pages merged, oldest first,
   * split-adjusted ({@code adjustment=split}) so a split does not look like a crash.
   *
   * @param symbol the ticker
   * @param timeframe Alpaca's time frame: {@code 1Min}, {@code 15Min}, {@code 1Hour}, {@code 1Day}
   * @param start first bar start (inclusive)
   * @param end last bar start (inclusive)
   * @return the bars
   */
  public List<Bar> bars(String symbol, String timeframe, Instant start, Instant end) {
    return marketData.bars(symbol, timeframe, start, end);
  }

  /** Builds an {@link AlpacaBroker}; not thread-safe. */
  public static final class Builder {
    private @Nullable AlpacaConfig config;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private @Nullable HttpClient httpClient;

    Builder() {}

    /**
     * The configuration; required.
     *
     * @param config keys, URLs and limits
     * @return this builder
     */
    public Builder config(AlpacaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * The time source for rate limiting. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How to wait for the rate limiter and retries. Default {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The jitter source. Default a new {@link Random}; pass a seeded one for repeatable tests.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The HTTP client. Default: HTTP/1.1 with {@link AlpacaConfig#connectTimeout()}.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Builds the adapter.
     *
     * @return the adapter
     * @throws InvalidConfigException when no configuration was given
     */
    public AlpacaBroker build() {
      if (config == null) {
        throw new InvalidConfigException("AlpacaBroker: config must be set");
      }
      return new AlpacaBroker(this);
    }
  }
}
