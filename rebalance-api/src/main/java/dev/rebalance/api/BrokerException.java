package dev.rebalance.api;

/**
 * A broker call failed or the broker refused it. Adapters subclass this with the broker's own
 * details (HTTP status, error code); messages never contain credentials.
 */
public class BrokerException extends RebalanceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed
   */
  public BrokerException(String message) {
    super(message);
  }

  /**
   * @param message what failed
   * @param cause the underlying failure
   */
  public BrokerException(String message, Throwable cause) {
    super(message, cause);
  }
}
