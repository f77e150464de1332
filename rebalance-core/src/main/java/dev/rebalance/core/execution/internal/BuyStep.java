package dev.rebalance.core.execution.internal;

import static dev.rebalance.core.execution.internal.Intents.edit;

import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.core.execution.HistoryRecorder;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purchase of a swap: from {@code SELL_FILLED} sends the buy order ({@code BUY_SUBMITTED}),
 * spending what the sale freed (filled quantity times average price, capped by buying power): by
 * notional, rounded down to cents, when the asset is fractionable, otherwise in whole shares at the
 * latest price. Then waits for it to be done, appends the history event with the actual fills and
 * completes the intent. Once the sale has happened, every failure says that it stands.
 *
 * <p>Holds no mutable state; thread-safe as far as its broker and store are.
 */
final class BuyStep {
  private static final Logger log = LoggerFactory.getLogger(IntentDriver.LOGGER_NAME);
  private static final String SIDE = "buy";

  private final Broker broker;
  private final OrderDesk orders;
  private final Intents intents;
  private final HistoryRecorder history;
  private final String account;
  private final ExecutionSettings settings;

  BuyStep(
      Broker broker,
      OrderDesk orders,
      Intents intents,
      HistoryRecorder history,
      String account,
      ExecutionSettings settings) {
    this.broker = broker;
    this.orders = orders;
    this.intents = intents;
    this.history = history;
    this.account = account;
    this.settings = settings;
  }

  /**
   * {@code SELL_FILLED}: sizes and sends the purchase. When resuming, looks it up by client order
   * id first; not found, it is always sent (the sale already happened).
   */
  StepResult send(SwapIntent it, boolean resuming) {
    String cid = SwapIds.buyClientOrderId(it.id());
    if (resuming) {
      Optional<StepResult> settled =
          orders.resumeSent(
              it,
              cid,
              SIDE,
              intents,
              (b, o) -> b.status(SwapStatus.BUY_SUBMITTED).buyOrderId(o.id()));
      if (settled.isPresent()) {
        return settled.get();
      }
    }
    BigDecimal soldQty = it.sellFilledQty().orElseThrow();
    BigDecimal freed = soldQty.multiply(it.sellPrice().orElseThrow());
    String saleStands = saleStands(it);
    AccountSnapshot acct = broker.account();
    BigDecimal budget = freed.min(acct.buyingPower());
    String budgetNote =
        budget.compareTo(freed) < 0
            ? " (limited by buying power " + acct.buyingPower().toPlainString() + ")"
            : "";
    if (budget.signum() <= 0) {
      return intents.fail(
          it,
          "no buying power to buy "
              + it.buySymbol()
              + " (buying power "
              + acct.buyingPower().toPlainString()
              + "); "
              + saleStands);
    }
    Optional<Asset> asset = broker.asset(it.buySymbol());
    if (asset.isEmpty() || !asset.get().tradable()) {
      return intents.fail(
          it,
          it.buySymbol()
              + (asset.isEmpty() ? " is unknown to the broker" : " is not tradable")
              + "; "
              + saleStands);
    }
    OrderRequest.Builder request =
        OrderRequest.builder().clientOrderId(cid).symbol(it.buySymbol()).side(OrderSide.BUY);
    String sizing;
    if (asset.get().fractionable()) {
      BigDecimal notional = budget.setScale(2, RoundingMode.DOWN);
      if (notional.compareTo(settings.minNotional()) < 0 || notional.signum() <= 0) {
        return intents.fail(
            it,
            "the "
                + notional.toPlainString()
                + " freed is below the smallest notional order "
                + settings.minNotional().toPlainString()
                + " for "
                + it.buySymbol()
                + "; "
                + saleStands);
      }
      request.notional(notional);
      sizing = "buying " + it.buySymbol() + " for " + notional.toPlainString() + budgetNote;
    } else {
      Optional<BigDecimal> price = broker.latestPrice(it.buySymbol());
      if (price.isEmpty() || price.get().signum() <= 0) {
        return intents.fail(it, "no latest price for " + it.buySymbol() + "; " + saleStands);
      }
      BigDecimal shares = budget.divide(price.get(), 0, RoundingMode.DOWN);
      if (shares.signum() <= 0) {
        return intents.fail(
            it,
            "the "
                + budget.setScale(2, RoundingMode.DOWN).toPlainString()
                + " freed buys no whole share of "
                + it.buySymbol()
                + " at "
                + price.get().toPlainString()
                + " (not fractionable); "
                + saleStands);
      }
      request.qty(shares);
      sizing =
          "buying "
              + shares.toPlainString()
              + " "
              + it.buySymbol()
              + " at about "
              + price.get().toPlainString()
              + budgetNote;
    }
    OrderReply placed = orders.place(it.id(), request.build());
    if (placed instanceof OrderReply.Unknown unknown) {
      return StepResult.pending(unknown.detail());
    }
    if (placed instanceof OrderReply.Absent absent) {
      return intents.fail(it, "the buy order was rejected: " + absent.reason() + "; " + saleStands);
    }
    Order order = ((OrderReply.Present) placed).order();
    return StepResult.advanced(
        intents.save(
            edit(it)
                .status(SwapStatus.BUY_SUBMITTED)
                .buyOrderId(order.id())
                .detail(sizing + "; buy order " + order.id() + " sent")));
  }

  /**
   * {@code BUY_SUBMITTED}: waits for the purchase, appends the history event once (a crash between
   * the two writes never doubles it) and completes the intent.
   */
  StepResult await(SwapIntent it) {
    Optional<String> orderId = it.buyOrderId();
    if (orderId.isEmpty()) {
      return StepResult.advanced(edit(it).status(SwapStatus.SELL_FILLED).build());
    }
    FillReply reply = orders.awaitFill(orderId.get(), SIDE);
    if (reply instanceof FillReply.Waiting waiting) {
      return StepResult.pending(waiting.detail());
    }
    if (reply instanceof FillReply.NothingFilled nothing) {
      return intents.fail(it, nothing.describe() + "; " + saleStands(it));
    }
    FillReply.Filled fill = (FillReply.Filled) reply;
    Order done = fill.order();
    BigDecimal soldQty = it.sellFilledQty().orElseThrow();
    BigDecimal sellPrice = it.sellPrice().orElseThrow();
    BigDecimal bought = fill.qty();
    BigDecimal buyPrice = fill.price();
    RebalanceEvent.Builder eb =
        RebalanceEvent.builder()
            .timestamp(it.createdAt())
            .oldSymbol(it.sellSymbol())
            .newSymbol(it.buySymbol())
            .oldScore(it.oldScore())
            .newScore(it.newScore())
            .soldQty(soldQty)
            .sellPrice(sellPrice)
            .boughtQty(bought)
            .buyPrice(buyPrice);
    if (it.sellFraction().signum() > 0 && it.sellFraction().compareTo(BigDecimal.ONE) <= 0) {
      eb.sellFraction(it.sellFraction());
    }
    RebalanceEvent event = eb.swapId(it.id()).build();
    Optional<RebalanceEvent> recorded =
        history.recordOnce(event) ? Optional.of(event) : Optional.empty();
    String detail =
        "sold "
            + soldQty.toPlainString()
            + " "
            + it.sellSymbol()
            + " at "
            + sellPrice.toPlainString()
            + ", bought "
            + bought.toPlainString()
            + " "
            + it.buySymbol()
            + " at "
            + buyPrice.toPlainString()
            + (done.status() == OrderStatus.FILLED
                ? ""
                : " (buy order " + done.status() + " after a partial fill)");
    SwapIntent completed =
        intents.save(
            edit(it)
                .status(SwapStatus.COMPLETED)
                .buyFilledQty(bought)
                .buyPrice(buyPrice)
                .detail(detail));
    log.atInfo()
        .setMessage(LogEvents.SWAP_COMPLETED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("sell_symbol", it.sellSymbol())
        .addKeyValue("buy_symbol", it.buySymbol())
        .addKeyValue("sold_qty", soldQty.toPlainString())
        .addKeyValue("bought_qty", bought.toPlainString())
        .log();
    return new StepResult.Advanced(completed, recorded);
  }

  private static String saleStands(SwapIntent it) {
    return "the sale of "
        + it.sellFilledQty().orElseThrow().toPlainString()
        + " "
        + it.sellSymbol()
        + " at "
        + it.sellPrice().orElseThrow().toPlainString()
        + " stands and its proceeds remain in cash";
  }
}
