package dev.rebalance.cli.dashboard;

import com.sun.net.httpserver.HttpServer;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.PriceSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The dashboard's HTTP server: one page ({@code /}) and a JSON API ({@code /api/...}) over one
 * account of a {@link TrackerStore}, on the JDK's {@code com.sun.net.httpserver}. Reads need no
 * token from loopback clients; every state-changing request needs {@code Authorization: Bearer
 * TOKEN}; requests from another origin are refused. See {@code docs/dashboard.md} for the API.
 *
 * <pre>{@code
 * try (DashboardServer server =
 *     DashboardServer.builder().store(store).account("default").port(0).start()) {
 *   System.out.println(server.pageUri()); // http://127.0.0.1:PORT/#token=...
 * }
 * }</pre>
 *
 * <p>Thread-safe: requests are served on a small pool of threads; the store must be thread-safe
 * (every {@link TrackerStore} is). {@link #close()} stops the server but does not close the store.
 */
public final class DashboardServer implements AutoCloseable {
  private static final int TOKEN_BYTES = 32;

  private final HttpServer http;
  private final ExecutorService pool;
  private final String token;
  private final URI baseUri;

  private DashboardServer(HttpServer http, ExecutorService pool, String token, URI baseUri) {
    this.http = http;
    this.pool = pool;
    this.token = token;
    this.baseUri = baseUri;
  }

  /**
   * A builder with the defaults: bind 127.0.0.1, port 8321, a random token, a 60-minute cooldown,
   * no prices, the system clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A fresh random token: 32 bytes from {@link SecureRandom}, base64url without padding.
   *
   * @return the token
   */
  public static String randomToken() {
    byte[] b = new byte[TOKEN_BYTES];
    new SecureRandom().nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * The server's base URI, e.g. {@code http://127.0.0.1:8321/}.
   *
   * @return the base URI (with the port actually bound when 0 was asked for)
   */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The page URI with the token in its fragment ({@code #token=...}); a browser never sends the
   * fragment to a server, so the token stays out of request lines and logs.
   *
   * @return the URI to open
   */
  public URI pageUri() {
    return URI.create(baseUri + "#token=" + token);
  }

  /**
   * The bearer token state-changing requests must carry.
   *
   * @return the token
   */
  public String token() {
    return token;
  }

  /** Stops serving; requests in flight get up to a second to finish. The store stays open. */
  @Override
  public void close() {
    http.stop(1);
    pool.shutdown();
    try {
      pool.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Collects the dashboard's settings and starts it.
   *
   * <p>Not thread-safe; use from one thread.
   */
  public static final class Builder {
    private TrackerStore store;
    private String account = "default";
    private Clock clock = Clock.systemUTC();
    private String bind = "127.0.0.1";
    private int port = 8321;
    private Optional<String> token = Optional.empty();
    private Duration cooldown = Duration.ofMinutes(60);
    private PriceSource prices = PriceSource.none();
    private boolean pricesConfigured;

    private Builder() {}

    /**
     * The store to show and change (required).
     *
     * @param store the store; not closed by the server
     * @return this builder
     */
    public Builder store(TrackerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The account id inside the store (default {@code default}).
     *
     * @param account the account id
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * The clock for hold times, lock activity and the cooldown (default the system UTC clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The address to bind (default {@code 127.0.0.1}).
     *
     * @param bind a host name or IP address
     * @return this builder
     */
    public Builder bind(String bind) {
      this.bind = Objects.requireNonNull(bind, "bind");
      return this;
    }

    /**
     * The port (default 8321; 0 picks a free one).
     *
     * @param port the port, 0 to 65535
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The bearer token (default a fresh {@link #randomToken()}).
     *
     * @param token at least 16 characters
     * @return this builder
     */
    public Builder token(String token) {
      this.token = Optional.of(Objects.requireNonNull(token, "token"));
      return this;
    }

    /**
     * The cooldown between rebalances, for the time until it ends (default 60 minutes).
     *
     * @param cooldown a non-negative duration
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      this.cooldown = Objects.requireNonNull(cooldown, "cooldown");
      return this;
    }

    /**
     * Current prices, for positions' P/L and the swaps' payoff (default none: those stay blank).
     *
     * @param prices the price source, e.g. backed by a broker
     * @return this builder
     */
    public Builder prices(PriceSource prices) {
      this.prices = Objects.requireNonNull(prices, "prices");
      this.pricesConfigured = true;
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @return the running server
     * @throws IllegalArgumentException if a setting is invalid
     * @throws UncheckedIOException if the address cannot be bound
     */
    public DashboardServer start() {
      if (store == null) {
        throw new IllegalArgumentException("store is required");
      }
      if (account.isBlank()) {
        throw new IllegalArgumentException("account must not be blank");
      }
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in [0, 65535], was " + port);
      }
      if (cooldown.isNegative()) {
        throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
      }
      String tok = token.orElseGet(DashboardServer::randomToken);
      if (tok.length() < 16 || !tok.matches("[A-Za-z0-9_\\-.~+/=]+")) {
        throw new IllegalArgumentException(
            "token must be at least 16 characters of [A-Za-z0-9_-.~+/=]");
      }
      InetAddress address;
      try {
        address = InetAddress.getByName(bind);
      } catch (IOException e) {
        throw new IllegalArgumentException("bind address '" + bind + "' cannot be resolved");
      }
      HttpServer http;
      try {
        http = HttpServer.create(new InetSocketAddress(address, port), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
      }
      int bound = http.getAddress().getPort();
      String host = address.getHostAddress();
      if (address.isAnyLocalAddress()) {
        host = "127.0.0.1";
      }
      String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + bound;
      URI base = URI.create("http://" + authority + "/");
      Api api =
          new Api(store, account, clock, cooldown, prices, pricesConfigured);
      HttpGate gate =
          new HttpGate(api, tok, bound, address.isLoopbackAddress(), address.isAnyLocalAddress(), host);
      http.createContext("/", gate);
      AtomicInteger n = new AtomicInteger();
      ExecutorService pool =
          Executors.newFixedThreadPool(
              4,
              r -> {
                Thread t = new Thread(r, "rebalance-dashboard-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      http.setExecutor(pool);
      http.start();
      return new DashboardServer(http, pool, tok, base);
    }
  }
}
