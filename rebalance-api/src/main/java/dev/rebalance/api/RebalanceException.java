package dev.rebalance.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
   * @param cause the underlying failure, or null
   */
  public RebalanceException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  /**
   * What went wrong; never null, since every constructor takes a message.
   *
   * @return the message
   */
  @Override
  public String getMessage() {
    return Objects.requireNonNullElse(super.getMessage(), "");
  }
}
