package dev.rebalance.core.execution.internal;

import static dev.rebalance.core.execution.internal.Intents.edit;

import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sale of a swap: from {@code INTENT} sends the sell order ({@code SELL_SUBMITTED}), then waits
 * for it to be done ({@code SELL_FILLED} with what filled). The sale is a market order for {@code
 * min(sellQty, qtyAvailable)}, and is not sent at all when the purchase it pays for could not be
 * made (unknown or untradable buy symbol, proceeds below one whole share of a whole-share asset or
 * below the broker's smallest notional order of a fractionable one).
 *
 * <p>Holds no mutable state; thread-safe as far as its broker and store are.
 */
final class SellStep {
  private static final Logger log = LoggerFactory.getLogger(IntentDriver.LOGGER_NAME);
  private static final String SIDE = "sell";

  private final Broker broker;
  private final OrderDesk orders;
  private final Intents intents;
  private final String account;
  private final Clock clock;
  private final ExecutionSettings settings;

  SellStep(
      Broker broker,
      OrderDesk orders,
      Intents intents,
      String account,
      Clock clock,
      ExecutionSettings settings) {
    this.broker = broker;
    this.orders = orders;
    this.intents = intents;
    this.account = account;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * {@code INTENT}: sends the sale. When resuming, looks it up by client order id first; a sale
   * never sent is sent only while the intent is younger than {@code staleAfter}.
   */
  StepResult send(SwapIntent it, boolean resuming) {
    String cid = SwapIds.sellClientOrderId(it.id());
    if (resuming) {
      Optional<StepResult> settled =
          orders.resumeSent(
              it,
              cid,
              SIDE,
              intents,
              (b, o) -> b.status(SwapStatus.SELL_SUBMITTED).sellOrderId(o.id()));
      if (settled.isPresent()) {
        return settled.get();
      }
      Duration age = Duration.between(it.createdAt(), clock.instant());
      if (age.compareTo(settings.staleAfter()) > 0) {
        return intents.fail(
            it,
            "no sell order was sent before the restart and the intent is "
                + age
                + " old (more than staleAfter "
                + settings.staleAfter()
                + "); nothing was traded");
      }
    }
    Optional<BrokerPosition> position = broker.position(it.sellSymbol());
    if (position.isEmpty() || position.get().qty().signum() <= 0) {
      return intents.fail(
          it, "no long position in " + it.sellSymbol() + " at the broker; nothing was traded");
    }
    BigDecimal available = position.get().qtyAvailable();
    if (available.signum() <= 0) {
      return intents.fail(
          it,
          "nothing of "
              + it.sellSymbol()
              + " is available to sell (held "
              + position.get().qty().toPlainString()
              + ", available "
              + available.toPlainString()
              + "; open orders may hold the shares); nothing was traded");
    }
    BigDecimal qty = it.sellQty().min(available);
    Optional<String> unbuyable = unbuyable(it, position.get(), qty);
    if (unbuyable.isPresent()) {
      return intents.fail(it, unbuyable.get());
    }
    String note =
        qty.compareTo(it.sellQty()) < 0
            ? "selling "
                + qty.toPlainString()
                + " of the "
                + it.sellQty().toPlainString()
                + " decided (only "
                + available.toPlainString()
                + " available)"
            : "selling " + qty.toPlainString();
    OrderRequest request =
        OrderRequest.builder()
            .clientOrderId(cid)
            .symbol(it.sellSymbol())
            .side(OrderSide.SELL)
            .qty(qty)
            .build();
    OrderReply placed = orders.place(it.id(), request);
    if (placed instanceof OrderReply.Unknown unknown) {
      return StepResult.pending(unknown.detail());
    }
    if (placed instanceof OrderReply.Absent absent) {
      return intents.fail(
          it, "the sell order was rejected: " + absent.reason() + "; nothing was traded");
    }
    Order order = ((OrderReply.Present) placed).order();
    return StepResult.advanced(
        intents.save(
            edit(it)
                .status(SwapStatus.SELL_SUBMITTED)
                .sellQty(qty)
                .sellOrderId(order.id())
                .detail(note + "; sell order " + order.id() + " sent")));
  }

  /** {@code SELL_SUBMITTED}: waits for the sale; what filled is what the purchase spends. */
  StepResult await(SwapIntent it) {
    Optional<String> orderId = it.sellOrderId();
    if (orderId.isEmpty()) {
      // Recorded as sent without an id (never written by this class): find it or start over.
      return StepResult.advanced(edit(it).status(SwapStatus.INTENT).build());
    }
    FillReply reply = orders.awaitFill(orderId.get(), SIDE);
    if (reply instanceof FillReply.Waiting waiting) {
      return StepResult.pending(waiting.detail());
    }
    if (reply instanceof FillReply.NothingFilled nothing) {
      return intents.fail(it, nothing.describe() + "; nothing was traded");
    }
    FillReply.Filled fill = (FillReply.Filled) reply;
    Order done = fill.order();
    BigDecimal filled = fill.qty();
    BigDecimal price = fill.price();
    String detail =
        filled.compareTo(it.sellQty()) < 0
            ? "sell filled "
                + filled.toPlainString()
                + " of "
                + it.sellQty().toPlainString()
                + " at "
                + price.toPlainString()
                + " (order "
                + done.status()
                + "); buying with what filled"
            : "sell filled " + filled.toPlainString() + " at " + price.toPlainString();
    SwapIntent next =
        intents.save(
            edit(it)
                .status(SwapStatus.SELL_FILLED)
                .sellFilledQty(filled)
                .sellPrice(price)
                .detail(detail));
    log.atInfo()
        .setMessage(LogEvents.SWAP_SELL_FILLED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("symbol", it.sellSymbol())
        .addKeyValue("order_id", done.id())
        .addKeyValue("filled_qty", filled.toPlainString())
        .addKeyValue("price", price.toPlainString())
        .addKeyValue("order_status", done.status())
        .log();
    return StepResult.advanced(next);
  }

  /** Why the purchase could not be made with the sale's proceeds, so the sale is not sent. */
  private Optional<String> unbuyable(SwapIntent it, BrokerPosition position, BigDecimal qty) {
    Optional<Asset> buyAsset = broker.asset(it.buySymbol());
    if (buyAsset.isEmpty() || !buyAsset.get().tradable()) {
      return Optional.of(
          it.buySymbol()
              + (buyAsset.isEmpty() ? " is unknown to the broker" : " is not tradable")
              + "; the sale was not sent, nothing was traded");
    }
    Optional<BigDecimal> sellPrice = position.currentPrice();
    if (sellPrice.isEmpty()) {
      return Optional.empty(); // no estimate: the purchase step judges what the sale freed
    }
    BigDecimal proceeds = qty.multiply(sellPrice.get());
    String selling =
        "selling "
            + qty.toPlainString()
            + " "
            + it.sellSymbol()
            + " at about "
            + sellPrice.get().toPlainString();
    String notSent = "; the sale was not sent, nothing was traded";
    if (buyAsset.get().fractionable()) {
      // The purchase is a notional order of what the sale frees; one below the broker's smallest
      // would fail after the sale, leaving cash where the position was: a half swap. Not started.
      BigDecimal frees = proceeds.setScale(2, RoundingMode.DOWN);
      if (frees.compareTo(settings.minNotional()) < 0) {
        return Optional.of(
            selling
                + " would free about "
                + frees.toPlainString()
                + ", below the smallest notional order "
                + settings.minNotional().toPlainString()
                + " for "
                + it.buySymbol()
                + notSent);
      }
      return Optional.empty();
    }
    Optional<BigDecimal> buyPrice = broker.latestPrice(it.buySymbol());
    if (buyPrice.isPresent() && proceeds.compareTo(buyPrice.get()) < 0) {
      return Optional.of(
          selling
              + " would not buy one whole share of "
              + it.buySymbol()
              + " at "
              + buyPrice.get().toPlainString()
              + " (not fractionable)"
              + notSent);
    }
    return Optional.empty();
  }
}
