package dev.rebalance.alpaca.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: {@code capacity} tokens, refilled continuously at {@code capacity} per minute.
 * {@link #reserve()} takes a token and says how long the caller must wait before using it (zero
 * while tokens remain), so callers wait outside the lock and concurrent callers queue up fairly.
 * Time comes from the injected clock only.
 *
 * <p>Thread-safe.
 */
public final class TokenBucket {
  private final Clock clock;
  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private Instant last;

  /**
   * @param perMinute tokens per minute, also the burst capacity
   * @param clock the time source
   */
  public TokenBucket(int perMinute, Clock clock) {
    this.clock = clock;
    this.capacity = perMinute;
    this.tokensPerNano = perMinute / (double) Duration.ofMinutes(1).toNanos();
    this.tokens = perMinute;
    this.last = clock.instant();
  }

  /**
   * Takes one token.
   *
   * @return how long to wait before sending; zero when a token was available
   */
  public synchronized Duration reserve() {
    Instant now = clock.instant();
    if (now.isAfter(last)) {
      long nanos = Duration.between(last, now).toNanos();
      tokens = Math.min(capacity, tokens + nanos * tokensPerNano);
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
  }

  /**
   * Tokens left now (may be negative while callers wait); for tests and metrics.
   *
   * @return the token count
   */
  public synchronized double available() {
    return tokens;
  }
}
