package dev.rebalance.core.execution.internal;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.broker.AccountSnapshot;
import dev.rebalance.api.broker.Asset;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.api.broker.OrderStatus;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.execution.ExecutionOutcome;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.execution.HistoryRecorder;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one swap intent from its recorded status to {@code COMPLETED} or {@code FAILED}, writing
 * every step to the store before the next broker call that depends on it:
 *
 * <pre>
 * INTENT --sell sent--> SELL_SUBMITTED --sell done--> SELL_FILLED --buy sent--> BUY_SUBMITTED
 *   --buy done, history appended--> COMPLETED           (any step) --> FAILED with a detail
 * </pre>
 *
 * <p>Orders carry deterministic client order ids. When a submit fails, the order is looked up by
 * its client order id before anything else; it is sent again only when the broker says it does not
 * know it (and the broker port guarantees a second submit with the same id never makes a second
 * order). When resuming, the look-up comes first for every step that sends an order, so an order
 * sent just before a crash is found, not re-sent. A step that cannot finish now (an order still
 * open after its cancel, the broker unreachable) leaves the intent at its status with a detail and
 * reports {@link ExecutionOutcome#PENDING}.
 *
 * <p>Holds no mutable state of its own; thread-safe as far as its broker and store are.
 */
public final class IntentDriver {
  private static final Logger log = LoggerFactory.getLogger("dev.rebalance.core.execution.SwapExecutor");

  private final Broker broker;
  private final TrackerStore store;
  private final String account;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ExecutionSettings settings;
  private final HistoryRecorder history;

  /**
   * @param broker the broker
   * @param store the store holding intents and history
   * @param account the account id
   * @param clock the time source for deadlines and timestamps
   * @param sleeper how to pause between polls
   * @param settings the tunables
   */
  public IntentDriver(
      Broker broker,
      TrackerStore store,
      String account,
      Clock clock,
      Sleeper sleeper,
      ExecutionSettings settings) {
    this.broker = broker;
    this.store = store;
    this.account = account;
    this.clock = clock;
    this.sleeper = sleeper;
    this.settings = settings;
    this.history = HistoryRecorder.create(store, account);
  }

  /** Thrown inside a step when it cannot finish now; the intent stays open. */
  private static final class Pending extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String detail;

    Pending(String detail) {
      super(detail, null, false, false);
      this.detail = detail;
    }
  }

  /**
   * Drives {@code start} as far as it goes.
   *
   * @param start the intent as stored
   * @param resuming true when the intent comes from an earlier run (orders are looked up by client
   *     order id before any order is sent); false for an intent this process just recorded
   * @return what happened
   */
  public ExecutionResult drive(SwapIntent start, boolean resuming) {
    SwapIntent it = start;
    RebalanceEvent[] event = new RebalanceEvent[1];
    try {
      while (!it.status().isTerminal()) {
        it =
            switch (it.status()) {
              case INTENT -> startSell(it, resuming);
              case SELL_SUBMITTED -> awaitSell(it);
              case SELL_FILLED -> startBuy(it, resuming);
              case BUY_SUBMITTED -> awaitBuy(it, event);
              case COMPLETED, FAILED -> it;
            };
      }
    } catch (Pending p) {
      return pending(it, p.detail);
    } catch (BrokerException e) {
      return pending(
          it, "broker call failed at " + it.status() + ": " + e.getMessage()
              + "; resume() continues from here");
    }
    return result(it, Optional.ofNullable(event[0]));
  }

  /**
   * The result for an intent as it stands, without driving it.
   *
   * @param it the intent
   * @param event the event recorded in this call, if any
   * @return the result
   */
  public static ExecutionResult result(SwapIntent it, Optional<RebalanceEvent> event) {
    ExecutionOutcome outcome =
        switch (it.status()) {
          case COMPLETED -> ExecutionOutcome.COMPLETED;
          case FAILED -> ExecutionOutcome.FAILED;
          default -> ExecutionOutcome.PENDING;
        };
    return ExecutionResult.builder()
        .swapId(it.id())
        .sellSymbol(it.sellSymbol())
        .buySymbol(it.buySymbol())
        .outcome(outcome)
        .detail(it.detail().orElse(it.status().toString()))
        .intent(it)
        .event(event)
        .build();
  }

  // ---- INTENT: send the sale ------------------------------------------------------------------

  private SwapIntent startSell(SwapIntent it, boolean resuming) {
    String cid = SwapIds.sellClientOrderId(it.id());
    if (resuming) {
      Optional<Order> sent = lookup(cid, "sell");
      if (sent.isPresent()) {
        logRecovered(it, sent.get(), "resume");
        return save(
            edit(it).status(SwapStatus.SELL_SUBMITTED)
                .sellOrderId(sent.get().id())
                .detail("sell order found by client order id " + cid + " after a restart"));
      }
      Duration age = Duration.between(it.createdAt(), clock.instant());
      if (age.compareTo(settings.staleAfter()) > 0) {
        return fail(
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
      return fail(it, "no long position in " + it.sellSymbol() + " at the broker; nothing was traded");
    }
    BigDecimal available = position.get().qtyAvailable();
    if (available.signum() <= 0) {
      return fail(
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
    Optional<Asset> buyAsset = broker.asset(it.buySymbol());
    if (buyAsset.isEmpty() || !buyAsset.get().tradable()) {
      return fail(
          it,
          it.buySymbol()
              + (buyAsset.isEmpty() ? " is unknown to the broker" : " is not tradable")
              + "; the sale was not sent, nothing was traded");
    }
    if (!buyAsset.get().fractionable()) {
      Optional<BigDecimal> sellPrice = position.get().currentPrice();
      Optional<BigDecimal> buyPrice = broker.latestPrice(it.buySymbol());
      if (sellPrice.isPresent()
          && buyPrice.isPresent()
          && qty.multiply(sellPrice.get()).compareTo(buyPrice.get()) < 0) {
        return fail(
            it,
            "selling "
                + qty.toPlainString()
                + " "
                + it.sellSymbol()
                + " at about "
                + sellPrice.get().toPlainString()
                + " would not buy one whole share of "
                + it.buySymbol()
                + " at "
                + buyPrice.get().toPlainString()
                + " (not fractionable); the sale was not sent, nothing was traded");
      }
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
    Placement placed = place(it, request);
    if (placed.order().isEmpty()) {
      return fail(
          it,
          "the sell order was rejected: " + placed.error() + "; nothing was traded");
    }
    return save(
        edit(it).status(SwapStatus.SELL_SUBMITTED)
            .sellQty(qty)
            .sellOrderId(placed.order().get().id())
            .detail(note + "; sell order " + placed.order().get().id() + " sent"));
  }

  // ---- SELL_SUBMITTED: wait for the sale --------------------------------------------------------

  private SwapIntent awaitSell(SwapIntent it) {
    Optional<String> orderId = it.sellOrderId();
    if (orderId.isEmpty()) {
      // Recorded as sent without an id (never written by this class): find it or start over.
      return edit(it).status(SwapStatus.INTENT).build();
    }
    Order done = awaitDone(orderId.get(), "sell");
    BigDecimal filled = done.filledQty();
    if (filled.signum() <= 0) {
      return fail(
          it,
          "the sell order "
              + done.id()
              + " ended "
              + done.status()
              + " with nothing filled; nothing was traded");
    }
    BigDecimal price = fillPrice(done, "sell");
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
        save(
            edit(it).status(SwapStatus.SELL_FILLED)
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
    return next;
  }

  // ---- SELL_FILLED: send the purchase -----------------------------------------------------------

  private SwapIntent startBuy(SwapIntent it, boolean resuming) {
    String cid = SwapIds.buyClientOrderId(it.id());
    if (resuming) {
      Optional<Order> sent = lookup(cid, "buy");
      if (sent.isPresent()) {
        logRecovered(it, sent.get(), "resume");
        return save(
            edit(it).status(SwapStatus.BUY_SUBMITTED)
                .buyOrderId(sent.get().id())
                .detail("buy order found by client order id " + cid + " after a restart"));
      }
    }
    BigDecimal soldQty = it.sellFilledQty().orElseThrow();
    BigDecimal freed = soldQty.multiply(it.sellPrice().orElseThrow());
    String saleStands =
        "the sale of "
            + soldQty.toPlainString()
            + " "
            + it.sellSymbol()
            + " at "
            + it.sellPrice().orElseThrow().toPlainString()
            + " stands and its proceeds remain in cash";
    AccountSnapshot acct = broker.account();
    BigDecimal budget = freed.min(acct.buyingPower());
    String budgetNote =
        budget.compareTo(freed) < 0
            ? " (limited by buying power " + acct.buyingPower().toPlainString() + ")"
            : "";
    if (budget.signum() <= 0) {
      return fail(
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
      return fail(
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
        return fail(
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
        return fail(it, "no latest price for " + it.buySymbol() + "; " + saleStands);
      }
      BigDecimal shares = budget.divide(price.get(), 0, RoundingMode.DOWN);
      if (shares.signum() <= 0) {
        return fail(
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
    Placement placed = place(it, request.build());
    if (placed.order().isEmpty()) {
      return fail(it, "the buy order was rejected: " + placed.error() + "; " + saleStands);
    }
    return save(
        edit(it).status(SwapStatus.BUY_SUBMITTED)
            .buyOrderId(placed.order().get().id())
            .detail(sizing + "; buy order " + placed.order().get().id() + " sent"));
  }

  // ---- BUY_SUBMITTED: wait for the purchase, record the history -------------------------------

  private SwapIntent awaitBuy(SwapIntent it, RebalanceEvent[] eventOut) {
    Optional<String> orderId = it.buyOrderId();
    if (orderId.isEmpty()) {
      return edit(it).status(SwapStatus.SELL_FILLED).build();
    }
    Order done = awaitDone(orderId.get(), "buy");
    BigDecimal soldQty = it.sellFilledQty().orElseThrow();
    BigDecimal sellPrice = it.sellPrice().orElseThrow();
    if (done.filledQty().signum() <= 0) {
      return fail(
          it,
          "the buy order "
              + done.id()
              + " ended "
              + done.status()
              + " with nothing filled; the sale of "
              + soldQty.toPlainString()
              + " "
              + it.sellSymbol()
              + " at "
              + sellPrice.toPlainString()
              + " stands and its proceeds remain in cash");
    }
    BigDecimal bought = done.filledQty();
    BigDecimal buyPrice = fillPrice(done, "buy");
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
    if (history.recordOnce(event)) {
      eventOut[0] = event;
    }
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
        save(
            edit(it).status(SwapStatus.COMPLETED)
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
    return completed;
  }

  // ---- orders -----------------------------------------------------------------------------------

  /** An order that was placed (or found), or the broker's last error. */
  private record Placement(Optional<Order> order, String error) {}

  /**
   * Sends an order. A refusal ({@link BrokerException.Kind#REFUSED}) is final: no lookup, no second
   * attempt. A transient failure means it was not placed: it is sent again without a lookup. An
   * unknown outcome is resolved by looking the order up by its client order id before anything
   * else: found means the earlier attempt (or a concurrent one) landed; not found means the broker
   * does not know it, so it may be sent again (the same client order id can never make two orders).
   */
  private Placement place(SwapIntent it, OrderRequest request) {
    String side = request.side() == OrderSide.SELL ? "sell" : "buy";
    String error = "";
    for (int attempt = 1; attempt <= settings.submitAttempts(); attempt++) {
      try {
        Order order = broker.submitOrder(request);
        log.atInfo()
            .setMessage(LogEvents.SWAP_ORDER_SUBMITTED)
            .addKeyValue("account", account)
            .addKeyValue("swap_id", it.id())
            .addKeyValue("side", side)
            .addKeyValue("symbol", request.symbol())
            .addKeyValue("client_order_id", request.clientOrderId())
            .addKeyValue("order_id", order.id())
            .addKeyValue("qty", request.qty().map(BigDecimal::toPlainString).orElse(""))
            .addKeyValue("notional", request.notional().map(BigDecimal::toPlainString).orElse(""))
            .log();
        return new Placement(Optional.of(order), "");
      } catch (BrokerException e) {
        error = e.getMessage();
        if (e.kind() == BrokerException.Kind.REFUSED) {
          // Refused: nothing was placed, and sending it again would be refused again.
          return new Placement(Optional.empty(), error);
        }
        log.atWarn()
            .setMessage(LogEvents.SWAP_ORDER_SUBMIT_FAILED)
            .addKeyValue("account", account)
            .addKeyValue("swap_id", it.id())
            .addKeyValue("side", side)
            .addKeyValue("client_order_id", request.clientOrderId())
            .addKeyValue("attempt", attempt)
            .addKeyValue("error", e.getMessage())
            .log();
        // Transient: the broker says it was not placed (a 429, say): no lookup needed.
        Optional<Order> existing =
            e.kind() == BrokerException.Kind.TRANSIENT
                ? Optional.empty()
                : lookup(request.clientOrderId(), side);
        if (existing.isPresent()) {
          logRecovered(it, existing.get(), "submit_failed");
          return new Placement(existing, "");
        }
        if (attempt < settings.submitAttempts()) {
          pause(settings.pollInterval());
        }
      }
    }
    return new Placement(Optional.empty(), error);
  }

  /**
   * Looks an order up by client order id, retrying failed look-ups. When every attempt fails the
   * order's existence is unknown, so nothing may be sent: the step becomes pending.
   */
  private Optional<Order> lookup(String clientOrderId, String side) {
    BrokerException last = null;
    for (int attempt = 1; attempt <= settings.lookupAttempts(); attempt++) {
      try {
        return broker.orderByClientId(clientOrderId);
      } catch (BrokerException e) {
        last = e;
        if (attempt < settings.lookupAttempts()) {
          pause(settings.pollInterval());
        }
      }
    }
    throw new Pending(
        "could not look up the "
            + side
            + " order by client order id "
            + clientOrderId
            + " ("
            + (last == null ? "no attempt" : last.getMessage())
            + "); nothing more is sent until resume() can check it");
  }

  /**
   * Polls an order until it is done; at the fill deadline asks for a cancel and polls until the
   * cancel deadline. Still open after that: pending.
   */
  private Order awaitDone(String orderId, String side) {
    Optional<Order> seen = poll(orderId, settings.fillTimeout());
    if (seen.isPresent() && seen.get().status().isDone()) {
      return seen.get();
    }
    String cancelError = "";
    try {
      broker.cancelOrder(orderId);
    } catch (BrokerException e) {
      cancelError = e.getMessage();
    }
    log.atWarn()
        .setMessage(LogEvents.SWAP_ORDER_CANCEL_REQUESTED)
        .addKeyValue("account", account)
        .addKeyValue("side", side)
        .addKeyValue("order_id", orderId)
        .addKeyValue("waited", settings.fillTimeout())
        .addKeyValue("error", cancelError)
        .log();
    seen = poll(orderId, settings.cancelTimeout());
    if (seen.isPresent() && seen.get().status().isDone()) {
      return seen.get();
    }
    throw new Pending(
        "the "
            + side
            + " order "
            + orderId
            + (seen.isPresent()
                ? " is still " + seen.get().status()
                : " could not be read from the broker")
            + " after "
            + settings.fillTimeout().plus(settings.cancelTimeout())
            + " and a cancel request; resume() continues from here");
  }

  /**
   * Polls until the order is done or {@code timeout} has passed. Time passed is the larger of what
   * the clock says and what the sleeper slept, so the wait ends with any clock: a frozen or
   * simulated clock with the system sleeper, and a test clock advanced by its own sleeper alike.
   */
  private Optional<Order> poll(String orderId, Duration timeout) {
    Instant start = clock.instant();
    Duration slept = Duration.ZERO;
    Optional<Order> last = Optional.empty();
    while (true) {
      try {
        Optional<Order> o = broker.order(orderId);
        if (o.isPresent()) {
          last = o;
          if (o.get().status().isDone()) {
            return last;
          }
        }
      } catch (BrokerException e) {
        // transient: keep polling until the deadline
      }
      Duration byClock = Duration.between(start, clock.instant());
      Duration waited = byClock.compareTo(slept) > 0 ? byClock : slept;
      if (waited.compareTo(timeout) >= 0) {
        return last;
      }
      pause(settings.pollInterval());
      slept = slept.plus(settings.pollInterval());
    }
  }

  private static BigDecimal fillPrice(Order done, String side) {
    return done.filledAvgPrice()
        .filter(p -> p.signum() > 0)
        .orElseThrow(
            () ->
                new Pending(
                    "the "
                        + side
                        + " order "
                        + done.id()
                        + " filled "
                        + done.filledQty().toPlainString()
                        + " but reports no average price; resume() continues from here"));
  }

  // ---- store and logging --------------------------------------------------------------------

  private SwapIntent save(SwapIntent.Builder next) {
    SwapIntent stamped = next.updatedAt(clock.instant()).build();
    store.putIntent(account, stamped);
    return stamped;
  }

  private static SwapIntent.Builder edit(SwapIntent it) {
    return SwapIntent.builder().from(it);
  }

  private SwapIntent fail(SwapIntent it, String detail) {
    SwapIntent failed = save(edit(it).status(SwapStatus.FAILED).detail(detail));
    log.atWarn()
        .setMessage(LogEvents.SWAP_FAILED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("sell_symbol", it.sellSymbol())
        .addKeyValue("buy_symbol", it.buySymbol())
        .addKeyValue("failed_at", it.status())
        .addKeyValue("detail", detail)
        .log();
    return failed;
  }

  private ExecutionResult pending(SwapIntent it, String detail) {
    SwapIntent stored = it;
    try {
      stored = save(edit(it).detail(detail));
    } catch (RuntimeException e) {
      // the store is failing too; the intent stays as last written
    }
    log.atWarn()
        .setMessage(LogEvents.SWAP_PENDING)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("status", it.status())
        .addKeyValue("detail", detail)
        .log();
    return result(stored, Optional.empty());
  }

  private void logRecovered(SwapIntent it, Order order, String when) {
    log.atInfo()
        .setMessage(LogEvents.SWAP_ORDER_RECOVERED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", it.id())
        .addKeyValue("client_order_id", order.clientOrderId())
        .addKeyValue("order_id", order.id())
        .addKeyValue("order_status", order.status())
        .addKeyValue("when", when)
        .log();
  }

  /** Pauses through the sleeper; an interrupt ends the step with the thread's flag set again. */
  private void pause(Duration duration) {
    try {
      sleeper.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RebalanceException("interrupted while waiting for an order", e);
    }
  }
}
