package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.alpaca.AlpacaNotFoundException;
import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.alpaca.internal.RestTransport.Call;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.MarketClock;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.PositionSide;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trading API's account, position, clock and asset endpoints. Reads (and the idempotent {@code
 * PATCH} of the account configuration) are retried under {@link Retries#reads()}; closing a
 * position is sent once. A 404 becomes {@link Optional#empty()} where the port allows it.
 *
 * <p>Thread-safe.
 */
public final class TradingApi {
  private static final Logger log = LoggerFactory.getLogger(TradingApi.class);
  private static final TypeFactory TYPES = AlpacaJson.mapper().getTypeFactory();
  private static final JavaType ACCOUNT = TYPES.constructType(Wire.Account.class);
  private static final JavaType CONFIGURATION =
      TYPES.constructType(Wire.AccountConfiguration.class);
  private static final JavaType POSITION = TYPES.constructType(Wire.Position.class);
  private static final JavaType POSITIONS =
      TYPES.constructCollectionType(List.class, Wire.Position.class);
  private static final JavaType ORDER = TYPES.constructType(Wire.Order.class);
  private static final JavaType CLOCK = TYPES.constructType(Wire.Clock.class);
  private static final JavaType ASSET = TYPES.constructType(Wire.Asset.class);
  private static final String CONFIGURATIONS = "/v2/account/configurations";

  private final AlpacaConfig config;
  private final RestTransport transport;

  /**
   * @param config the base URL
   * @param transport the client's transport
   */
  public TradingApi(AlpacaConfig config, RestTransport transport) {
    this.config = config;
    this.transport = transport;
  }

  /**
   * {@code GET /v2/account}.
   *
   * @return the account
   */
  public AccountSnapshot account() {
    Call call = get("/v2/account", "GET /v2/account");
    return WireMapping.account(call.endpoint(), read(call, ACCOUNT));
  }

  /**
   * {@code no_shorting} from {@code GET /v2/account/configurations}.
   *
   * @return the setting
   * @throws MalformedResponseException when the field is missing
   */
  public boolean noShorting() {
    Call call = get(CONFIGURATIONS, "GET " + CONFIGURATIONS);
    Wire.AccountConfiguration c = read(call, CONFIGURATION);
    if (c.noShorting() == null) {
      throw new MalformedResponseException(
          call.endpoint(),
          200,
          null,
          null,
          "required field 'no_shorting' is missing or null",
          null);
    }
    return c.noShorting();
  }

  /**
   * Sets {@code no_shorting} ({@code PATCH /v2/account/configurations}); idempotent, so retried
   * like a read.
   *
   * @param on the new setting
   * @return the setting as Alpaca holds it afterwards
   */
  public boolean noShorting(boolean on) {
    Call call =
        new Call(
            "PATCH",
            AlpacaUris.uri(config.baseUrl(), CONFIGURATIONS, Map.of()),
            "PATCH " + CONFIGURATIONS,
            "{\"no_shorting\":" + on + "}");
    Wire.AccountConfiguration c = read(call, CONFIGURATION);
    return Boolean.TRUE.equals(c.noShorting());
  }

  /**
   * {@code GET /v2/positions}; a short position is logged ({@code alpaca_position_short}).
   *
   * @return the positions
   */
  public List<BrokerPosition> positions() {
    Call call = get("/v2/positions", "GET /v2/positions");
    List<Wire.Position> list = read(call, POSITIONS);
    List<BrokerPosition> out = new ArrayList<>(list.size());
    for (Wire.Position p : list) {
      if (p == null) {
        throw new MalformedResponseException(
            call.endpoint(), 200, null, null, "null position in array", null);
      }
      out.add(logShort(WireMapping.position(call.endpoint(), p)));
    }
    return List.copyOf(out);
  }

  /**
   * {@code GET /v2/positions/{symbol}}.
   *
   * @param symbol the ticker
   * @return the position, or empty when not held
   */
  public Optional<BrokerPosition> position(String symbol) {
    Call call = get("/v2/positions/" + AlpacaUris.segment(symbol), "GET /v2/positions/{symbol}");
    try {
      return Optional.of(logShort(WireMapping.position(call.endpoint(), read(call, POSITION))));
    } catch (AlpacaNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * {@code DELETE /v2/positions/{symbol}}, sent once.
   *
   * @param symbol the ticker
   * @param query {@code qty} or {@code percentage}, or nothing for the whole position
   * @return the closing order
   */
  public Order close(String symbol, Map<String, String> query) {
    Call call =
        new Call(
            "DELETE",
            AlpacaUris.uri(config.baseUrl(), "/v2/positions/" + AlpacaUris.segment(symbol), query),
            "DELETE /v2/positions/{symbol}",
            null);
    Wire.Order o = Objects.requireNonNull(transport.once(call, ORDER));
    return WireMapping.order(call.endpoint(), o);
  }

  /**
   * {@code GET /v2/clock}.
   *
   * @return the market clock
   */
  public MarketClock clock() {
    Call call = get("/v2/clock", "GET /v2/clock");
    return WireMapping.clock(call.endpoint(), read(call, CLOCK));
  }

  /**
   * {@code GET /v2/assets/{symbol}}.
   *
   * @param symbol the ticker
   * @return the asset, or empty when Alpaca does not know it
   */
  public Optional<Asset> asset(String symbol) {
    Call call = get("/v2/assets/" + AlpacaUris.segment(symbol), "GET /v2/assets/{symbol}");
    try {
      return Optional.of(WireMapping.asset(call.endpoint(), read(call, ASSET)));
    } catch (AlpacaNotFoundException e) {
      return Optional.empty();
    }
  }

  private static BrokerPosition logShort(BrokerPosition p) {
    if (p.side() == PositionSide.SHORT) {
      log.atInfo()
          .setMessage(AlpacaLogEvents.POSITION_SHORT)
          .addKeyValue("symbol", p.symbol())
          .addKeyValue("qty", p.qty().toPlainString())
          .addKeyValue("reason", "short position: not a holding the engine may sell")
          .log();
    }
    return p;
  }

  private Call get(String path, String endpoint) {
    return AlpacaUris.get(config.baseUrl(), path, endpoint, Map.of());
  }

  private <T> T read(Call call, JavaType type) {
    T value = transport.withRetry(call, type);
    if (value == null) {
      throw new MalformedResponseException(call.endpoint(), 200, null, null, "empty body", null);
    }
    return value;
  }
}
