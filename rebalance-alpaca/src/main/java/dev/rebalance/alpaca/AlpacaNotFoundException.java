package dev.rebalance.alpaca;

import org.jspecify.annotations.Nullable;

/**
 * The thing asked for does not exist (HTTP 404): an unknown order id, a position not held, an
 * unknown symbol. The broker-port methods turn it into {@code Optional.empty()}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class AlpacaNotFoundException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  /**
   * @param endpoint the call, such as {@code "POST /v2/orders"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param detail what went wrong
   * @param cause the underlying failure, or null
   */
  public AlpacaNotFoundException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(endpoint, httpStatus, alpacaCode, alpacaMessage, detail, cause);
  }
}
