package dev.rebalance.alpaca;

import dev.rebalance.api.BrokerException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * An Alpaca call failed or Alpaca refused it. Carries the endpoint ({@code "POST /v2/orders"}), the
 * HTTP status (absent for a failure without a response, such as a time-out), and Alpaca's numeric
 * error code and message when the body had them. Subclasses name the refusals a bot handles
 * differently; the rest (a 401, a validation 422, ...) are plain {@code AlpacaException}s.
 *
 * <p>Messages never contain the API keys: response bodies are trimmed and scrubbed first.
 *
 * <p>Instances are immutable and thread-safe.
 */
public class AlpacaException extends BrokerException {
  private static final long serialVersionUID = 1L;

  private final String endpoint;
  private final int httpStatus;
  private final long alpacaCode;
  private final boolean hasCode;
  private final @Nullable String alpacaMessage;

  /**
   * @param endpoint the call, such as {@code "GET /v2/account"}
   * @param httpStatus the HTTP status, or 0 when there was no response
   * @param alpacaCode Alpaca's error code, or null when absent
   * @param alpacaMessage Alpaca's error message (already scrubbed), or null when absent
   * @param detail what went wrong, for the exception message
   * @param cause the underlying failure, or null
   */
  public AlpacaException(
      String endpoint,
      int httpStatus,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      String detail,
      @Nullable Throwable cause) {
    super(format(endpoint, httpStatus, alpacaCode, detail), kindOf(httpStatus), cause);
    this.endpoint = endpoint;
    this.httpStatus = httpStatus;
    this.hasCode = alpacaCode != null;
    this.alpacaCode = alpacaCode == null ? 0 : alpacaCode;
    this.alpacaMessage = alpacaMessage;
  }

  /**
   * The port's failure kind for an HTTP status: a 4xx answer (other than 408 and 429) is Alpaca
   * refusing the request and doing nothing; a 429 was not carried out; anything else (no answer, a
   * 5xx, an unreadable 200) leaves the outcome unknown.
   */
  static Kind kindOf(int httpStatus) {
    if (httpStatus == 429) {
      return Kind.TRANSIENT;
    }
    if (httpStatus >= 400 && httpStatus < 500 && httpStatus != 408) {
      return Kind.REFUSED;
    }
    return Kind.OUTCOME_UNKNOWN;
  }

  private static String format(String endpoint, int status, @Nullable Long code, String detail) {
    StringBuilder sb = new StringBuilder(endpoint);
    if (status > 0) {
      sb.append(" returned HTTP ").append(status);
    } else {
      sb.append(" failed");
    }
    if (code != null) {
      sb.append(" (code ").append(code).append(')');
    }
    return sb.append(": ").append(detail).toString();
  }

  /**
   * The call that failed.
   *
   * @return the method and path template, such as {@code "GET /v2/orders/{id}"}
   */
  public String endpoint() {
    return endpoint;
  }

  /**
   * The HTTP status.
   *
   * @return the status, or empty when no response arrived
   */
  public OptionalInt httpStatus() {
    return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
  }

  /**
   * Alpaca's numeric error code ({@code 40310000}).
   *
   * @return the code, or empty when the body had none
   */
  public OptionalLong alpacaCode() {
    return hasCode ? OptionalLong.of(alpacaCode) : OptionalLong.empty();
  }

  /**
   * Alpaca's error message, trimmed.
   *
   * @return the message, or empty when the body had none
   */
  public Optional<String> alpacaMessage() {
    return Optional.ofNullable(alpacaMessage);
  }

  /**
   * Whether retrying the same request later may succeed (rate limited, server error, time-out,
   * malformed body). Refusals (403, 422) and not-found are not retryable.
   *
   * @return true for transient failures
   */
  public boolean isTransient() {
    return false;
  }
}
