package dev.rebalance.api;

/**
 * A configuration value, or an input such as a scenario file, is invalid. The message names the
 * field, the value and the allowed range: {@code sellFraction must be in (0, 1], was 1.5}.
 */
public class InvalidConfigException extends RebalanceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message names the field, the value and the allowed range
   */
  public InvalidConfigException(String message) {
    super(message);
  }

  /**
   * @param message names the field, the value and the allowed range
   * @param cause the underlying failure
   */
  public InvalidConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
