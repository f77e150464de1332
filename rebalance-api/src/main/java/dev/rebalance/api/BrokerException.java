package dev.rebalance.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A broker call failed or the broker refused it. Adapters subclass this with the broker's own
 * details (HTTP status, error code); messages never contain credentials.
 *
 * <p>Every failure says which {@link Kind} it is, because what a caller may do next depends on it:
 * a refusal is final, a transient failure may be retried, and an outcome that is unknown must be
 * resolved by looking the order up — never by sending it again. Adapters retry their own transport
 * failures; the swap executor only resolves unknown outcomes by lookup.
 */
public class BrokerException extends RebalanceException {
  private static final long serialVersionUID = 1L;

  /** What kind of failure it is. */
  public enum Kind {
    /**
     * The broker refused the request and did nothing (buying power, quantity, wash trade, a
     * malformed request): sending it again would be refused again.
     */
    REFUSED,
    /** The request was not carried out and may be tried again later (rate limited, unavailable). */
    TRANSIENT,
    /**
     * It is not known whether the request was carried out (a time-out, a broken connection, a
     * server error after the request was sent): an order may or may not exist.
     */
    OUTCOME_UNKNOWN
  }

  private final Kind kind;

  /**
   * A failure whose outcome is unknown (the safe assumption).
   *
   * @param message what failed
   */
  public BrokerException(String message) {
    this(message, Kind.OUTCOME_UNKNOWN);
  }

  /**
   * A failure whose outcome is unknown (the safe assumption).
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public BrokerException(String message, Throwable cause) {
    this(message, Kind.OUTCOME_UNKNOWN, cause);
  }

  /**
   * A failure of the given kind.
   *
   * @param message what failed
   * @param kind what kind of failure it is
   */
  public BrokerException(String message, Kind kind) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * A failure of the given kind.
   *
   * @param message what failed
   * @param kind what kind of failure it is
   * @param cause the underlying failure, or null
   */
  public BrokerException(String message, Kind kind, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * What kind of failure this is.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }
}
