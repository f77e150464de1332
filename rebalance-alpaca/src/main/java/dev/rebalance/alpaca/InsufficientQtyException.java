package dev.rebalance.alpaca;

import org.jspecify.annotations.Nullable;

/**
 * Alpaca refused a sell because fewer shares are available than requested (HTTP 403, {@code
 * insufficient qty available for order}), usually because open orders hold the shares. Cancel them,
 * wait, and sell at most {@code qtyAvailable}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class InsufficientQtyException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call, such as {@code "POST /v2/orders"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param detail what went wrong
   * @param cause the underlying failure, or null
   */
  public InsufficientQtyException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(endpoint, httpStatus, alpacaCode, alpacaMessage, detail, cause);
  }
}
