package dev.rebalance.core.fake;

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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A scripted, fault-injecting broker. Orders progress when polled ({@link #order}); what an order
 * does is decided at submit time by {@link #planner}; faults are injected at named points by {@link
 * #faults}. It enforces client order id uniqueness like Alpaca (a second submit with a known id is
 * rejected) and counts every submit that landed per client order id, so tests can assert that no
 * client order id was ever sent twice to a broker that already had it.
 */
public final class FakeBroker implements Broker {

  /** Where a fault can be injected. */
  public enum Point {
    SUBMIT_BEFORE,
    SUBMIT_AFTER,
    LOOKUP,
    ORDER,
    CANCEL,
    POSITION,
    POSITIONS,
    ASSET,
    ACCOUNT,
    PRICE,
    CLOCK,
    FILLS
  }

  /**
   * A fault hook; may throw (a {@link BrokerException} for a broker error, an Error for a crash).
   */
  @FunctionalInterface
  public interface Faults {
    void at(Point point, String key);
  }

  /** What an order will do. */
  public enum Kind {
    FILL,
    PARTIAL_THEN_CANCEL,
    PARTIAL_THEN_EXPIRE,
    STAY_OPEN,
    REJECT_SYNC,
    REJECT_ASYNC
  }

  /**
   * An order's script: what happens, after how many polls, and for partial kinds what fraction
   * fills.
   */
  public record Plan(Kind kind, int pollsToDone, BigDecimal partialFraction, String rejectMessage) {
    public static Plan fill() {
      return new Plan(Kind.FILL, 1, BigDecimal.ONE, "");
    }

    public static Plan fillAfter(int polls) {
      return new Plan(Kind.FILL, polls, BigDecimal.ONE, "");
    }

    public static Plan partialThenCancel(String fraction) {
      return new Plan(Kind.PARTIAL_THEN_CANCEL, 1, new BigDecimal(fraction), "");
    }

    public static Plan partialThenExpire(String fraction) {
      return new Plan(Kind.PARTIAL_THEN_EXPIRE, 1, new BigDecimal(fraction), "");
    }

    public static Plan stayOpen(String fractionFilledWhenCanceled) {
      return new Plan(
          Kind.STAY_OPEN, Integer.MAX_VALUE, new BigDecimal(fractionFilledWhenCanceled), "");
    }

    public static Plan rejectSync(String message) {
      return new Plan(Kind.REJECT_SYNC, 0, BigDecimal.ZERO, message);
    }

    public static Plan rejectAsync(String message) {
      return new Plan(Kind.REJECT_ASYNC, 1, BigDecimal.ZERO, message);
    }
  }

  private static final class Pos {
    BigDecimal qty;
    BigDecimal avgPrice;

    Pos(BigDecimal qty, BigDecimal avgPrice) {
      this.qty = qty;
      this.avgPrice = avgPrice;
    }
  }

  private static final class FakeOrder {
    final OrderRequest request;
    final String id;
    final Plan plan;
    final Instant submittedAt;
    OrderStatus status = OrderStatus.OPEN;
    BigDecimal filledQty = BigDecimal.ZERO;
    BigDecimal avgPrice;
    Instant filledAt;
    int polls;

    FakeOrder(OrderRequest request, String id, Plan plan, Instant submittedAt) {
      this.request = request;
      this.id = id;
      this.plan = plan;
      this.submittedAt = submittedAt;
    }
  }

  private final java.time.Clock clock;
  private final Map<String, Pos> positions = new TreeMap<>();
  private final Map<String, BigDecimal> heldExtra = new HashMap<>();
  private final Map<String, BigDecimal> prices = new HashMap<>();
  private final Map<String, Asset> assets = new HashMap<>();
  private final Map<String, FakeOrder> orders = new LinkedHashMap<>();
  private final Map<String, FakeOrder> byClientId = new HashMap<>();
  private final Map<String, Integer> landed = new HashMap<>();
  private final Set<String> hiddenOnce = new HashSet<>();
  private final List<Fill> fills = new ArrayList<>();
  private BigDecimal cash = BigDecimal.ZERO;
  private boolean marketOpen = true;
  private int duplicateSubmits;
  private int submitCalls;
  private int fillsBeforeCalls;
  private int nextId = 1;
  private int nextFill = 1;

  /** Decides each order's script; default: fill completely on the first poll. */
  public volatile Function<OrderRequest, Plan> planner = r -> Plan.fill();

  /**
   * Whether a second submit with a known client order id is rejected (Alpaca does). When false the
   * fake is naive and creates a second order, so a test can count real duplicates.
   */
  public volatile boolean enforceUniqueClientIds = true;

  /** Fault hook; default none. */
  public volatile Faults faults = (p, k) -> {};

  public FakeBroker(java.time.Clock clock) {
    this.clock = clock;
  }

  // ---- set-up ---------------------------------------------------------------------------------

  public synchronized FakeBroker hold(String symbol, String qty, String avgPrice) {
    positions.put(symbol, new Pos(new BigDecimal(qty), new BigDecimal(avgPrice)));
    return this;
  }

  public synchronized FakeBroker holdForOtherOrders(String symbol, String qty) {
    heldExtra.put(symbol, new BigDecimal(qty));
    return this;
  }

  public synchronized FakeBroker price(String symbol, String price) {
    prices.put(symbol, new BigDecimal(price));
    return this;
  }

  public synchronized FakeBroker asset(String symbol, boolean fractionable) {
    assets.put(
        symbol, Asset.builder().symbol(symbol).tradable(true).fractionable(fractionable).build());
    return this;
  }

  public synchronized FakeBroker untradable(String symbol) {
    assets.put(symbol, Asset.builder().symbol(symbol).tradable(false).fractionable(false).build());
    return this;
  }

  public synchronized FakeBroker cash(String amount) {
    cash = new BigDecimal(amount);
    return this;
  }

  public synchronized FakeBroker marketOpen(boolean open) {
    marketOpen = open;
    return this;
  }

  /** The next look-up of this client order id returns empty even if the order exists (lag). */
  public synchronized FakeBroker hideOnce(String clientOrderId) {
    hiddenOnce.add(clientOrderId);
    return this;
  }

  /** Adds a historical fill (for reconciliation tests); does not change positions. */
  public synchronized FakeBroker historicalFill(
      String symbol, OrderSide side, String qty, String price, Instant at) {
    fills.add(
        Fill.builder()
            .id("F" + (nextFill++))
            .orderId("hist-" + nextFill)
            .symbol(symbol)
            .side(side)
            .qty(new BigDecimal(qty))
            .price(new BigDecimal(price))
            .timestamp(at)
            .build());
    return this;
  }

  // ---- inspection ---------------------------------------------------------------------------

  /** How many submits landed (created an order) per client order id. */
  public synchronized Map<String, Integer> landedPerClientId() {
    return Map.copyOf(landed);
  }

  public synchronized int ordersPlaced() {
    return orders.size();
  }

  public synchronized int duplicateSubmits() {
    return duplicateSubmits;
  }

  public synchronized int submitCalls() {
    return submitCalls;
  }

  public synchronized int fillsBeforeCalls() {
    return fillsBeforeCalls;
  }

  public synchronized Optional<Order> orderFor(String clientOrderId) {
    FakeOrder o = byClientId.get(clientOrderId);
    return o == null ? Optional.empty() : Optional.of(view(o));
  }

  public synchronized List<Order> allOrders() {
    return orders.values().stream().map(this::view).toList();
  }

  public synchronized BigDecimal qtyOf(String symbol) {
    Pos p = positions.get(symbol);
    return p == null ? BigDecimal.ZERO : p.qty;
  }

  public synchronized BigDecimal cash() {
    return cash;
  }

  /** Completes every order that is still open as its plan says (as if time passed). */
  public synchronized void settleAll() {
    for (FakeOrder o : orders.values()) {
      if (!o.status.isDone() && o.plan.kind() != Kind.STAY_OPEN) {
        complete(o);
      }
    }
  }

  // ---- Broker ---------------------------------------------------------------------------------

  @Override
  public synchronized AccountSnapshot account() {
    faults.at(Point.ACCOUNT, "");
    return AccountSnapshot.builder()
        .id("fake")
        .cash(cash)
        .equity(cash)
        .buyingPower(cash.max(BigDecimal.ZERO))
        .build();
  }

  @Override
  public synchronized List<BrokerPosition> positions() {
    faults.at(Point.POSITIONS, "");
    return positions.keySet().stream().map(s -> view(s, positions.get(s))).toList();
  }

  @Override
  public synchronized Optional<BrokerPosition> position(String symbol) {
    faults.at(Point.POSITION, symbol);
    Pos p = positions.get(symbol);
    return p == null ? Optional.empty() : Optional.of(view(symbol, p));
  }

  private BrokerPosition view(String symbol, Pos p) {
    BigDecimal held = heldExtra.getOrDefault(symbol, BigDecimal.ZERO);
    for (FakeOrder o : orders.values()) {
      if (!o.status.isDone()
          && o.request.symbol().equals(symbol)
          && o.request.side() == OrderSide.SELL) {
        held = held.add(o.request.qty().orElse(BigDecimal.ZERO).subtract(o.filledQty));
      }
    }
    BrokerPosition.Builder b =
        BrokerPosition.builder()
            .symbol(symbol)
            .qty(p.qty)
            .qtyAvailable(p.qty.subtract(held).max(BigDecimal.ZERO))
            .avgEntryPrice(p.avgPrice);
    Optional.ofNullable(prices.get(symbol)).ifPresent(b::currentPrice);
    return b.build();
  }

  @Override
  public synchronized Order submitOrder(OrderRequest r) {
    submitCalls++;
    faults.at(Point.SUBMIT_BEFORE, r.clientOrderId());
    if (byClientId.containsKey(r.clientOrderId())) {
      duplicateSubmits++;
    }
    if (enforceUniqueClientIds && byClientId.containsKey(r.clientOrderId())) {
      throw new BrokerException("client_order_id must be unique (422, 40010001)");
    }
    Plan plan = planner.apply(r);
    if (plan.kind() == Kind.REJECT_SYNC) {
      throw new BrokerException(plan.rejectMessage(), BrokerException.Kind.REFUSED);
    }
    BigDecimal price = prices.get(r.symbol());
    if (price == null) {
      throw new BrokerException("no price for " + r.symbol());
    }
    Asset asset = assets.get(r.symbol());
    if (r.notional().isPresent() && (asset == null || !asset.fractionable())) {
      throw new BrokerException("requested asset is not fractionable");
    }
    if (r.side() == OrderSide.SELL) {
      BigDecimal avail =
          position(r.symbol()).map(BrokerPosition::qtyAvailable).orElse(BigDecimal.ZERO);
      BigDecimal q = r.qty().orElseThrow();
      if (q.compareTo(avail) > 0) {
        throw new BrokerException(
            "insufficient qty available for order (requested: "
                + q.toPlainString()
                + ", available: "
                + avail.toPlainString()
                + ")");
      }
    } else {
      BigDecimal cost = r.notional().orElseGet(() -> r.qty().orElseThrow().multiply(price));
      if (cost.compareTo(cash) > 0) {
        throw new BrokerException("insufficient buying power");
      }
    }
    FakeOrder o = new FakeOrder(r, "ord-" + (nextId++), plan, clock.instant());
    orders.put(o.id, o);
    byClientId.put(r.clientOrderId(), o);
    landed.merge(r.clientOrderId(), 1, Integer::sum);
    Order accepted = view(o);
    faults.at(Point.SUBMIT_AFTER, r.clientOrderId());
    return accepted;
  }

  @Override
  public synchronized Optional<Order> order(String orderId) {
    faults.at(Point.ORDER, orderId);
    FakeOrder o = orders.get(orderId);
    if (o == null) {
      return Optional.empty();
    }
    o.polls++;
    if (!o.status.isDone() && o.polls >= o.plan.pollsToDone()) {
      complete(o);
    }
    return Optional.of(view(o));
  }

  @Override
  public synchronized Optional<Order> orderByClientId(String clientOrderId) {
    faults.at(Point.LOOKUP, clientOrderId);
    if (hiddenOnce.remove(clientOrderId)) {
      return Optional.empty();
    }
    FakeOrder o = byClientId.get(clientOrderId);
    return o == null ? Optional.empty() : Optional.of(view(o));
  }

  @Override
  public synchronized void cancelOrder(String orderId) {
    faults.at(Point.CANCEL, orderId);
    FakeOrder o = orders.get(orderId);
    if (o == null || o.status.isDone()) {
      return;
    }
    execute(o, o.plan.partialFraction());
    o.status = OrderStatus.CANCELED;
  }

  @Override
  public synchronized List<Fill> fillsSince(Instant since) {
    faults.at(Point.FILLS, "");
    return fills.stream().filter(f -> !f.timestamp().isBefore(since)).toList();
  }

  @Override
  public synchronized List<Fill> fillsBefore(String symbol, Instant until, int limit) {
    faults.at(Point.FILLS, symbol);
    fillsBeforeCalls++;
    List<Fill> mine = new ArrayList<>();
    for (int i = fills.size() - 1; i >= 0; i--) {
      Fill f = fills.get(i);
      if (f.symbol().equals(symbol) && !f.timestamp().isAfter(until)) {
        mine.add(f);
      }
    }
    mine.sort(Comparator.comparing(Fill::timestamp).reversed()); // stable: newest inserted first
    return List.copyOf(mine.subList(0, Math.min(limit, mine.size())));
  }

  @Override
  public synchronized MarketClock clock() {
    faults.at(Point.CLOCK, "");
    Instant now = clock.instant();
    return MarketClock.builder()
        .timestamp(now)
        .isOpen(marketOpen)
        .nextOpen(now.plus(Duration.ofHours(16)))
        .nextClose(now.plus(Duration.ofHours(6)))
        .build();
  }

  @Override
  public synchronized Optional<Asset> asset(String symbol) {
    faults.at(Point.ASSET, symbol);
    return Optional.ofNullable(assets.get(symbol));
  }

  @Override
  public synchronized Optional<BigDecimal> latestPrice(String symbol) {
    faults.at(Point.PRICE, symbol);
    return Optional.ofNullable(prices.get(symbol));
  }

  // ---- simulation -------------------------------------------------------------------------

  private void complete(FakeOrder o) {
    switch (o.plan.kind()) {
      case FILL -> {
        execute(o, BigDecimal.ONE);
        o.status = OrderStatus.FILLED;
        o.filledAt = clock.instant();
      }
      case PARTIAL_THEN_CANCEL -> {
        execute(o, o.plan.partialFraction());
        o.status = OrderStatus.CANCELED;
      }
      case PARTIAL_THEN_EXPIRE -> {
        execute(o, o.plan.partialFraction());
        o.status = OrderStatus.EXPIRED;
      }
      case REJECT_ASYNC -> o.status = OrderStatus.REJECTED;
      case STAY_OPEN, REJECT_SYNC -> {}
    }
  }

  /** Executes {@code fraction} of the order at the current price, updating position and cash. */
  private void execute(FakeOrder o, BigDecimal fraction) {
    if (fraction.signum() <= 0 || o.filledQty.signum() > 0) {
      return;
    }
    OrderRequest r = o.request;
    BigDecimal price = prices.get(r.symbol());
    Asset asset = assets.get(r.symbol());
    int scale = asset != null && asset.fractionable() ? 9 : 0;
    BigDecimal full =
        r.qty().orElseGet(() -> r.notional().orElseThrow().divide(price, 9, RoundingMode.DOWN));
    BigDecimal qty =
        fraction.compareTo(BigDecimal.ONE) == 0
            ? full
            : full.multiply(fraction).setScale(scale, RoundingMode.DOWN);
    if (qty.signum() <= 0) {
      return;
    }
    o.filledQty = qty;
    o.avgPrice = price;
    BigDecimal amount = qty.multiply(price);
    Pos p = positions.get(r.symbol());
    if (r.side() == OrderSide.SELL) {
      p.qty = p.qty.subtract(qty);
      if (p.qty.signum() == 0) {
        positions.remove(r.symbol());
      }
      cash = cash.add(amount);
    } else {
      if (p == null) {
        positions.put(r.symbol(), new Pos(qty, price));
      } else {
        BigDecimal total = p.qty.add(qty);
        p.avgPrice =
            p.avgPrice.multiply(p.qty).add(amount).divide(total, 6, RoundingMode.HALF_EVEN);
        p.qty = total;
      }
      cash = cash.subtract(amount);
    }
    fills.add(
        Fill.builder()
            .id("F" + (nextFill++))
            .orderId(o.id)
            .symbol(r.symbol())
            .side(r.side())
            .qty(qty)
            .price(price)
            .timestamp(clock.instant())
            .build());
  }

  private Order view(FakeOrder o) {
    Order.Builder b =
        Order.builder()
            .id(o.id)
            .clientOrderId(o.request.clientOrderId())
            .symbol(o.request.symbol())
            .side(o.request.side())
            .status(o.status)
            .filledQty(o.filledQty)
            .submittedAt(o.submittedAt);
    o.request.qty().ifPresent(b::qty);
    o.request.notional().ifPresent(b::notional);
    Optional.ofNullable(o.avgPrice).ifPresent(b::filledAvgPrice);
    Optional.ofNullable(o.filledAt).ifPresent(b::filledAt);
    return b.build();
  }
}
