package dev.rebalance.alpaca.internal;

import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.MarketClock;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.api.broker.PositionSide;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Converts wire records to the broker port's types. A missing required field is a {@link
 * MalformedResponseException} naming the endpoint and the field.
 *
 * <p>Stateless; thread-safe.
 */
public final class WireMapping {
  private WireMapping() {}

  /**
   * The fill id shared by the stream and the activities endpoint: the order id and the order's
   * cumulative filled quantity after this execution. Each execution of an order raises the
   * cumulative quantity, so the pair is unique per execution, and both sources report it (stream:
   * {@code order.filled_qty}; activity: {@code cum_qty}), so the same execution gets the same id
   * whichever way it arrives.
   *
   * @param orderId the order id
   * @param cumQty the order's filled quantity after this execution
   * @return the id, such as {@code "b5ab...@2"}
   */
  public static String fillId(String orderId, BigDecimal cumQty) {
    return orderId + "@" + cumQty.stripTrailingZeros().toPlainString();
  }

  static <T> T req(String endpoint, String field, @Nullable T value) {
    if (value == null) {
      throw malformed(endpoint, "required field '" + field + "' is missing or null");
    }
    return value;
  }

  /**
   * A symbol with surrounding white space removed (Alpaca's own position example has {@code "AAPL
   * "}).
   */
  static String symbol(String endpoint, String field, @Nullable String symbol) {
    return req(endpoint, field, symbol).strip();
  }

  static MalformedResponseException malformed(String endpoint, String what) {
    return new MalformedResponseException(endpoint, 200, null, null, what, null);
  }

  static Instant instant(String endpoint, String field, @Nullable OffsetDateTime t) {
    return req(endpoint, field, t).toInstant();
  }

  /**
   * An execution or order side as buy or sell. Alpaca reports the full execution side on fills (its
   * broker OpenAPI's {@code TradeActivitySide}; changelog 2026-10-20 "order side"): short sales
   * ({@code sell_short}, {@code sell_short_exempt}, {@code cross_short}) and {@code sell_plus} are
   * sells, {@code buy_minus} is a buy. {@code cross} and {@code undisclosed} do not say which way
   * this account traded, and an empty side is a multi-leg order's: those are refused.
   *
   * @param endpoint for error messages
   * @param field the field name for error messages
   * @param side Alpaca's side
   * @return buy or sell
   * @throws MalformedResponseException naming the field and the value when the side has no
   *     direction for this account
   */
  static OrderSide side(String endpoint, String field, @Nullable String side) {
    String given = req(endpoint, field, side);
    String s = given.toLowerCase(Locale.ROOT);
    switch (s) {
      case "buy":
      case "buy_minus":
        return OrderSide.BUY;
      case "sell":
      case "sell_short":
      case "sell_short_exempt":
      case "sell_plus":
      case "cross_short":
        return OrderSide.SELL;
      case "cross":
      case "undisclosed":
        throw malformed(
            endpoint, field + " '" + s + "' does not say whether this account bought or sold");
      default:
        throw malformed(
            endpoint,
            field
                + " must be an execution side (buy, sell, sell_short, "
                + "sell_short_exempt, buy_minus, sell_plus, cross_short), was "
                + Identifiers.quote(given));
    }
  }

  /**
   * Alpaca's order status mapped to the port's. Unknown values count as open (still working):
   * treating an unknown state as done could start a swap's buy before the sale filled. {@code
   * replaced} is not a cancel: the unfilled rest goes on under the order named by {@code
   * replaced_by}, so it stays open. {@code calculated} means done for the day: see {@link
   * #status(String, BigDecimal, BigDecimal)}.
   *
   * @param status Alpaca's status string
   * @return the port's status
   */
  public static OrderStatus status(String status) {
    return status(status, null, null);
  }

  /**
   * Alpaca's order status mapped to the port's, with the order's quantities for {@code calculated}
   * (done for the day, settlement pending): {@code FILLED} when the whole quantity filled,
   * otherwise {@code EXPIRED} (a day order's unfilled rest will not fill).
   *
   * @param status Alpaca's status string
   * @param qty the order's quantity, when known
   * @param filledQty the order's filled quantity, when known
   * @return the port's status
   */
  public static OrderStatus status(
      String status, @Nullable BigDecimal qty, @Nullable BigDecimal filledQty) {
    switch (status.toLowerCase(Locale.ROOT)) {
      case "partially_filled":
        return OrderStatus.PARTIALLY_FILLED;
      case "filled":
        return OrderStatus.FILLED;
      case "canceled":
        return OrderStatus.CANCELED;
      case "expired":
        return OrderStatus.EXPIRED;
      case "rejected":
        return OrderStatus.REJECTED;
      case "calculated":
        return qty != null && filledQty != null && filledQty.compareTo(qty) >= 0
            ? OrderStatus.FILLED
            : OrderStatus.EXPIRED;
      default:
        // new, accepted, pending_new, accepted_for_bidding, held, pending_cancel, replaced,
        // pending_replace, stopped, suspended, done_for_day, pending_review, ...
        return OrderStatus.OPEN;
    }
  }

  public static AccountSnapshot account(String endpoint, Wire.Account a) {
    boolean blocked =
        Boolean.TRUE.equals(a.tradingBlocked())
            || Boolean.TRUE.equals(a.accountBlocked())
            || Boolean.TRUE.equals(a.tradeSuspendedByUser());
    boolean active = a.status() == null || "ACTIVE".equalsIgnoreCase(a.status());
    return AccountSnapshot.builder()
        .id(req(endpoint, "id", a.id()))
        .cash(req(endpoint, "cash", a.cash()))
        .equity(req(endpoint, "equity", a.equity()))
        .buyingPower(req(endpoint, "buying_power", a.buyingPower()))
        .tradingAllowed(active && !blocked)
        .build();
  }

  /**
   * A position. Alpaca reports a short as a negative {@code qty} with {@code side: short}; it keeps
   * its side (and its negative quantity), so it can never pass for a long holding.
   *
   * @param endpoint for error messages
   * @param p the position
   * @return the position
   */
  public static BrokerPosition position(String endpoint, Wire.Position p) {
    BigDecimal qty = req(endpoint, "qty", p.qty());
    String symbol = symbol(endpoint, "symbol", p.symbol());
    boolean shortSide = "short".equalsIgnoreCase(p.side());
    if (!shortSide && p.side() != null && !"long".equalsIgnoreCase(p.side())) {
      throw malformed(endpoint, "side must be long or short, was " + Identifiers.quote(p.side()));
    }
    PositionSide side = shortSide || qty.signum() < 0 ? PositionSide.SHORT : PositionSide.LONG;
    try {
      return BrokerPosition.builder()
          .symbol(symbol)
          .qty(qty)
          .side(side)
          .qtyAvailable(p.qtyAvailable() == null ? qty : p.qtyAvailable())
          .avgEntryPrice(req(endpoint, "avg_entry_price", p.avgEntryPrice()))
          .currentPrice(Optional.ofNullable(p.currentPrice()))
          .marketValue(Optional.ofNullable(p.marketValue()))
          .unrealizedPlPct(Optional.ofNullable(p.unrealizedPlpc()))
          .build();
    } catch (IllegalArgumentException e) {
      throw malformed(endpoint, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  public static Order order(String endpoint, Wire.Order o) {
    OffsetDateTime submitted = o.submittedAt() != null ? o.submittedAt() : o.createdAt();
    return Order.builder()
        .id(req(endpoint, "id", o.id()))
        .clientOrderId(req(endpoint, "client_order_id", o.clientOrderId()))
        .symbol(symbol(endpoint, "symbol", o.symbol()))
        .side(side(endpoint, "side", o.side()))
        .status(status(req(endpoint, "status", o.status()), o.qty(), o.filledQty()))
        .qty(Optional.ofNullable(o.qty()))
        .notional(Optional.ofNullable(o.notional()))
        .filledQty(o.filledQty() == null ? BigDecimal.ZERO : o.filledQty())
        .filledAvgPrice(Optional.ofNullable(o.filledAvgPrice()))
        .submittedAt(instant(endpoint, "submitted_at", submitted))
        .filledAt(Optional.ofNullable(o.filledAt()).map(OffsetDateTime::toInstant))
        .build();
  }

  /**
   * A FILL activity as a fill.
   *
   * @param endpoint for error messages
   * @param a the activity
   * @return the fill
   */
  public static Fill fill(String endpoint, Wire.Activity a) {
    String orderId = req(endpoint, "order_id", a.orderId());
    String id = a.cumQty() != null ? fillId(orderId, a.cumQty()) : req(endpoint, "id", a.id());
    try {
      return Fill.builder()
          .id(id)
          .orderId(orderId)
          .symbol(symbol(endpoint, "symbol", a.symbol()))
          .side(side(endpoint, "side", a.side()))
          .qty(req(endpoint, "qty", a.qty()))
          .price(req(endpoint, "price", a.price()))
          .timestamp(instant(endpoint, "transaction_time", a.transactionTime()))
          .build();
    } catch (IllegalArgumentException e) {
      throw malformed(endpoint, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  /**
   * A {@code fill}/{@code partial_fill} trade update as a fill; {@code qty} and {@code price} are
   * this execution's (not the order's cumulative values).
   *
   * @param endpoint for error messages
   * @param u the trade update
   * @return the fill
   */
  public static Fill fill(String endpoint, Wire.TradeUpdate u) {
    Wire.Order o = req(endpoint, "order", u.order());
    String orderId = req(endpoint, "order.id", o.id());
    String id =
        o.filledQty() != null
            ? fillId(orderId, o.filledQty())
            : req(endpoint, "execution_id", u.executionId());
    try {
      return Fill.builder()
          .id(id)
          .orderId(orderId)
          .symbol(symbol(endpoint, "order.symbol", o.symbol()))
          .side(side(endpoint, "order.side", o.side()))
          .qty(req(endpoint, "qty", u.qty()))
          .price(req(endpoint, "price", u.price()))
          .timestamp(instant(endpoint, "timestamp", u.timestamp()))
          .positionQtyAfter(Optional.ofNullable(u.positionQty()))
          .build();
    } catch (IllegalArgumentException e) {
      throw malformed(endpoint, Objects.toString(e.getMessage(), e.toString()));
    }
  }

  public static MarketClock clock(String endpoint, Wire.Clock c) {
    return MarketClock.builder()
        .timestamp(instant(endpoint, "timestamp", c.timestamp()))
        .isOpen(req(endpoint, "is_open", c.isOpen()))
        .nextOpen(instant(endpoint, "next_open", c.nextOpen()))
        .nextClose(instant(endpoint, "next_close", c.nextClose()))
        .build();
  }

  public static Asset asset(String endpoint, Wire.Asset a) {
    boolean active = a.status() == null || "active".equalsIgnoreCase(a.status());
    return Asset.builder()
        .symbol(symbol(endpoint, "symbol", a.symbol()))
        .tradable(active && Boolean.TRUE.equals(req(endpoint, "tradable", a.tradable())))
        .fractionable(Boolean.TRUE.equals(a.fractionable()))
        .build();
  }
}
