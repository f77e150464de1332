package dev.rebalance.alpaca;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Alpaca throttled the call (HTTP 429, {@code rate limit exceeded}). {@link #resetAt()} is when
 * Alpaca's per-minute counter resets, from the {@code X-RateLimit-Reset} header. Reads are retried
 * after that time; this exception surfaces only when the attempts are used up.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class RateLimitedException extends AlpacaException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant resetAt;

  /**
   * @param endpoint the call, such as {@code "GET /v2/account"}
   * @param alpacaCode Alpaca's error code, or null
   * @param alpacaMessage Alpaca's message (scrubbed), or null
   * @param resetAt when the rate-limit counter resets, or null when the header was absent
   */
  public RateLimitedException(
      String endpoint,
      @Nullable Long alpacaCode,
      @Nullable String alpacaMessage,
      @Nullable Instant resetAt) {
    super(
        endpoint,
        429,
        alpacaCode,
        alpacaMessage,
        "rate limited" + (resetAt == null ? "" : ", resets at " + resetAt),
        null);
    this.resetAt = resetAt;
  }

  /**
   * When the rate-limit counter resets.
   *
   * @return the reset time from {@code X-RateLimit-Reset}, or empty when absent
   */
  public Optional<Instant> resetAt() {
    return Optional.ofNullable(resetAt);
  }

  @Override
  public boolean isTransient() {
    return true;
  }
}
