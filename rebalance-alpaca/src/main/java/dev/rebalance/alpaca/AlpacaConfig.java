package dev.rebalance.alpaca;

import dev.rebalance.api.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * How to reach Alpaca: the API key pair, the trading and market-data base URLs, and the client's
 * limits (rate, time-outs, retries).
 *
 * <p>Paper trading is the default. A live trading URL ({@code https://api.alpaca.markets}, or any
 * {@code *.alpaca.markets} host other than {@code paper-api}) is refused unless {@link
 * #allowLive()} is set, so a bot never trades real money because of a stray environment variable.
 * Plain {@code http} is only accepted for loopback hosts (tests, local fakes), so keys never travel
 * in clear text.
 *
 * <p>The key id and secret are {@link Value.Redacted}: {@link #toString()} prints {@code ****}, and
 * the adapter never puts them into log events or exception messages.
 *
 * <p>Build one with {@link #builder()} or read Alpaca's usual environment variables with {@link
 * #fromEnvironment(Map)}. Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class AlpacaConfig {

  /** Alpaca's paper-trading REST base URL, the default. */
  public static final URI PAPER_URL = URI.create("https://paper-api.alpaca.markets");

  /** Alpaca's live-trading REST base URL; needs {@link #allowLive()}. */
  public static final URI LIVE_URL = URI.create("https://api.alpaca.markets");

  /** Alpaca's market-data REST base URL, the default {@link #dataUrl()}. */
  public static final URI DATA_URL = URI.create("https://data.alpaca.markets");

  /** Environment variable holding the key id. */
  public static final String ENV_KEY_ID = "APCA_API_KEY_ID";

  /** Environment variable holding the secret key. */
  public static final String ENV_SECRET_KEY = "APCA_API_SECRET_KEY";

  /** Environment variable holding the trading base URL (default paper). */
  public static final String ENV_BASE_URL = "APCA_API_BASE_URL";

  /** Environment variable holding the market-data base URL. */
  public static final String ENV_DATA_URL = "APCA_API_DATA_URL";

  /** Environment variable that, set to {@code true}, opts in to a live trading URL. */
  public static final String ENV_ALLOW_LIVE = "REBALANCE_ALPACA_ALLOW_LIVE";

  /** The API key id ({@code APCA-API-KEY-ID}); redacted in {@code toString()}. */
  @Value.Redacted
  public abstract String keyId();

  /** The API secret key ({@code APCA-API-SECRET-KEY}); redacted in {@code toString()}. */
  @Value.Redacted
  public abstract String secretKey();

  /** The trading REST base URL. Default {@link #PAPER_URL}. */
  @Value.Default
  public URI baseUrl() {
    return PAPER_URL;
  }

  /** The market-data REST base URL. Default {@link #DATA_URL}. */
  @Value.Default
  public URI dataUrl() {
    return DATA_URL;
  }

  /**
   * The trade-updates WebSocket URL. Default: the base URL with {@code wss} (or {@code ws} for
   * {@code http}) and the path {@code /stream}.
   */
  @Value.Default
  public URI streamUrl() {
    URI base = baseUrl();
    String scheme = "http".equalsIgnoreCase(base.getScheme()) ? "ws" : "wss";
    String authority = base.getRawAuthority();
    return URI.create(scheme + "://" + authority + "/stream");
  }

  /** Whether a live trading URL is accepted. Default {@code false}. */
  @Value.Default
  public boolean allowLive() {
    return false;
  }

  /**
   * The market-data feed for latest trades and bars ({@code iex}, {@code sip}). Default {@code
   * iex}.
   */
  @Value.Default
  public String dataFeed() {
    return "iex";
  }

  /** Requests per minute for this client, shared by all its calls. Default 200 (Alpaca's limit). */
  @Value.Default
  public int requestsPerMinute() {
    return 200;
  }

  /** Attempts per read (GET) before giving up, and per order submission. Default 4; at least 1. */
  @Value.Default
  public int maxAttempts() {
    return 4;
  }

  /** Time-out of one HTTP request. Default 10 seconds. */
  @Value.Default
  public Duration requestTimeout() {
    return Duration.ofSeconds(10);
  }

  /** Time-out of opening a connection. Default 5 seconds. */
  @Value.Default
  public Duration connectTimeout() {
    return Duration.ofSeconds(5);
  }

  /** First retry back-off; doubles per attempt, with jitter. Default 500 ms. */
  @Value.Default
  public Duration initialBackoff() {
    return Duration.ofMillis(500);
  }

  /** Longest retry or reconnect back-off. Default 30 seconds. */
  @Value.Default
  public Duration maxBackoff() {
    return Duration.ofSeconds(30);
  }

  /** Whether {@link #baseUrl()} is a live (real-money) trading URL. */
  @Value.Derived
  public boolean isLive() {
    String host = Optional.ofNullable(baseUrl().getHost()).orElse("").toLowerCase(Locale.ROOT);
    return host.endsWith("alpaca.markets") && !host.startsWith("paper-api.");
  }

  @Value.Check
  void check() {
    requireText("keyId", keyId());
    requireText("secretKey", secretKey());
    checkUrl("baseUrl", baseUrl());
    checkUrl("dataUrl", dataUrl());
    String ws = Optional.ofNullable(streamUrl().getScheme()).orElse("");
    if (!ws.equals("ws") && !ws.equals("wss")) {
      throw new InvalidConfigException("streamUrl must use ws or wss, was " + streamUrl());
    }
    if (isLive() && !allowLive()) {
      throw new InvalidConfigException(
          "baseUrl "
              + baseUrl()
              + " is a live trading URL; set allowLive(true) (or "
              + ENV_ALLOW_LIVE
              + "=true) to trade real money, or use "
              + PAPER_URL);
    }
    if (requestsPerMinute() < 1 || requestsPerMinute() > 100_000) {
      throw new InvalidConfigException(
          "requestsPerMinute must be in [1, 100000], was " + requestsPerMinute());
    }
    if (maxAttempts() < 1 || maxAttempts() > 20) {
      throw new InvalidConfigException("maxAttempts must be in [1, 20], was " + maxAttempts());
    }
    positive("requestTimeout", requestTimeout());
    positive("connectTimeout", connectTimeout());
    positive("initialBackoff", initialBackoff());
    positive("maxBackoff", maxBackoff());
    if (maxBackoff().compareTo(initialBackoff()) < 0) {
      throw new InvalidConfigException(
          "maxBackoff must be >= initialBackoff (" + initialBackoff() + "), was " + maxBackoff());
    }
    requireText("dataFeed", dataFeed());
  }

  private static void requireText(String field, String value) {
    // Never echo the value: it may be a secret.
    if (value.isBlank()) {
      throw new InvalidConfigException(field + " must not be blank");
    }
  }

  private static void positive(String field, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new InvalidConfigException(field + " must be > 0, was " + d);
    }
  }

  private static void checkUrl(String field, URI uri) {
    String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
    String host = Optional.ofNullable(uri.getHost()).orElse("");
    if (host.isEmpty()) {
      throw new InvalidConfigException(field + " must be an absolute http(s) URL, was " + uri);
    }
    if (scheme.equals("http")) {
      if (!isLoopback(host)) {
        throw new InvalidConfigException(
            field + " must use https (http is only allowed for localhost), was " + uri);
      }
    } else if (!scheme.equals("https")) {
      throw new InvalidConfigException(field + " must use https, was " + uri);
    }
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost")
        || host.startsWith("127.")
        || host.equals("[::1]")
        || host.equals("::1");
  }

  /**
   * A builder; {@code keyId} and {@code secretKey} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads {@code APCA_API_KEY_ID}, {@code APCA_API_SECRET_KEY}, {@code APCA_API_BASE_URL} (default
   * paper), {@code APCA_API_DATA_URL} and {@code REBALANCE_ALPACA_ALLOW_LIVE} from an environment
   * map (pass {@code System.getenv()}, or a map in tests).
   *
   * @param env the environment variables
   * @return the configuration
   * @throws InvalidConfigException naming the variable that is missing or invalid
   */
  public static AlpacaConfig fromEnvironment(Map<String, String> env) {
    return builder().environment(env).build();
  }

  /** Builds an {@link AlpacaConfig}; not thread-safe. */
  public static final class Builder extends ImmutableAlpacaConfig.Builder {
    Builder() {}

    /**
     * Fills the builder from Alpaca's environment variables; later calls may override.
     *
     * @param env the environment variables
     * @return this builder
     * @throws InvalidConfigException naming a variable that is missing or not a URL
     */
    public Builder environment(Map<String, String> env) {
      keyId(required(env, ENV_KEY_ID));
      secretKey(required(env, ENV_SECRET_KEY));
      optional(env, ENV_BASE_URL).ifPresent(u -> baseUrl(url(ENV_BASE_URL, u)));
      optional(env, ENV_DATA_URL).ifPresent(u -> dataUrl(url(ENV_DATA_URL, u)));
      optional(env, ENV_ALLOW_LIVE)
          .ifPresent(
              v -> {
                if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                  throw new InvalidConfigException(
                      ENV_ALLOW_LIVE + " must be true or false, was " + v);
                }
                allowLive(Boolean.parseBoolean(v));
              });
      return this;
    }

    /**
     * Builds and validates the configuration.
     *
     * @return the configuration
     * @throws InvalidConfigException naming the field that is missing or invalid
     */
    @Override
    public AlpacaConfig build() {
      try {
        return super.build();
      } catch (IllegalStateException e) {
        // Immutables reports missing mandatory attributes this way; the message names them only.
        throw new InvalidConfigException("AlpacaConfig: " + e.getMessage(), e);
      }
    }

    private static String required(Map<String, String> env, String name) {
      return optional(env, name)
          .orElseThrow(
              () -> new InvalidConfigException("environment variable " + name + " must be set"));
    }

    private static Optional<String> optional(Map<String, String> env, String name) {
      return Optional.ofNullable(env.get(name)).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static URI url(String name, String value) {
      try {
        String v = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        // Some tools set the base URL with the API version; the client adds /v2 itself.
        v = v.endsWith("/v2") ? v.substring(0, v.length() - 3) : v;
        return new URI(v);
      } catch (URISyntaxException e) {
        throw new InvalidConfigException(name + " must be a URL, was " + value, e);
      }
    }
  }
}
