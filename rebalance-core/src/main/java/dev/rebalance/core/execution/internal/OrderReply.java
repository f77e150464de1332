package dev.rebalance.core.execution.internal;

import dev.rebalance.api.broker.Order;

/**
 * The broker's answer about one order, as {@link OrderDesk} reports it: the order, no order (with
 * the reason), or no answer at all, in which case nothing more may be sent until a later look-up
 * tells.
 *
 * <p>Immutable and thread-safe.
 */
sealed interface OrderReply permits OrderReply.Present, OrderReply.Absent, OrderReply.Unknown {

  /**
   * The order exists (placed now, or found by its client order id, or done).
   *
   * @param order the order as the broker reports it
   */
  record Present(Order order) implements OrderReply {}

  /**
   * There is no such order: the broker does not know it, or refused it.
   *
   * @param reason the broker's words, or empty when it simply does not know the order
   */
  record Absent(String reason) implements OrderReply {}

  /**
   * Whether the order exists, or what state it is in, is not known now: the swap's step is pending.
   *
   * @param detail what could not be learned, and that {@code resume()} continues from here
   */
  record Unknown(String detail) implements OrderReply {}
}
