package dev.rebalance.tck.broker;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.MarketClock;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A broker held in memory, for tests of code that trades through the {@link Broker} port. The test
 * sets prices ({@link #setPrice}) and starting positions ({@link #hold}); market orders fill in
 * full at the current price when submitted, or — after {@link #holdOrders(boolean)
 * holdOrders(true)} — stay open until the test fills ({@link #fill}), partly fills, cancels or
 * rejects them. Every fill updates cash and positions and is returned by {@link #fillsSince} and
 * {@link #fillsBefore}; times come from the injected clock (a {@link
 * dev.rebalance.tck.MutableClock} in tests).
 *
 * <p>Like a real broker it never creates a second order for a known client order id (the first is
 * returned), rejects a sale of more than is held (no short selling) or an order for a symbol
 * without a price, and rounds a notional order down to whole shares, or to 9 decimal places for
 * fractionable assets ({@link #setFractionable}). It does not model buying power limits, fees or
 * order types other than market.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2025-11-25T15:00:00Z"));
 * InMemoryBroker broker = InMemoryBroker.withCash(clock, new BigDecimal("10000"));
 * broker.setPrice("PEP", new BigDecimal("150")).hold("PEP", new BigDecimal("10"), new BigDecimal("140"));
 * broker.setPrice("TSLA", new BigDecimal("250"));
 * }</pre>
 *
 * <p>Thread-safe: every method is synchronized.
 */
public final class InMemoryBroker implements Broker {
  private static final int FRACTION_SCALE = 9;

  private final Clock clock;
  private final Ledger ledger;
  private final Map<String, BigDecimal> prices = new TreeMap<>();
  private final Set<String> fractionable = new HashSet<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final Map<String, String> byClientId = new LinkedHashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private boolean holdOrders;
  private boolean marketOpen = true;

  private InMemoryBroker(Clock clock, BigDecimal cash) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ledger = new Ledger(Objects.requireNonNull(cash, "cash"));
  }

  /**
   * A broker with {@code cash} and no positions.
   *
   * @param clock where order and fill times come from
   * @param cash the starting cash
   * @return the broker
   */
  public static InMemoryBroker withCash(Clock clock, BigDecimal cash) {
    return new InMemoryBroker(clock, cash);
  }

  /**
   * Sets the latest price of {@code symbol}, at which market orders fill from now on.
   *
   * @param symbol the ticker
   * @param price the price, {@code > 0}
   * @return this broker
   */
  public synchronized InMemoryBroker setPrice(String symbol, BigDecimal price) {
    Objects.requireNonNull(symbol, "symbol");
    if (Objects.requireNonNull(price, "price").signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0, was " + price.toPlainString());
    }
    prices.put(symbol, price);
    return this;
  }

  /**
   * Marks {@code symbol} as tradable in fractions (9 decimal places, as Alpaca).
   *
   * @param symbol the ticker
   * @return this broker
   */
  public synchronized InMemoryBroker setFractionable(String symbol) {
    fractionable.add(Objects.requireNonNull(symbol, "symbol"));
    return this;
  }

  /**
   * Puts a position into the account without an order or a fill (a position held before the test).
   *
   * @param symbol the ticker
   * @param qty the quantity, {@code > 0}
   * @param avgPrice its average entry price
   * @return this broker
   */
  public synchronized InMemoryBroker hold(String symbol, BigDecimal qty, BigDecimal avgPrice) {
    Objects.requireNonNull(symbol, "symbol");
    if (Objects.requireNonNull(qty, "qty").signum() <= 0) {
      throw new IllegalArgumentException("qty must be > 0, was " + qty.toPlainString());
    }
    ledger.hold(symbol, qty, Objects.requireNonNull(avgPrice, "avgPrice"));
    return this;
  }

  /**
   * Whether submitted orders wait for {@link #fill} instead of filling at once. Default false.
   *
   * @param hold true to keep new orders open
   * @return this broker
   */
  public synchronized InMemoryBroker holdOrders(boolean hold) {
    this.holdOrders = hold;
    return this;
  }

  /**
   * Whether {@link #clock()} reports the market open. Default true.
   *
   * @param open the market's state
   * @return this broker
   */
  public synchronized InMemoryBroker setMarketOpen(boolean open) {
    this.marketOpen = open;
    return this;
  }

  @Override
  public synchronized AccountSnapshot account() {
    return ledger.account(this::latestPrice);
  }

  @Override
  public synchronized List<BrokerPosition> positions() {
    return ledger.positions(this::latestPrice);
  }

  @Override
  public synchronized Optional<BrokerPosition> position(String symbol) {
    return ledger.position(Objects.requireNonNull(symbol, "symbol"), this::latestPrice);
  }

  @Override
  public synchronized Order submitOrder(OrderRequest request) {
    Objects.requireNonNull(request, "request");
    String known = byClientId.get(request.clientOrderId());
    if (known != null) {
      return known(known);
    }
    Order.Builder order =
        Order.builder()
            .id("order-" + (orders.size() + 1))
            .clientOrderId(request.clientOrderId())
            .symbol(request.symbol())
            .side(request.side())
            .filledQty(BigDecimal.ZERO)
            .submittedAt(clock.instant());
    request.qty().ifPresent(order::qty);
    request.notional().ifPresent(order::notional);
    Optional<BigDecimal> qty = quantityOf(request);
    String refusal = refusal(request, qty);
    Order accepted =
        order.status(refusal == null ? OrderStatus.OPEN : OrderStatus.REJECTED).build();
    put(accepted);
    if (refusal == null && !holdOrders) {
      return fill(accepted.id());
    }
    return accepted;
  }

  @Override
  public synchronized Optional<Order> order(String orderId) {
    return Optional.ofNullable(orders.get(Objects.requireNonNull(orderId, "orderId")));
  }

  @Override
  public synchronized Optional<Order> orderByClientId(String clientOrderId) {
    String id = byClientId.get(Objects.requireNonNull(clientOrderId, "clientOrderId"));
    return id == null ? Optional.empty() : Optional.of(known(id));
  }

  @Override
  public synchronized void cancelOrder(String orderId) {
    Order o = known(orderId);
    if (!o.status().isDone()) {
      put(Order.builder().from(o).status(OrderStatus.CANCELED).build());
    }
  }

  /**
   * Fills what is left of an open order at the symbol's current price.
   *
   * @param orderId the broker's order id
   * @return the order after the fill
   * @throws BrokerException if the order is unknown or already done
   */
  public synchronized Order fill(String orderId) {
    Order o = known(orderId);
    return fill(orderId, wanted(o).subtract(o.filledQty()));
  }

  /**
   * Fills {@code qty} more of an open order at the symbol's current price; the order is then {@code
   * PARTIALLY_FILLED}, or {@code FILLED} once nothing is left.
   *
   * @param orderId the broker's order id
   * @param qty how much more fills, {@code > 0} and at most what is left
   * @return the order after the fill
   * @throws BrokerException if the order is unknown or already done, or {@code qty} is too large
   */
  public synchronized Order fill(String orderId, BigDecimal qty) {
    Order o = known(orderId);
    if (o.status().isDone()) {
      throw new BrokerException("order " + orderId + " is " + o.status() + "; it cannot fill");
    }
    BigDecimal left = wanted(o).subtract(o.filledQty());
    if (qty.signum() <= 0 || qty.compareTo(left) > 0) {
      throw new BrokerException(
          "fill of "
              + qty.toPlainString()
              + " for order "
              + orderId
              + " must be in (0, "
              + left.toPlainString()
              + "]");
    }
    BigDecimal price = prices.get(o.symbol());
    if (price == null) { // orders are accepted only for a priced symbol, and prices stay
      throw new BrokerException("no price for " + o.symbol());
    }
    Instant now = clock.instant();
    BigDecimal after = ledger.settle(o.symbol(), o.side(), qty, price);
    fills.add(
        Fill.builder()
            .id("fill-" + (fills.size() + 1))
            .orderId(o.id())
            .symbol(o.symbol())
            .side(o.side())
            .qty(qty)
            .price(price)
            .timestamp(now)
            .positionQtyAfter(after)
            .build());
    BigDecimal filled = o.filledQty().add(qty);
    BigDecimal average =
        o.filledAvgPrice()
            .map(
                p ->
                    p.multiply(o.filledQty())
                        .add(price.multiply(qty))
                        .divide(filled, 9, RoundingMode.HALF_EVEN))
            .orElse(price);
    boolean complete = filled.compareTo(wanted(o)) == 0;
    Order.Builder next =
        Order.builder()
            .from(o)
            .filledQty(filled)
            .filledAvgPrice(average)
            .status(complete ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED);
    if (complete) {
      next.filledAt(now);
    }
    return put(next.build());
  }

  /**
   * Rejects an open order, as a broker refusing it after acceptance would.
   *
   * @param orderId the broker's order id
   * @return the rejected order
   */
  public synchronized Order reject(String orderId) {
    Order o = known(orderId);
    if (o.status().isDone()) {
      throw new BrokerException(
          "order " + orderId + " is " + o.status() + "; it cannot be rejected");
    }
    return put(Order.builder().from(o).status(OrderStatus.REJECTED).build());
  }

  @Override
  public synchronized List<Fill> fillsSince(Instant since) {
    Objects.requireNonNull(since, "since");
    return fills.stream().filter(f -> !f.timestamp().isBefore(since)).toList();
  }

  @Override
  public synchronized List<Fill> fillsBefore(String symbol, Instant until, int limit) {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(until, "until");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    List<Fill> matching = new ArrayList<>();
    for (int i = fills.size() - 1; i >= 0 && matching.size() < limit; i--) {
      Fill f = fills.get(i);
      if (f.symbol().equals(symbol) && !f.timestamp().isAfter(until)) {
        matching.add(f);
      }
    }
    matching.sort(Comparator.comparing(Fill::timestamp).reversed());
    return List.copyOf(matching);
  }

  @Override
  public synchronized MarketClock clock() {
    Instant now = clock.instant();
    return MarketClock.builder()
        .timestamp(now)
        .isOpen(marketOpen)
        .nextOpen(marketOpen ? now.plus(Duration.ofDays(1)) : now.plus(Duration.ofHours(1)))
        .nextClose(marketOpen ? now.plus(Duration.ofHours(1)) : now.plus(Duration.ofDays(1)))
        .build();
  }

  @Override
  public synchronized Optional<Asset> asset(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    if (!prices.containsKey(symbol) && !ledger.holds(symbol)) {
      return Optional.empty();
    }
    return Optional.of(
        Asset.builder()
            .symbol(symbol)
            .tradable(true)
            .fractionable(fractionable.contains(symbol))
            .build());
  }

  @Override
  public synchronized Optional<BigDecimal> latestPrice(String symbol) {
    return Optional.ofNullable(prices.get(Objects.requireNonNull(symbol, "symbol")));
  }

  private Optional<BigDecimal> quantityOf(OrderRequest request) {
    if (request.qty().isPresent()) {
      return request.qty();
    }
    BigDecimal price = prices.get(request.symbol());
    if (price == null) {
      return Optional.empty();
    }
    int scale = fractionable.contains(request.symbol()) ? FRACTION_SCALE : 0;
    BigDecimal qty = request.notional().orElseThrow().divide(price, scale, RoundingMode.DOWN);
    return qty.signum() > 0 ? Optional.of(qty) : Optional.empty();
  }

  private @Nullable String refusal(OrderRequest request, Optional<BigDecimal> qty) {
    if (!prices.containsKey(request.symbol())) {
      return "no price for " + request.symbol();
    }
    if (qty.isEmpty()) {
      return "notional buys no share";
    }
    if (request.side() == OrderSide.SELL
        && ledger.held(request.symbol()).compareTo(qty.get()) < 0) {
      return "cannot sell more than held";
    }
    return null;
  }

  private BigDecimal wanted(Order o) {
    return o.qty().orElseGet(() -> quantityOf(requestOf(o)).orElse(BigDecimal.ZERO));
  }

  private static OrderRequest requestOf(Order o) {
    OrderRequest.Builder b =
        OrderRequest.builder().clientOrderId(o.clientOrderId()).symbol(o.symbol()).side(o.side());
    o.notional().ifPresent(b::notional);
    return b.build();
  }

  private Order known(String orderId) {
    Order o = orders.get(Objects.requireNonNull(orderId, "orderId"));
    if (o == null) {
      throw new BrokerException("unknown order " + orderId);
    }
    return o;
  }

  private Order put(Order o) {
    orders.put(o.id(), o);
    byClientId.put(o.clientOrderId(), o.id());
    return o;
  }
}
