package dev.rebalance.api;

/**
 * A {@link dev.rebalance.api.spi.TrackerStore} could not read or write its state: an I/O or SQL
 * failure (kept as the cause), a corrupt file (the message names the file and the line), or a
 * schema newer than this version understands.
 */
public class TrackerStoreException extends RebalanceException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what failed, naming the store and the thing at fault
   */
  public TrackerStoreException(String message) {
    super(message);
  }

  /**
   * @param message what failed, naming the store and the thing at fault
   * @param cause the underlying failure
   */
  public TrackerStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
