package dev.rebalance.api.broker;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operations Rebalance needs from a broker. Every method may throw {@link
 * dev.rebalance.api.BrokerException} (or an adapter's subclass) when the broker fails or refuses.
 *
 * <p>Orders are identified by a client order id chosen by the caller. Submitting an order whose
 * client order id the broker already knows must never create a second order: an implementation
 * either returns the existing order or throws, and {@link #orderByClientId} finds it.
 *
 * <p>An implementation retries its own transport failures (time-outs, rate limits, server errors),
 * with its own bounded back-off, before it throws; callers do not retry a failed call in a loop of
 * their own. So a read that throws means the broker cannot answer now: the swap executor makes one
 * look-up call and, when it fails, leaves the swap pending until a later resume. A submit that
 * throws says by its {@link dev.rebalance.api.BrokerException.Kind} what may follow: {@code
 * REFUSED} is never sent again, {@code TRANSIENT} was not placed and may be sent again, and {@code
 * OUTCOME_UNKNOWN} is resolved by {@link #orderByClientId}, never by sending it again blindly. An
 * adapter therefore never re-sends an order whose outcome is unknown itself.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Broker {

  /**
   * The account's cash, equity and buying power.
   *
   * @return the account snapshot
   */
  AccountSnapshot account();

  /**
   * Every open position.
   *
   * @return the positions (immutable)
   */
  List<BrokerPosition> positions();

  /**
   * One open position.
   *
   * @param symbol the ticker
   * @return the position, or empty when not held
   */
  Optional<BrokerPosition> position(String symbol);

  /**
   * Submits an order.
   *
   * @param request the order, with its client order id
   * @return the order as the broker accepted it
   */
  Order submitOrder(OrderRequest request);

  /**
   * An order by the broker's id.
   *
   * @param orderId the broker's order id
   * @return the order, or empty if unknown
   */
  Optional<Order> order(String orderId);

  /**
   * An order by the client order id it was submitted with.
   *
   * @param clientOrderId the caller's id
   * @return the order, or empty if unknown
   */
  Optional<Order> orderByClientId(String clientOrderId);

  /**
   * Asks the broker to cancel an order; a no-op for an order already done.
   *
   * @param orderId the broker's order id
   */
  void cancelOrder(String orderId);

  /**
   * Fills at or after {@code since}, oldest first (with a stable order for equal times).
   *
   * @param since the earliest transaction time wanted
   * @return the fills (immutable)
   */
  List<Fill> fillsSince(Instant since);

  /**
   * Fills for one symbol at or before {@code until}, newest first, at most {@code limit}. Used to
   * walk back to the fill that opened a position.
   *
   * @param symbol the ticker
   * @param until the latest transaction time wanted
   * @param limit at most this many
   * @return the fills (immutable)
   */
  List<Fill> fillsBefore(String symbol, Instant until, int limit);

  /**
   * Whether the market is open and when it next opens and closes.
   *
   * @return the clock
   */
  MarketClock clock();

  /**
   * Facts about a tradable asset.
   *
   * @param symbol the ticker
   * @return the asset, or empty if the broker does not know the symbol
   */
  Optional<Asset> asset(String symbol);

  /**
   * The latest trade price of a symbol.
   *
   * @param symbol the ticker
   * @return the price, or empty if unknown
   */
  Optional<BigDecimal> latestPrice(String symbol);
}
