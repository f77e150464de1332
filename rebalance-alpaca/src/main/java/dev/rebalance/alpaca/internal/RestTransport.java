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
import dev.rebalance.alpaca.WashTradeException;
import dev.rebalance.api.Sleeper;
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
 * One Alpaca REST client's transport: adds the key headers, takes a token from the client's bucket
 * before every request, maps error responses to typed exceptions (trimmed, scrubbed of the keys),
 * and retries reads on transient failures under {@link Retries#reads()} (exponential back-off and
 * jitter, or until {@code X-RateLimit-Reset} after a 429). Writes are sent once; callers decide
 * what a failure means. Every wait goes through the injected {@link Sleeper}.
 *
 * <p>Thread-safe.
 */
public final class RestTransport {
  private static final Logger log = LoggerFactory.getLogger(RestTransport.class);
  private static final int MAX_DETAIL = 300;

  private final AlpacaConfig config;
  private final HttpClient http;
  private final TokenBucket bucket;
  private final Retries retries;
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
  public RestTransport(
      AlpacaConfig config, HttpClient http, Clock clock, Sleeper sleeper, Random random) {
    this.config = config;
    this.http = http;
    this.bucket = new TokenBucket(config.requestsPerMinute(), clock);
    this.retries = new Retries(config, clock, sleeper, random);
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
   * {@link AlpacaConfig#maxAttempts()} attempts ({@link Retries#reads()}). Only for idempotent
   * requests.
   *
   * @param call the request
   * @param type the body type; null to ignore the body
   * @param <T> the body type
   * @return the parsed body, or null when {@code type} is null
   * @throws AlpacaException the last failure when attempts are used up, or a non-transient one
   */
  public <T> @Nullable T withRetry(Call call, @Nullable JavaType type) {
    return retries.run(
        retries.reads(),
        call.endpoint(),
        () -> once(call, type),
        (attempt, result, failure, delay) ->
            log.atInfo()
                .setMessage(AlpacaLogEvents.REQUEST_RETRY)
                .addKeyValue("endpoint", call.endpoint())
                .addKeyValue("attempt", attempt)
                .addKeyValue("error", failure == null ? "" : failure.getClass().getSimpleName())
                .addKeyValue(
                    "http_status",
                    failure instanceof AlpacaException
                        ? ((AlpacaException) failure).httpStatus().orElse(0)
                        : 0)
                .addKeyValue("delay_ms", delay.toMillis())
                .log());
  }

  /**
   * The client's retry policies and the one place it waits.
   *
   * @return the retries
   */
  public Retries retries() {
    return retries;
  }

  private String exchange(Call call) {
    Duration wait = bucket.reserve();
    if (!wait.isZero()) {
      log.atDebug()
          .setMessage(AlpacaLogEvents.RATE_LIMIT_WAIT)
          .addKeyValue("endpoint", call.endpoint())
          .addKeyValue("delay_ms", wait.toMillis())
          .log();
      retries.pause(call.endpoint(), wait);
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
          call.endpoint(),
          0,
          null,
          null,
          "no response: "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : " " + scrub(e.getMessage())),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AlpacaTransportException(call.endpoint(), 0, null, null, "interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body() == null ? "" : response.body();
    }
    throw error(
        call.endpoint(),
        status,
        response.body(),
        response.headers().firstValue("X-RateLimit-Reset"));
  }

  private <T> T parse(Call call, String body, JavaType type) {
    if (body.isBlank()) {
      throw new MalformedResponseException(
          call.endpoint(), 200, null, null, "empty body, expected JSON", null);
    }
    try {
      T value = AlpacaJson.mapper().readValue(body, type);
      if (value == null) {
        throw new MalformedResponseException(
            call.endpoint(), 200, null, null, "body is JSON null", null);
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new MalformedResponseException(
          call.endpoint(),
          200,
          null,
          null,
          "malformed JSON body (" + scrub(trim(e.getOriginalMessage())) + ")",
          null);
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
  public AlpacaException error(
      String endpoint, int status, @Nullable String body, Optional<String> resetHeader) {
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
    String detail =
        message != null
            ? message
            : raw.isEmpty()
                ? "(empty body)"
                : "(body not in Alpaca's error format, "
                    + raw.length()
                    + " characters, not quoted)";
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
    if (lower.contains("wash trade")
        || lower.contains("while a short sell order is open")
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
