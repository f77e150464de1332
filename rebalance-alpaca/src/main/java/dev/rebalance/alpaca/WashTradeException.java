package dev.rebalance.alpaca;

import org.jspecify.annotations.Nullable;

/**
 * Alpaca refused an order that could trade against the account's own opposite-side open order (HTTP
 * 422 {@code potential wash trade detected}, or 403 {@code cannot open a long buy while a short
 * sell order is open}). Wait for the other order to fill or cancel it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class WashTradeException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call, such as {@code "POST /v2/orders"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param detail what went wrong
   * @param cause the underlying failure, or null
   */
  public WashTradeException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(endpoint, httpStatus, alpacaCode, alpacaMessage, detail, cause);
  }
}
