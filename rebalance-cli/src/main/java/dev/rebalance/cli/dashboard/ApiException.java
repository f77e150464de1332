package dev.rebalance.cli.dashboard;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A refused API request: the HTTP status and the message sent as {@code {"error": ...}}. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final @Nullable String allow;

  ApiException(int status, String message) {
    this(status, message, null);
  }

  ApiException(int status, String message, @Nullable String allow) {
    super(message, null, false, false);
    this.status = status;
    this.allow = allow;
  }

  /** The message sent to the client; never null, since every constructor takes one. */
  @Override
  public String getMessage() {
    return Objects.requireNonNullElse(super.getMessage(), "");
  }
}
