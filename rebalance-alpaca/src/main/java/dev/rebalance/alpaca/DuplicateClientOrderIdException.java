package dev.rebalance.alpaca;

import org.jspecify.annotations.Nullable;

/**
 * Alpaca already knows an order with this client order id (HTTP 422, {@code client_order_id must be
 * unique}); client order ids are unique forever, even after a cancel. {@link
 * AlpacaBroker#submitOrder} handles it by returning the existing order.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class DuplicateClientOrderIdException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call, such as {@code "POST /v2/orders"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param detail what went wrong
   * @param cause the underlying failure, or null
   */
  public DuplicateClientOrderIdException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(endpoint, httpStatus, alpacaCode, alpacaMessage, detail, cause);
  }
}
