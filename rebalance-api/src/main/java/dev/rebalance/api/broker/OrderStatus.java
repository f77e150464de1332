package dev.rebalance.api.broker;

/** An order's lifecycle, reduced to what a swap needs to know. */
public enum OrderStatus {
  /** Accepted and working (new, accepted, pending, held). */
  OPEN,
  /** Partly filled and still working. */
  PARTIALLY_FILLED,
  /** Completely filled. Terminal. */
  FILLED,
  /** Canceled, possibly after a partial fill. Terminal. */
  CANCELED,
  /** Expired, possibly after a partial fill. Terminal. */
  EXPIRED,
  /** Rejected by the broker. Terminal. */
  REJECTED;

  /** Whether the order will not fill any further. */
  public boolean isDone() {
    return this == FILLED || this == CANCELED || this == EXPIRED || this == REJECTED;
  }
}
