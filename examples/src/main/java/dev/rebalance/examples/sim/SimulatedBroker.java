package dev.rebalance.examples.sim;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-process {@link Broker} over a {@link SyntheticMarket}: market orders fill at once, in full,
 * at the market's current price plus a configurable cost, and every fill is kept for {@link
 * #fillsSince} and {@link #fillsBefore}. It behaves like a careful real broker where the library
 * relies on it: a second submission with a known client order id returns the existing order and
 * trades nothing, {@link #orderByClientId} finds orders, selling more than is held or buying more
 * than the cash allows is rejected, and fractional quantities are accepted only for fractionable
 * tickers.
 *
 * <p>Costs: {@link Builder#costBps(BigDecimal)} moves the fill price against the trader (a buy
 * fills that many basis points above the market price, a sell below), and {@link
 * Builder#costPerShare(BigDecimal)} is a commission taken from cash per share traded.
 *
 * <p>Thread-safe: every operation synchronizes on the broker.
 */
public final class SimulatedBroker implements Broker {
  private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);
  private static final int QTY_SCALE = 9;

  private final SyntheticMarket market;
  private final String accountId;
  private final BigDecimal costBps;
  private final BigDecimal costPerShare;

  private BigDecimal cash;
  private BigDecimal costsPaid = BigDecimal.ZERO;
  private final Map<String, Holding> holdings = new TreeMap<>();
  private final Map<String, Order> ordersById = new HashMap<>();
  private final Map<String, Order> ordersByClientId = new HashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private long nextOrder = 1;
  private long nextFill = 1;

  private static final class Holding {
    BigDecimal qty;
    BigDecimal cost; // qty * average entry price

    Holding(BigDecimal qty, BigDecimal cost) {
      this.qty = qty;
      this.cost = cost;
    }
  }

  private SimulatedBroker(Builder b) {
    this.market = b.market;
    this.accountId = b.accountId;
    this.costBps = b.costBps;
    this.costPerShare = b.costPerShare;
    this.cash = b.cash;
  }

  /** The market this broker trades on. */
  public SyntheticMarket market() {
    return market;
  }

  /** The total trading cost paid so far (price impact of {@code costBps} plus commissions). */
  public synchronized BigDecimal costsPaid() {
    return costsPaid;
  }

  @Override
  public synchronized AccountSnapshot account() {
    BigDecimal equity = cash;
    for (Map.Entry<String, Holding> e : holdings.entrySet()) {
      equity = equity.add(e.getValue().qty.multiply(market.price(e.getKey())));
    }
    return AccountSnapshot.builder()
        .id(accountId)
        .cash(cash)
        .equity(equity.setScale(2, RoundingMode.HALF_EVEN))
        .buyingPower(cash.max(BigDecimal.ZERO))
        .build();
  }

  @Override
  public synchronized List<BrokerPosition> positions() {
    List<BrokerPosition> out = new ArrayList<>(holdings.size());
    for (String symbol : holdings.keySet()) {
      out.add(toPosition(symbol, holdings.get(symbol)));
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public synchronized Optional<BrokerPosition> position(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    Holding h = holdings.get(symbol);
    return h == null ? Optional.empty() : Optional.of(toPosition(symbol, h));
  }

  private BrokerPosition toPosition(String symbol, Holding h) {
    BigDecimal price = market.price(symbol);
    BigDecimal avg = h.cost.divide(h.qty, 6, RoundingMode.HALF_EVEN);
    BigDecimal value = h.qty.multiply(price);
    return BrokerPosition.builder()
        .symbol(symbol)
        .qty(h.qty)
        .qtyAvailable(h.qty)
        .avgEntryPrice(avg)
        .currentPrice(price)
        .marketValue(value.setScale(2, RoundingMode.HALF_EVEN))
        .unrealizedPlPct(price.subtract(avg).divide(avg, 6, RoundingMode.HALF_EVEN))
        .build();
  }

  @Override
  public synchronized Order submitOrder(OrderRequest request) {
    Objects.requireNonNull(request, "request");
    Order existing = ordersByClientId.get(request.clientOrderId());
    if (existing != null) {
      return existing; // idempotent: the same client order id never trades twice
    }
    Instant now = market.clock().instant();
    String orderId = "sim-o-" + nextOrder++;
    Order.Builder order =
        Order.builder()
            .id(orderId)
            .clientOrderId(request.clientOrderId())
            .symbol(request.symbol())
            .side(request.side())
            .qty(request.qty())
            .notional(request.notional())
            .submittedAt(now)
            .filledQty(BigDecimal.ZERO);
    Optional<String> refusal = refusal(request);
    Order result;
    if (refusal.isPresent()) {
      result = order.status(OrderStatus.REJECTED).build();
    } else {
      result = fill(request, orderId, order, now);
    }
    ordersById.put(orderId, result);
    ordersByClientId.put(request.clientOrderId(), result);
    return result;
  }

  private Optional<String> refusal(OrderRequest r) {
    if (!market.knows(r.symbol())) {
      return Optional.of("unknown symbol");
    }
    boolean fractionable = market.isFractionable(r.symbol());
    if (r.notional().isPresent() && (!fractionable || r.side() == OrderSide.SELL)) {
      return Optional.of("notional orders are for buying fractionable assets only");
    }
    if (r.qty().isPresent()) {
      BigDecimal q = r.qty().get();
      if (!fractionable && q.stripTrailingZeros().scale() > 0) {
        return Optional.of("fractional quantity for a non-fractionable asset");
      }
      if (q.stripTrailingZeros().scale() > QTY_SCALE) {
        return Optional.of("quantity has more than 9 decimal places");
      }
    }
    if (r.side() == OrderSide.SELL) {
      Holding h = holdings.get(r.symbol());
      if (h == null || h.qty.compareTo(r.qty().orElseThrow()) < 0) {
        return Optional.of("insufficient quantity");
      }
    } else {
      BigDecimal price = buyPrice(market.price(r.symbol()));
      BigDecimal qty = buyQty(r, price);
      if (qty.signum() <= 0) {
        return Optional.of("notional too small");
      }
      BigDecimal total = qty.multiply(price).add(qty.multiply(costPerShare));
      if (total.compareTo(cash) > 0) {
        return Optional.of("insufficient buying power");
      }
    }
    return Optional.empty();
  }

  private BigDecimal buyPrice(BigDecimal market) {
    return market
        .multiply(BigDecimal.ONE.add(costBps.divide(TEN_THOUSAND)))
        .setScale(4, RoundingMode.HALF_UP);
  }

  private BigDecimal sellPrice(BigDecimal market) {
    return market
        .multiply(BigDecimal.ONE.subtract(costBps.divide(TEN_THOUSAND)))
        .setScale(4, RoundingMode.HALF_DOWN);
  }

  private static BigDecimal buyQty(OrderRequest r, BigDecimal price) {
    return r.qty()
        .orElseGet(() -> r.notional().orElseThrow().divide(price, QTY_SCALE, RoundingMode.DOWN));
  }

  private Order fill(OrderRequest r, String orderId, Order.Builder order, Instant now) {
    BigDecimal marketPrice = market.price(r.symbol());
    BigDecimal price;
    BigDecimal qty;
    BigDecimal commission;
    Holding h = holdings.get(r.symbol());
    if (r.side() == OrderSide.BUY) {
      price = buyPrice(marketPrice);
      qty = buyQty(r, price);
      commission = qty.multiply(costPerShare);
      cash = cash.subtract(qty.multiply(price)).subtract(commission);
      if (h == null) {
        h = new Holding(qty, qty.multiply(price));
        holdings.put(r.symbol(), h);
      } else {
        h.qty = h.qty.add(qty);
        h.cost = h.cost.add(qty.multiply(price));
      }
    } else {
      if (h == null) { // submitOrder refuses a sell of what is not held
        throw new BrokerException("cannot sell " + r.symbol() + ": not held");
      }
      price = sellPrice(marketPrice);
      qty = r.qty().orElseThrow();
      commission = qty.multiply(costPerShare);
      cash = cash.add(qty.multiply(price)).subtract(commission);
      BigDecimal remaining = h.qty.subtract(qty);
      if (remaining.signum() == 0) {
        holdings.remove(r.symbol());
      } else {
        // A partial sale keeps the average entry price.
        h.cost = h.cost.multiply(remaining).divide(h.qty, 10, RoundingMode.HALF_EVEN);
        h.qty = remaining;
      }
    }
    costsPaid = costsPaid.add(qty.multiply(price.subtract(marketPrice).abs())).add(commission);
    BigDecimal after =
        Optional.ofNullable(holdings.get(r.symbol())).map(x -> x.qty).orElse(BigDecimal.ZERO);
    fills.add(
        Fill.builder()
            .id("sim-f-" + nextFill++)
            .orderId(orderId)
            .symbol(r.symbol())
            .side(r.side())
            .qty(qty)
            .price(price)
            .timestamp(now)
            .positionQtyAfter(after)
            .build());
    return order
        .status(OrderStatus.FILLED)
        .filledQty(qty)
        .filledAvgPrice(price)
        .filledAt(now)
        .build();
  }

  @Override
  public synchronized Optional<Order> order(String orderId) {
    return Optional.ofNullable(ordersById.get(Objects.requireNonNull(orderId, "orderId")));
  }

  @Override
  public synchronized Optional<Order> orderByClientId(String clientOrderId) {
    return Optional.ofNullable(
        ordersByClientId.get(Objects.requireNonNull(clientOrderId, "clientOrderId")));
  }

  @Override
  public synchronized void cancelOrder(String orderId) {
    if (!ordersById.containsKey(Objects.requireNonNull(orderId, "orderId"))) {
      throw new BrokerException("order not found: " + orderId);
    }
    // Market orders fill at once; there is never anything left to cancel.
  }

  @Override
  public synchronized List<Fill> fillsSince(Instant since) {
    Objects.requireNonNull(since, "since");
    // Fills are appended in time order; find the first at or after since.
    int lo = 0;
    int hi = fills.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (fills.get(mid).timestamp().isBefore(since)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return List.copyOf(fills.subList(lo, fills.size()));
  }

  @Override
  public synchronized List<Fill> fillsBefore(String symbol, Instant until, int limit) {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(until, "until");
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0, was " + limit);
    }
    List<Fill> out = new ArrayList<>();
    for (int i = fills.size() - 1; i >= 0 && out.size() < limit; i--) {
      Fill f = fills.get(i);
      if (f.symbol().equals(symbol) && !f.timestamp().isAfter(until)) {
        out.add(f);
      }
    }
    return Collections.unmodifiableList(out);
  }

  @Override
  public MarketClock clock() {
    Instant now = market.clock().instant();
    TradingCalendar cal = market.calendar();
    return MarketClock.builder()
        .timestamp(now)
        .isOpen(cal.isOpen(now))
        .nextOpen(cal.nextOpen(now))
        .nextClose(cal.nextClose(now))
        .build();
  }

  @Override
  public Optional<Asset> asset(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    if (!market.knows(symbol)) {
      return Optional.empty();
    }
    return Optional.of(
        Asset.builder()
            .symbol(symbol)
            .tradable(true)
            .fractionable(market.isFractionable(symbol))
            .build());
  }

  @Override
  public Optional<BigDecimal> latestPrice(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    return market.knows(symbol) ? Optional.of(market.price(symbol)) : Optional.empty();
  }

  /**
   * A new builder.
   *
   * @param market the market to trade on
   * @return the builder: account {@code sim}, 100,000 cash, 5 basis points cost, no commission
   */
  public static Builder builder(SyntheticMarket market) {
    return new Builder(market);
  }

  /** Builds a {@link SimulatedBroker}; not thread-safe. */
  public static final class Builder {
    private final SyntheticMarket market;
    private String accountId = "sim";
    private BigDecimal cash = BigDecimal.valueOf(100_000);
    private BigDecimal costBps = BigDecimal.valueOf(5);
    private BigDecimal costPerShare = BigDecimal.ZERO;

    private Builder(SyntheticMarket market) {
      this.market = Objects.requireNonNull(market, "market");
    }

    /**
     * The broker's account id. Default {@code sim}.
     *
     * @param id the id
     * @return this builder
     */
    public Builder accountId(String id) {
      this.accountId = Objects.requireNonNull(id, "id");
      return this;
    }

    /**
     * The starting cash. Default 100,000.
     *
     * @param cash {@code > 0}
     * @return this builder
     */
    public Builder cash(BigDecimal cash) {
      if (cash.signum() <= 0) {
        throw new IllegalArgumentException("cash must be > 0, was " + cash.toPlainString());
      }
      this.cash = cash;
      return this;
    }

    /**
     * The price impact per trade, in basis points of the price. Default 5.
     *
     * @param bps between 0 and 1000
     * @return this builder
     */
    public Builder costBps(BigDecimal bps) {
      if (bps.signum() < 0 || bps.compareTo(BigDecimal.valueOf(1000)) > 0) {
        throw new IllegalArgumentException(
            "costBps must be between 0 and 1000, was " + bps.toPlainString());
      }
      this.costBps = bps;
      return this;
    }

    /**
     * The commission per share traded. Default 0.
     *
     * @param perShare {@code >= 0}
     * @return this builder
     */
    public Builder costPerShare(BigDecimal perShare) {
      if (perShare.signum() < 0) {
        throw new IllegalArgumentException(
            "costPerShare must be >= 0, was " + perShare.toPlainString());
      }
      this.costPerShare = perShare;
      return this;
    }

    /** The broker, holding nothing but cash. */
    public SimulatedBroker build() {
      return new SimulatedBroker(this);
    }
  }
}
