package dev.rebalance.alpaca;

/**
 * The adapter refused to send an order because Alpaca could not take it as asked, such as a
 * quantity that rounds to zero at Alpaca's 9 decimal places. Nothing was sent; not transient.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class InvalidOrderException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call that was not made, such as {@code "POST /v2/orders"}
   * @param detail what is wrong with the order, naming the field and value
   */
  public InvalidOrderException(String endpoint, String detail) {
    super(endpoint, 0, null, null, detail, null);
  }

  /** Refused before sending: nothing was placed, and sending it again would be refused again. */
  @Override
  public Kind kind() {
    return Kind.REFUSED;
  }
}
