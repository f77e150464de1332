package dev.rebalance.alpaca;

import org.jspecify.annotations.Nullable;

/**
 * Alpaca refused a buy for lack of buying power (HTTP 403, {@code insufficient buying power}). Sell
 * orders free buying power only once they fill.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class InsufficientBuyingPowerException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call, such as {@code "POST /v2/orders"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param detail what went wrong
   * @param cause the underlying failure, or null
   */
  public InsufficientBuyingPowerException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(endpoint, httpStatus, alpacaCode, alpacaMessage, detail, cause);
  }
}
