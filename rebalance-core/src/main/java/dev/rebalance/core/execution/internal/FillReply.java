package dev.rebalance.core.execution.internal;

import dev.rebalance.api.broker.Order;
import java.math.BigDecimal;

/**
 * What became of a sent order, as {@link OrderDesk#awaitFill} reports it: done with something
 * filled at a known price, done with nothing filled, or not known yet.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface FillReply permits FillReply.Filled, FillReply.NothingFilled, FillReply.Waiting {

  /**
   * The order is done and filled {@code order.filledQty()} at {@code price}.
   *
   * @param order the done order
   * @param price its fills' average price, positive
   */
  record Filled(Order order, BigDecimal price) implements FillReply {
    /** The quantity that filled, positive. */
    BigDecimal qty() {
      return order.filledQty();
    }
  }

  /**
   * The order ended (cancelled, expired, rejected) with nothing filled.
   *
   * @param order the done order
   * @param side "sell" or "buy"
   */
  record NothingFilled(Order order, String side) implements FillReply {
    /** "the sell order ID ended CANCELED with nothing filled", for the failed swap's detail. */
    String describe() {
      return "the "
          + side
          + " order "
          + order.id()
          + " ended "
          + order.status()
          + " with nothing filled";
    }
  }

  /**
   * Whether or at what price the order filled is not known now: the swap's step is pending.
   *
   * @param detail what could not be learned, and that {@code resume()} continues from here
   */
  record Waiting(String detail) implements FillReply {}
}
