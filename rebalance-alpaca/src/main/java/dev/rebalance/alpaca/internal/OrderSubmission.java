package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.alpaca.AlpacaException;
import dev.rebalance.alpaca.AlpacaNotFoundException;
import dev.rebalance.alpaca.DuplicateClientOrderIdException;
import dev.rebalance.alpaca.InvalidOrderException;
import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.alpaca.RateLimitedException;
import dev.rebalance.alpaca.internal.RestTransport.Call;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order submission and cancellation with Alpaca's rules: at most {@value #MAX_SCALE} decimal places
 * (rounded down, never to zero); one client order id never makes two orders (after an unclear
 * outcome the order is looked up by client order id before anything is sent again, and sent again
 * only when the lookup answers 404); a 429 means "not placed", so it is waited out and sent again
 * without a lookup. A refusal is sent once. When even the lookup fails the submission throws an
 * {@code OUTCOME_UNKNOWN} failure and sends nothing more; the next {@link #submit} with that client
 * order id looks first. The attempt count and the waits are {@link Retries#submissions()}'s.
 *
 * <p>Thread-safe.
 */
public final class OrderSubmission {
  /** Alpaca accepts quantities and notionals with at most this many decimal places. */
  public static final int MAX_SCALE = 9;

  private static final Logger log = LoggerFactory.getLogger(OrderSubmission.class);
  private static final String POST = "POST /v2/orders";
  private static final String BY_CLIENT_ID = "GET /v2/orders:by_client_order_id";
  private static final JavaType ORDER =
      AlpacaJson.mapper().getTypeFactory().constructType(Wire.Order.class);

  /** Alpaca's code for "order is not cancelable" (its OpenAPI: 422 on DELETE /v2/orders/{id}). */
  private static final long NOT_CANCELABLE = 42210000L;

  private final AlpacaConfig config;
  private final RestTransport transport;
  private final Retries retries;

  /**
   * Client order ids whose submission ended with an unknown outcome; looked up before any resend.
   */
  private final Set<String> uncertain = ConcurrentHashMap.newKeySet();

  /**
   * @param config limits and URLs
   * @param transport the client's transport
   */
  public OrderSubmission(AlpacaConfig config, RestTransport transport) {
    this.config = config;
    this.transport = transport;
    this.retries = transport.retries();
  }

  /** What one submission attempt ended with, when it did not throw. */
  sealed interface Attempt permits Placed, NotPlaced {}

  /** Alpaca holds the order (sent now, or found by its client order id). */
  record Placed(Order order) implements Attempt {}

  /**
   * Alpaca certainly placed nothing: it answered 429, or the lookup after {@code failure} answered
   * 404. {@link Retries#submissions()} sends such an order again.
   */
  record NotPlaced(AlpacaException failure) implements Attempt {}

  /**
   * Submits a market day order; see the class description.
   *
   * @param request the order
   * @return the order as Alpaca holds it
   */
  public Order submit(OrderRequest request) {
    String body = body(request);
    Call call =
        new Call("POST", AlpacaUris.uri(config.baseUrl(), "/v2/orders", Map.of()), POST, body);
    if (uncertain.contains(request.clientOrderId())) {
      // An earlier call could not tell whether this order was placed: look before sending again.
      Optional<Order> existing = byClientId(request.clientOrderId());
      uncertain.remove(request.clientOrderId());
      if (existing.isPresent()) {
        return existing.get();
      }
    }
    Attempt last =
        retries.run(
            retries.submissions(),
            POST,
            () -> attempt(call, request),
            (attempt, result, failure, delay) -> logResend(request, attempt, result, delay));
    if (last instanceof Placed) {
      return ((Placed) last).order();
    }
    throw ((NotPlaced) last).failure(); // attempts used up; the last lookup said it was not placed
  }

  /**
   * One submission: sends the order once and, when the answer is unclear, looks it up.
   *
   * @return the order, or {@link NotPlaced} when Alpaca certainly placed nothing (a 429, or a
   *     failure after which the lookup answered 404)
   * @throws AlpacaException a refusal, or an outcome that stays unknown because the lookup failed
   */
  private Attempt attempt(Call call, OrderRequest request) {
    try {
      Wire.Order o = Objects.requireNonNull(transport.once(call, ORDER));
      return new Placed(WireMapping.order(call.endpoint(), o));
    } catch (DuplicateClientOrderIdException dup) {
      return new Placed(lookupAfterFailure(request, dup).orElseThrow(() -> dup));
    } catch (RateLimitedException limited) {
      // Alpaca refused before placing anything: wait for the reset, send again, no lookup.
      return new NotPlaced(limited);
    } catch (AlpacaException e) {
      if (!e.isTransient()) {
        throw e; // a refusal: Alpaca answered clearly and placed nothing
      }
      Optional<Order> existing = lookupAfterFailure(request, e);
      return existing.<Attempt>map(Placed::new).orElseGet(() -> new NotPlaced(e));
    }
  }

  private static void logResend(
      OrderRequest request, int attempt, @Nullable Attempt result, Duration delay) {
    AlpacaException failure = result instanceof NotPlaced ? ((NotPlaced) result).failure() : null;
    if (failure instanceof RateLimitedException) {
      log.atInfo()
          .setMessage(AlpacaLogEvents.REQUEST_RETRY)
          .addKeyValue("endpoint", POST)
          .addKeyValue("attempt", attempt)
          .addKeyValue("error", failure.getClass().getSimpleName())
          .addKeyValue("http_status", 429)
          .addKeyValue("delay_ms", delay.toMillis())
          .log();
      return;
    }
    log.atWarn()
        .setMessage(AlpacaLogEvents.ORDER_RESUBMIT)
        .addKeyValue("client_order_id", request.clientOrderId())
        .addKeyValue("symbol", request.symbol())
        .addKeyValue("attempt", attempt)
        .addKeyValue("delay_ms", delay.toMillis())
        .log();
  }

  /**
   * The order with this broker id ({@code GET /v2/orders/{id}}), retried like a read.
   *
   * @param orderId the broker's order id
   * @return the order, or empty when Alpaca has none
   */
  public Optional<Order> byId(String orderId) {
    Call call =
        AlpacaUris.get(
            config.baseUrl(),
            "/v2/orders/" + AlpacaUris.segment(orderId),
            "GET /v2/orders/{id}",
            Map.of());
    try {
      Wire.Order o = transport.withRetry(call, ORDER);
      if (o == null) {
        throw new MalformedResponseException(call.endpoint(), 200, null, null, "empty body", null);
      }
      return Optional.of(WireMapping.order(call.endpoint(), o));
    } catch (AlpacaNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * The order with this client order id ({@code GET /v2/orders:by_client_order_id}).
   *
   * @param clientOrderId the caller's id
   * @return the order, or empty when Alpaca has none
   */
  public Optional<Order> byClientId(String clientOrderId) {
    Call call =
        AlpacaUris.get(
            config.baseUrl(),
            "/v2/orders:by_client_order_id",
            BY_CLIENT_ID,
            Map.of("client_order_id", clientOrderId));
    try {
      Wire.Order o = transport.withRetry(call, ORDER);
      if (o == null) {
        throw new MalformedResponseException(BY_CLIENT_ID, 200, null, null, "empty body", null);
      }
      return Optional.of(WireMapping.order(call.endpoint(), o));
    } catch (AlpacaNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Cancels an order; retried like a read because cancelling is idempotent. An unknown order (404)
   * or one no longer cancelable (422 with Alpaca's code {@code 42210000} or a "not cancelable"
   * message) is a no-op; any other 422 (such as a malformed order id, code {@code 40010001}) is
   * thrown.
   *
   * @param orderId the broker's order id
   */
  public void cancel(String orderId) {
    Call call =
        new Call(
            "DELETE",
            AlpacaUris.uri(config.baseUrl(), "/v2/orders/" + AlpacaUris.segment(orderId), Map.of()),
            "DELETE /v2/orders/{id}",
            null);
    try {
      transport.withRetry(call, null);
    } catch (AlpacaNotFoundException e) {
      // already gone
    } catch (AlpacaException e) {
      if (!notCancelable(e)) {
        throw e;
      }
    }
  }

  static boolean notCancelable(AlpacaException e) {
    if (e.httpStatus().orElse(0) != 422) {
      return false;
    }
    if (e.alpacaCode().isPresent() && e.alpacaCode().getAsLong() == NOT_CANCELABLE) {
      return true;
    }
    return e.alpacaMessage()
        .map(m -> m.toLowerCase(Locale.ROOT).contains("not cancelable"))
        .orElse(false);
  }

  private Optional<Order> lookupAfterFailure(OrderRequest request, AlpacaException failure) {
    log.atWarn()
        .setMessage(AlpacaLogEvents.ORDER_OUTCOME_UNKNOWN)
        .addKeyValue("client_order_id", request.clientOrderId())
        .addKeyValue("symbol", request.symbol())
        .addKeyValue("error", failure.getClass().getSimpleName())
        .addKeyValue("http_status", failure.httpStatus().orElse(0))
        .log();
    Optional<Order> found;
    try {
      found = byClientId(request.clientOrderId());
    } catch (AlpacaException lookup) {
      uncertain.add(request.clientOrderId());
      AlpacaException unknown =
          new AlpacaException(
              POST,
              0,
              null,
              null,
              "outcome of order with client_order_id "
                  + request.clientOrderId()
                  + " is unknown: the submission failed ("
                  + failure.getMessage()
                  + ") and the lookup by client order id failed ("
                  + lookup.getMessage()
                  + "); submitting again with the same client order id is safe",
              lookup);
      unknown.addSuppressed(failure);
      throw unknown;
    }
    found.ifPresent(
        o ->
            log.atInfo()
                .setMessage(AlpacaLogEvents.ORDER_FOUND_AFTER_FAILURE)
                .addKeyValue("client_order_id", request.clientOrderId())
                .addKeyValue("order_id", o.id())
                .log());
    return found;
  }

  /**
   * The JSON body of a market day order, with the quantity or notional rounded down to {@value
   * #MAX_SCALE} decimal places.
   *
   * @param r the request
   * @return the body
   * @throws InvalidOrderException when a positive quantity or notional rounds down to zero
   */
  public static String body(OrderRequest r) {
    ObjectNode n = AlpacaJson.mapper().createObjectNode();
    n.put("symbol", r.symbol());
    r.qty().ifPresent(q -> n.put("qty", scaled("qty", q)));
    r.notional().ifPresent(q -> n.put("notional", scaled("notional", q)));
    n.put("side", r.side().name().toLowerCase(Locale.ROOT));
    n.put("type", "market");
    n.put("time_in_force", "day");
    n.put("client_order_id", r.clientOrderId());
    return n.toString();
  }

  /**
   * {@code value} rounded down to {@value #MAX_SCALE} decimal places, as Alpaca takes it.
   *
   * @param field {@code qty} or {@code notional}, for the message
   * @param value a positive amount
   * @return the plain decimal string
   * @throws InvalidOrderException when it rounds down to zero
   */
  static String scaled(String field, BigDecimal value) {
    BigDecimal down = value.setScale(Math.min(value.scale(), MAX_SCALE), RoundingMode.DOWN);
    if (down.signum() == 0 && value.signum() != 0) {
      throw new InvalidOrderException(
          POST,
          field
              + " "
              + value.toPlainString()
              + " rounds down to zero at Alpaca's "
              + MAX_SCALE
              + " decimal places; nothing was sent");
    }
    return down.stripTrailingZeros().toPlainString();
  }
}
