package dev.rebalance.alpaca;

import org.jspecify.annotations.Nullable;

/**
 * Alpaca failed with a server error (HTTP 5xx). Reads are retried; an order submission is never
 * resent before the order was looked up by its client order id.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AlpacaServerException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call, such as {@code "POST /v2/orders"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param detail what went wrong
   * @param cause the underlying failure, or null
   */
  public AlpacaServerException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(endpoint, httpStatus, alpacaCode, alpacaMessage, detail, cause);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
