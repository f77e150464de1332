package dev.rebalance.core.execution.internal;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Order;
import dev.rebalance.api.broker.OrderRequest;
import dev.rebalance.api.broker.OrderSide;
import dev.rebalance.core.log.LogEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The swap executor's orders at the broker: sends one, looks one up by client order id, waits for
 * one to be done. Answers are {@link OrderReply} values, never exceptions.
 *
 * <p>There is one retry layer, the adapter's: a {@link Broker} retries its own transport failures
 * before it throws, so a broker call that fails here is not tried again here. What each failure
 * means follows {@link BrokerException.Kind}:
 *
 * <ul>
 *   <li>a look-up (by client order id, or of an order's state while waiting) that fails answers
 *       {@link OrderReply.Unknown}: one call, then the step is pending and {@code resume()} looks
 *       again later;
 *   <li>a {@code REFUSED} submit is final: one call, no look-up, never sent again;
 *   <li>a {@code TRANSIENT} submit was certainly not placed: it may be sent again without a
 *       look-up, at most {@code submitAttempts} sends in all;
 *   <li>an {@code OUTCOME_UNKNOWN} submit is resolved by one look-up by client order id: found
 *       means it landed; not found means the broker does not know it, so it may be sent again (the
 *       same client order id can never make two orders); a look-up that fails leaves it unknown and
 *       nothing more is sent.
 * </ul>
 *
 * <p>Holds no mutable state; thread-safe as far as its broker is.
 */
final class OrderDesk {
  private static final Logger log = LoggerFactory.getLogger(IntentDriver.LOGGER_NAME);

  private final Broker broker;
  private final String account;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ExecutionSettings settings;

  OrderDesk(
      Broker broker, String account, Clock clock, Sleeper sleeper, ExecutionSettings settings) {
    this.broker = broker;
    this.account = account;
    this.clock = clock;
    this.sleeper = sleeper;
    this.settings = settings;
  }

  /**
   * Sends an order for a swap, as the class describes: a refusal or a transient failure on every
   * attempt is {@link OrderReply.Absent} with the broker's last words; an unknown outcome that one
   * look-up cannot resolve is {@link OrderReply.Unknown}.
   *
   * @param swapId the swap the order belongs to
   * @param request the order, with its deterministic client order id
   * @return the order placed (or found), none, or unknown
   */
  OrderReply place(String swapId, OrderRequest request) {
    String side = side(request.side());
    String error = "";
    for (int attempt = 1; attempt <= settings.submitAttempts(); attempt++) {
      try {
        Order order = broker.submitOrder(request);
        log.atInfo()
            .setMessage(LogEvents.SWAP_ORDER_SUBMITTED)
            .addKeyValue("account", account)
            .addKeyValue("swap_id", swapId)
            .addKeyValue("side", side)
            .addKeyValue("symbol", request.symbol())
            .addKeyValue("client_order_id", request.clientOrderId())
            .addKeyValue("order_id", order.id())
            .addKeyValue("qty", request.qty().map(BigDecimal::toPlainString).orElse(""))
            .addKeyValue("notional", request.notional().map(BigDecimal::toPlainString).orElse(""))
            .log();
        return new OrderReply.Present(order);
      } catch (BrokerException e) {
        error = e.getMessage();
        if (e.kind() == BrokerException.Kind.REFUSED) {
          // Refused: nothing was placed, and sending it again would be refused again.
          return new OrderReply.Absent(error);
        }
        log.atWarn()
            .setMessage(LogEvents.SWAP_ORDER_SUBMIT_FAILED)
            .addKeyValue("account", account)
            .addKeyValue("swap_id", swapId)
            .addKeyValue("side", side)
            .addKeyValue("client_order_id", request.clientOrderId())
            .addKeyValue("attempt", attempt)
            .addKeyValue("error", e.getMessage())
            .log();
        if (e.kind() == BrokerException.Kind.OUTCOME_UNKNOWN) {
          // It may have landed: only a look-up may decide whether it is sent again.
          OrderReply existing = lookup(request.clientOrderId(), side);
          if (existing instanceof OrderReply.Present found) {
            recovered(swapId, found.order(), "submit_failed");
            return existing;
          }
          if (existing instanceof OrderReply.Unknown) {
            return existing;
          }
        }
        // Transient, or unknown to the broker: it was not placed and may be sent again.
        if (attempt < settings.submitAttempts()) {
          pause(settings.pollInterval());
        }
      }
    }
    return new OrderReply.Absent(error);
  }

  /**
   * Looks an order up by client order id, once: the adapter has already retried its transport, so a
   * failure means the broker cannot tell now and nothing may be sent.
   *
   * @param clientOrderId the order's client order id
   * @param side "sell" or "buy", for the detail
   * @return the order, none, or unknown
   */
  OrderReply lookup(String clientOrderId, String side) {
    try {
      Optional<Order> order = broker.orderByClientId(clientOrderId);
      return order.isPresent() ? new OrderReply.Present(order.get()) : new OrderReply.Absent("");
    } catch (BrokerException e) {
      return new OrderReply.Unknown(
          "could not look up the "
              + side
              + " order by client order id "
              + clientOrderId
              + " ("
              + e.getMessage()
              + "); nothing more is sent until resume() can check it");
    }
  }

  /**
   * Polls an order until it is done; at the fill deadline asks for a cancel and polls until the
   * cancel deadline. Still open after that, or a read that fails: {@link OrderReply.Unknown}.
   *
   * @param orderId the broker's order id
   * @param side "sell" or "buy", for the detail
   * @return the order when done, or unknown
   */
  OrderReply awaitDone(String orderId, String side) {
    OrderReply seen = poll(orderId, side, settings.fillTimeout());
    if (seen instanceof OrderReply.Unknown || isDone(seen)) {
      return seen;
    }
    String cancelError = "";
    try {
      broker.cancelOrder(orderId);
    } catch (BrokerException e) {
      // The poll below shows whether the order ended anyway.
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
    seen = poll(orderId, side, settings.cancelTimeout());
    if (seen instanceof OrderReply.Unknown || isDone(seen)) {
      return seen;
    }
    return new OrderReply.Unknown(
        "the "
            + side
            + " order "
            + orderId
            + (seen instanceof OrderReply.Present open
                ? " is still " + open.order().status()
                : " could not be read from the broker")
            + " after "
            + settings.fillTimeout().plus(settings.cancelTimeout())
            + " and a cancel request; resume() continues from here");
  }

  /**
   * When resuming a step: looks its order up by client order id. Returns the step's result when the
   * look-up settles it — pending when the order's existence is unknown, advanced to {@code
   * submitted} when it was sent before the restart — or empty when it was never sent.
   *
   * @param it the intent being resumed
   * @param clientOrderId the step's client order id
   * @param side "sell" or "buy", for messages
   * @param intents where the advanced intent is saved
   * @param submitted marks the intent as submitted with the order found
   * @return the settled result, or empty to send the order now
   */
  Optional<StepResult> resumeSent(
      SwapIntent it,
      String clientOrderId,
      String side,
      Intents intents,
      BiFunction<SwapIntent.Builder, Order, SwapIntent.Builder> submitted) {
    OrderReply sent = lookup(clientOrderId, side);
    if (sent instanceof OrderReply.Unknown unknown) {
      return Optional.of(StepResult.pending(unknown.detail()));
    }
    if (sent instanceof OrderReply.Present found) {
      recovered(it.id(), found.order(), "resume");
      String detail =
          side + " order found by client order id " + clientOrderId + " after a restart";
      return Optional.of(
          StepResult.advanced(
              intents.save(submitted.apply(Intents.edit(it), found.order()).detail(detail))));
    }
    return Optional.empty();
  }

  /**
   * Logs that an order was found by its client order id instead of being sent (again).
   *
   * @param swapId the swap
   * @param order the order found
   * @param when {@code resume} or {@code submit_failed}
   */
  void recovered(String swapId, Order order, String when) {
    log.atInfo()
        .setMessage(LogEvents.SWAP_ORDER_RECOVERED)
        .addKeyValue("account", account)
        .addKeyValue("swap_id", swapId)
        .addKeyValue("client_order_id", order.clientOrderId())
        .addKeyValue("order_id", order.id())
        .addKeyValue("order_status", order.status())
        .addKeyValue("when", when)
        .log();
  }

  /**
   * Waits for a sent order as {@link #awaitDone} does, then says what filled: a done order with a
   * positive quantity and a positive average price is {@link FillReply.Filled}; one with nothing
   * filled is {@link FillReply.NothingFilled}; no answer, or fills without an average price, is
   * {@link FillReply.Waiting}.
   *
   * @param orderId the broker's order id
   * @param side "sell" or "buy", for the details
   * @return what became of the order
   */
  FillReply awaitFill(String orderId, String side) {
    OrderReply reply = awaitDone(orderId, side);
    if (!(reply instanceof OrderReply.Present present)) {
      return new FillReply.Waiting(
          reply instanceof OrderReply.Unknown unknown
              ? unknown.detail()
              : "the "
                  + side
                  + " order "
                  + orderId
                  + " could not be read from the broker"
                  + "; resume() continues from here");
    }
    Order done = present.order();
    if (done.filledQty().signum() <= 0) {
      return new FillReply.NothingFilled(done, side);
    }
    Optional<BigDecimal> price = done.filledAvgPrice().filter(p -> p.signum() > 0);
    if (price.isEmpty()) {
      return new FillReply.Waiting(
          "the "
              + side
              + " order "
              + done.id()
              + " filled "
              + done.filledQty().toPlainString()
              + " but reports no average price; resume() continues from here");
    }
    return new FillReply.Filled(done, price.get());
  }

  /**
   * Polls until the order is done or {@code timeout} has passed. Time passed is the larger of what
   * the clock says and what the sleeper slept, so the wait ends with any clock: a frozen or
   * simulated clock with the system sleeper, and a test clock advanced by its own sleeper alike. A
   * read that fails ends the wait: the broker cannot tell now.
   *
   * @return the order as last seen, absent when the broker never reported it, or unknown
   */
  private OrderReply poll(String orderId, String side, Duration timeout) {
    Instant start = clock.instant();
    Duration slept = Duration.ZERO;
    OrderReply last = new OrderReply.Absent("");
    while (true) {
      try {
        Optional<Order> o = broker.order(orderId);
        if (o.isPresent()) {
          last = new OrderReply.Present(o.get());
          if (o.get().status().isDone()) {
            return last;
          }
        }
      } catch (BrokerException e) {
        return new OrderReply.Unknown(
            "could not read the "
                + side
                + " order "
                + orderId
                + " from the broker ("
                + e.getMessage()
                + "); resume() continues from here");
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

  private static boolean isDone(OrderReply reply) {
    return reply instanceof OrderReply.Present p && p.order().status().isDone();
  }

  private static String side(OrderSide side) {
    return side == OrderSide.SELL ? "sell" : "buy";
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
