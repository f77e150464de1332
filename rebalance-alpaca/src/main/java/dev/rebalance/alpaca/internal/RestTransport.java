package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.alpaca.AlpacaException;
import dev.rebalance.alpaca.AlpacaNotFoundException;
import dev.rebalance.alpaca.AlpacaServerException;
import dev.rebalance.alpaca.AlpacaTransportException;
import dev.rebalance.alpaca.DuplicateClientOrderIdException;
import dev.rebalance.alpaca.InsufficientBuyingPowerException;
import dev.rebalance.alpaca.InsufficientQtyException;
import dev.rebalance.alpaca.MalformedResponseException;
import dev.rebalance.alpaca.RateLimitedException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.alpaca.WashTradeException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Alpaca REST client's transport: adds the key headers, takes a token from the client's
 * bucket before every request, maps error responses to typed exceptions (trimmed, scrubbed of the
 * keys), and retries reads on transient failures with exponential back-off and jitter, waiting for
 * {@code X-RateLimit-Reset} after a 429. Writes are sent once; callers decide what a failure means.
 *
 * <p>Thread-safe.
 */
public final class RestTransport {
  private static final Logger LOG = LoggerFactory.getLogger(RestTransport.class);
  private static final int MAX_DETAIL = 300;
  private static final Duration MAX_RESET_WAIT = Duration.ofSeconds(65);

  private final AlpacaConfig config;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;
  private final TokenBucket bucket;
  private final Scrubber scrubber;
  private final AtomicLong requests = new AtomicLong();

  /** A request: method, URL, the endpoint template for messages, and an optional JSON body. */
  public record Call(String method, URI uri, String endpoint, @Nullable String body) {}

  /**
   * @param config keys, limits and time-outs
   * @param http the HTTP client
   * @param clock the time source for the bucket and rate-limit resets
   * @param sleeper how to wait
   * @param random jitter source
   */
  public RestTransport(AlpacaConfig config, HttpClient http, Clock clock, Sleeper sleeper, Random random) {
    this.config = config;
    this.http = http;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
    this.bucket = new TokenBucket(config.requestsPerMinute(), clock);
    this.scrubber = new Scrubber(config.keyId(), config.secretKey());
  }

  /**
   * The HTTP client this transport sends with (the stream opens its WebSocket with it).
   *
   * @return the client
   */
  public HttpClient http() {
    return http;
  }

  /**
   * Requests sent so far (every attempt counts).
   *
   * @return the count
   */
  public long requestCount() {
    return requests.get();
  }

  /**
   * The client's token bucket.
   *
   * @return the bucket
   */
  public TokenBucket bucket() {
    return bucket;
  }

  /**
   * Sends once and parses the 2xx body.
   *
   * @param call the request
   * @param type the body type; null to ignore the body
   * @param <T> the body type
   * @return the parsed body, or null when {@code type} is null
   * @throws AlpacaException on any failure
   */
  public <T> @Nullable T once(Call call, @Nullable JavaType type) {
    String body = exchange(call);
    return type == null ? null : parse(call, body, type);
  }

  /**
   * Sends with retries on transient failures (429, 5xx, time-outs, malformed bodies), at most
   * {@link AlpacaConfig#maxAttempts()} attempts. Only for idempotent requests.
   *
   * @param call the request
   * @param type the body type; null to ignore the body
   * @param <T> the body type
   * @return the parsed body, or null when {@code type} is null
   * @throws AlpacaException the last failure when attempts are used up, or a non-transient one
   */
  public <T> @Nullable T withRetry(Call call, @Nullable JavaType type) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(call, type);
      } catch (AlpacaException e) {
        if (!e.isTransient() || attempt >= config.maxAttempts()) {
          throw e;
        }
        Duration wait = retryDelay(e, attempt);
        LOG.atInfo()
            .setMessage(AlpacaLogEvents.REQUEST_RETRY)
            .addKeyValue("endpoint", call.endpoint())
            .addKeyValue("attempt", attempt)
            .addKeyValue("error", e.getClass().getSimpleName())
            .addKeyValue("http_status", e.httpStatus().orElse(0))
            .addKeyValue("delay_ms", wait.toMillis())
            .log();
        sleep(call.endpoint(), wait);
      }
    }
  }

  /**
   * How long to wait before attempt {@code attempt + 1}: until the rate-limit reset after a 429
   * (plus a little jitter), else exponential back-off with jitter.
   *
   * @param e the failure
   * @param attempt the attempt that failed, from 1
   * @return the wait
   */
  public Duration retryDelay(AlpacaException e, int attempt) {
    if (e instanceof RateLimitedException) {
      Optional<Instant> reset = ((RateLimitedException) e).resetAt();
      if (reset.isPresent()) {
        Duration until = Duration.between(clock.instant(), reset.get());
        if (until.isNegative()) {
          until = Duration.ZERO;
        }
        if (until.compareTo(MAX_RESET_WAIT) > 0) {
          until = MAX_RESET_WAIT;
        }
        return until.plusMillis(random.nextInt(250));
      }
    }
    return backoff(attempt);
  }

  /**
   * Exponential back-off with jitter: {@code initialBackoff * 2^(attempt-1)}, capped at {@code
   * maxBackoff}, scaled by a random factor in [0.5, 1).
   *
   * @param attempt from 1
   * @return the wait
   */
  public Duration backoff(int attempt) {
    long base = config.initialBackoff().toMillis();
    long cap = config.maxBackoff().toMillis();
    long exp = attempt >= 31 ? cap : Math.min(cap, base << Math.max(0, attempt - 1));
    double factor = 0.5 + random.nextDouble() * 0.5;
    return Duration.ofMillis(Math.max(1, (long) (exp * factor)));
  }

  /**
   * Waits through the sleeper; an interrupt becomes a transport failure with the flag restored.
   *
   * @param endpoint for the message
   * @param d how long
   */
  public void sleep(String endpoint, Duration d) {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new AlpacaTransportException(endpoint, 0, null, null, "interrupted while waiting", ie);
    }
  }

  private String exchange(Call call) {
    Duration wait = bucket.reserve();
    if (!wait.isZero()) {
      LOG.atDebug()
          .setMessage(AlpacaLogEvents.RATE_LIMIT_WAIT)
          .addKeyValue("endpoint", call.endpoint())
          .addKeyValue("delay_ms", wait.toMillis())
          .log();
      sleep(call.endpoint(), wait);
    }
    HttpRequest.Builder rb =
        HttpRequest.newBuilder(call.uri())
            .timeout(config.requestTimeout())
            .header("APCA-API-KEY-ID", config.keyId())
            .header("APCA-API-SECRET-KEY", config.secretKey())
            .header("Accept", "application/json");
    if (call.body() != null) {
      rb.header("Content-Type", "application/json")
          .method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
    } else {
      rb.method(call.method(), HttpRequest.BodyPublishers.noBody());
    }
    requests.incrementAndGet();
    HttpResponse<String> response;
    try {
      response = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new AlpacaTransportException(
          call.endpoint(), 0, null, null, "timed out after " + config.requestTimeout(), e);
    } catch (IOException e) {
      throw new AlpacaTransportException(
          call.endpoint(), 0, null, null, "no response: " + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + scrub(e.getMessage())), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlpacaTransportException(call.endpoint(), 0, null, null, "interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body() == null ? "" : response.body();
    }
    throw error(call.endpoint(), status, response.body(), response.headers().firstValue("X-RateLimit-Reset"));
  }

  private <T> T parse(Call call, String body, JavaType type) {
    if (body.isBlank()) {
      throw new MalformedResponseException(call.endpoint(), 200, null, null, "empty body, expected JSON", null);
    }
    try {
      T value = AlpacaJson.mapper().readValue(body, type);
      if (value == null) {
        throw new MalformedResponseException(call.endpoint(), 200, null, null, "body is JSON null", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(
          call.endpoint(), 200, null, null,
          "malformed JSON body (" + scrub(trim(e.getOriginalMessage())) + ")", null);
    }
  }

  /**
   * Maps an error response to its typed exception.
   *
   * @param endpoint the call
   * @param status the HTTP status
   * @param body the response body (may be empty)
   * @param resetHeader the {@code X-RateLimit-Reset} header, epoch seconds
   * @return the exception to throw
   */
  public AlpacaException error(String endpoint, int status, @Nullable String body, Optional<String> resetHeader) {
    Long code = null;
    String message = null;
    String raw = body == null ? "" : body.strip();
    if (!raw.isEmpty()) {
      try {
        Wire.Error err = AlpacaJson.mapper().readValue(raw, Wire.Error.class);
        if (err != null) {
          code = err.code();
          message = err.message() == null ? null : scrub(trim(err.message()));
        }
      } catch (JsonProcessingException | RuntimeException notJson) {
        message = null;
      }
    }
    // A body that is not Alpaca's {code, message} is never quoted: a proxy or gateway page may
    // echo the request, credentials included.
    String detail = message != null ? message
        : raw.isEmpty() ? "(empty body)"
        : "(body not in Alpaca's error format, " + raw.length() + " characters, not quoted)";
    String lower = detail.toLowerCase(Locale.ROOT);
    if (status == 429) {
      Instant reset = resetHeader.flatMap(RestTransport::epochSeconds).orElse(null);
      return new RateLimitedException(endpoint, code, message, reset);
    }
    if (status >= 500) {
      return new AlpacaServerException(endpoint, status, code, message, detail, null);
    }
    if (status == 404) {
      return new AlpacaNotFoundException(endpoint, status, code, message, detail, null);
    }
    if (lower.contains("insufficient qty")) {
      return new InsufficientQtyException(endpoint, status, code, message, detail, null);
    }
    if (lower.contains("insufficient buying power")) {
      return new InsufficientBuyingPowerException(endpoint, status, code, message, detail, null);
    }
    if (lower.contains("wash trade") || lower.contains("while a short sell order is open")
        || lower.contains("while a long buy order is open")) {
      return new WashTradeException(endpoint, status, code, message, detail, null);
    }
    if (lower.contains("client_order_id must be unique")) {
      return new DuplicateClientOrderIdException(endpoint, status, code, message, detail, null);
    }
    return new AlpacaException(endpoint, status, code, message, detail, null);
  }

  private static Optional<Instant> epochSeconds(String header) {
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(header.strip())));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String trim(@Nullable String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= MAX_DETAIL ? one : one.substring(0, MAX_DETAIL) + "...";
  }

  /**
   * Removes the configured keys from text that may end up in a message or log: as given, in any
   * letter case, URL-encoded and Base64-encoded ({@link Scrubber}).
   *
   * @param s the text
   * @return the text with every form of the key id and secret replaced by {@code ****}
   */
  public String scrub(String s) {
    return scrubber.scrub(s);
  }
}
