package dev.rebalance.alpaca.internal;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.alpaca.AlpacaException;
import dev.rebalance.alpaca.AlpacaTransportException;
import dev.rebalance.alpaca.RateLimitedException;
import dev.rebalance.alpaca.internal.OrderSubmission.Attempt;
import dev.rebalance.alpaca.internal.OrderSubmission.NotPlaced;
import dev.rebalance.api.BrokerException.Kind;
import dev.rebalance.api.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Every retry of the Alpaca adapter in one place: which failures are tried again, how many attempts
 * there are, and how long to wait before the next one.
 *
 * <ul>
 *   <li>{@link #reads()}: idempotent requests (reads, {@code PATCH} of the account configuration,
 *       cancelling) are tried again after a transient failure (429, 5xx, no answer, an unreadable
 *       body), at most {@link AlpacaConfig#maxAttempts()} attempts in all. A refusal ({@link
 *       Kind#REFUSED}) or any other failure ends the call at once.
 *   <li>{@link #submissions()}: an order is sent again only when it is known not to have been
 *       placed: a 429, or a failure after which the lookup by client order id answered 404. Never a
 *       refusal, and never an outcome that stayed unknown (the submission itself throws those); the
 *       same number of attempts.
 *   <li>{@link #reconnects(Duration, Duration, Random)}: the trade-updates stream reconnects after
 *       every lost or failed connection, without limit; the back-off starts over after a connection
 *       that went live.
 * </ul>
 *
 * <p>Waits: after a 429, until Alpaca's {@code X-RateLimit-Reset} (at most 65 s, plus up to 250 ms
 * of jitter); otherwise exponential back-off {@code initial × 2^(attempt-1)}, capped at {@code
 * max}, times a random factor in [0.5, 1).
 *
 * <p><b>How the policies run.</b> They are Failsafe {@link RetryPolicy}s, run by {@link #run}, a
 * thin loop over Failsafe's standalone {@link Execution}: Failsafe records each attempt and decides
 * whether another follows and after what delay; the loop waits that delay through the injected
 * {@link Sleeper} on the calling thread. Not {@code Failsafe.with(policy).get(...)}, whose
 * synchronous executor waits with {@code Thread.sleep} (tests could not replace it), and not the
 * asynchronous API with an inline scheduler, which would run the next attempt inside Failsafe's
 * locks. The delays are computed here, as the policies' delay functions, rather than by Failsafe's
 * own back-off and jitter: Failsafe draws jitter from {@code Math.random()}, the adapter from an
 * injected {@link Random} (seeded in tests), and a 429's wait depends on the injected {@link
 * Clock}. So no test ever sleeps and every delay can be asserted.
 *
 * <p>Thread-safe: the policies are immutable and every {@link #run} has its own execution.
 */
public final class Retries {
  private static final Duration MAX_RESET_WAIT = Duration.ofSeconds(65);
  private static final int RESET_JITTER_MS = 250;

  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;
  private final RetryPolicy<Object> reads;
  private final RetryPolicy<Attempt> submissions;

  /** What to do before the next attempt, such as logging it. */
  @FunctionalInterface
  public interface Listener<R> {
    /**
     * Called once per failed attempt that another attempt follows, before the wait.
     *
     * @param attempt the attempt that failed, from 1
     * @param result its result, or null when it threw
     * @param failure what it threw, or null when its result was the failure
     * @param delay the wait before the next attempt
     */
    void retrying(int attempt, @Nullable R result, @Nullable Throwable failure, Duration delay);
  }

  /**
   * @param config the attempt count and back-off ({@link AlpacaConfig#maxAttempts()}, {@link
   *     AlpacaConfig#initialBackoff()}, {@link AlpacaConfig#maxBackoff()})
   * @param clock the time source for rate-limit resets
   * @param sleeper how to wait
   * @param random the jitter source
   */
  public Retries(AlpacaConfig config, Clock clock, Sleeper sleeper, Random random) {
    this.initialBackoff = config.initialBackoff();
    this.maxBackoff = config.maxBackoff();
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.reads =
        RetryPolicy.builder()
            .handleIf((Object result, Throwable failure) -> retriedRead(failure))
            .withMaxAttempts(config.maxAttempts())
            .withDelayFn(ctx -> delayAfter(ctx.getLastException(), ctx.getAttemptCount()))
            .build();
    this.submissions =
        RetryPolicy.<Attempt>builder()
            .handleIf(
                (Attempt result, Throwable failure) ->
                    failure == null && result instanceof NotPlaced)
            .withMaxAttempts(config.maxAttempts())
            .withDelayFn(ctx -> delayAfter(notPlaced(ctx.getLastResult()), ctx.getAttemptCount()))
            .build();
  }

  /**
   * The policy for idempotent requests; see the class description.
   *
   * @param <T> the result type (the policy looks at failures only)
   * @return the policy
   */
  @SuppressWarnings("unchecked")
  public <T> RetryPolicy<T> reads() {
    return (RetryPolicy<T>) (RetryPolicy<?>) reads;
  }

  /**
   * The policy for order submissions; see the class description.
   *
   * @return the policy
   */
  RetryPolicy<Attempt> submissions() {
    return submissions;
  }

  /**
   * The trade-updates stream's reconnect policy: every end of a connection, with or without a
   * failure, is followed by another connection after {@code initial × 2^(n-1)} capped at {@code
   * max}, times a random factor in [0.5, 1), where {@code n} counts the connections since the last
   * one that went live. No limit on attempts.
   *
   * @param initial the first delay
   * @param max the cap
   * @param random the jitter source
   * @return the policy
   */
  public static RetryPolicy<Object> reconnects(Duration initial, Duration max, Random random) {
    return RetryPolicy.builder()
        .handleIf((Object result, Throwable failure) -> true)
        .withMaxRetries(-1)
        .withDelayFn(ctx -> backoff(initial, max, ctx.getAttemptCount(), random))
        .build();
  }

  /**
   * Runs {@code attempt} under {@code policy}, waiting between attempts through the sleeper.
   *
   * @param policy decides whether another attempt follows and after what delay
   * @param endpoint the call, for the message of an interrupted wait
   * @param attempt one attempt; a {@link RuntimeException} it throws is a failed attempt
   * @param listener told about every attempt that another follows
   * @param <R> the result type
   * @return the last attempt's result (which may be a failure the policy stopped retrying)
   * @throws RuntimeException what the last attempt threw
   * @throws AlpacaTransportException when interrupted while waiting (the flag is restored)
   */
  public <R> R run(
      RetryPolicy<R> policy, String endpoint, Supplier<R> attempt, Listener<R> listener) {
    Execution<R> execution = Execution.of(policy);
    while (true) {
      try {
        execution.recordResult(attempt.get());
      } catch (RuntimeException e) {
        execution.recordException(e);
      }
      Throwable failure = execution.getLastException();
      if (execution.isComplete()) {
        if (failure instanceof RuntimeException) {
          throw (RuntimeException) failure;
        }
        return execution.getLastResult();
      }
      Duration delay = execution.getDelay();
      listener.retrying(execution.getAttemptCount(), execution.getLastResult(), failure, delay);
      pause(endpoint, delay);
    }
  }

  /**
   * Waits through the sleeper; an interrupt becomes a transport failure with the flag restored.
   *
   * @param endpoint for the message
   * @param d how long
   * @throws AlpacaTransportException when interrupted
   */
  public void pause(String endpoint, Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new AlpacaTransportException(endpoint, 0, null, null, "interrupted while waiting", ie);
    }
  }

  /**
   * How long to wait after {@code failure} ended attempt {@code attempt}: until the rate-limit
   * reset after a 429 that names one (at most 65 s, plus up to 250 ms of jitter), else the
   * exponential back-off.
   *
   * @param failure the failure, or null
   * @param attempt the attempt that failed, from 1
   * @return the wait
   */
  Duration delayAfter(@Nullable Throwable failure, int attempt) {
    if (failure instanceof RateLimitedException) {
      Optional<Instant> reset = ((RateLimitedException) failure).resetAt();
      if (reset.isPresent()) {
        Duration until = Duration.between(clock.instant(), reset.get());
        if (until.isNegative()) {
          until = Duration.ZERO;
        }
        if (until.compareTo(MAX_RESET_WAIT) > 0) {
          until = MAX_RESET_WAIT;
        }
        return until.plusMillis(random.nextInt(RESET_JITTER_MS));
      }
    }
    return backoff(initialBackoff, maxBackoff, attempt, random);
  }

  /**
   * Exponential back-off with jitter: {@code initial × 2^(attempt-1)}, capped at {@code max}, times
   * a random factor in [0.5, 1); at least 1 ms.
   *
   * @param initial the first delay
   * @param max the cap
   * @param attempt from 1
   * @param random the jitter source
   * @return the wait
   */
  static Duration backoff(Duration initial, Duration max, int attempt, Random random) {
    long base = initial.toMillis();
    long cap = max.toMillis();
    long exp = attempt >= 31 ? cap : Math.min(cap, base << Math.max(0, attempt - 1));
    double factor = 0.5 + random.nextDouble() * 0.5;
    return Duration.ofMillis(Math.max(1, (long) (exp * factor)));
  }

  /** Reads retry transient failures only; a refusal never, whatever its type says. */
  private static boolean retriedRead(@Nullable Throwable failure) {
    return failure instanceof AlpacaException
        && ((AlpacaException) failure).isTransient()
        && ((AlpacaException) failure).kind() != Kind.REFUSED;
  }

  private static @Nullable AlpacaException notPlaced(@Nullable Attempt result) {
    return result instanceof NotPlaced ? ((NotPlaced) result).failure() : null;
  }
}
