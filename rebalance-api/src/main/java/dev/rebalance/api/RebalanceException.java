package dev.rebalance.api;

/**
 * The root of every exception Rebalance throws. Unchecked: a refusal to swap is never an exception
 * (it is a HOLD on the decision); an exception means something failed.
 */
public class RebalanceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong, naming the thing at fault
   */
  public RebalanceException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong, naming the thing at fault
   * @param cause the underlying failure
   */
  public RebalanceException(String message, Throwable cause) {
    super(message, cause);
  }
}
