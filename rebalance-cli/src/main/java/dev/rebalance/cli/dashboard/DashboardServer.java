package dev.rebalance.cli.dashboard;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.RebalanceException;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.stats.PriceSource;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's HTTP server: one page ({@code /}) and a JSON API ({@code /api/...}) over one
 * account of a {@link TrackerStore} (and the other accounts {@link Builder#accounts} names), on an
 * embedded Jetty. Reads need no token from loopback clients; every state-changing request needs
 * {@code Authorization: Bearer TOKEN}; requests from another origin are refused. See {@code
 * docs/dashboard.md} for the API.
 *
 * <p>Slow or stalled clients cannot stall it: request heads and bodies are read without holding a
 * worker thread; a connection that has not sent a complete request head within the read time-out,
 * or a request whose body has not arrived within it, is closed; at most {@value #WORKER_THREADS}
 * worker threads serve requests; and at most {@link Builder#maxConnections} connections are open at
 * once (more wait in the operating system's backlog).
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
  /** The most threads that serve requests at once. */
  public static final int WORKER_THREADS = 8;

  private static final int TOKEN_BYTES = 32;
  private static final int MAX_HEADER_BYTES = 8 * 1024;

  private final Server jetty;
  private final String token;
  private final URI baseUri;

  private DashboardServer(Server jetty, String token, URI baseUri) {
    this.jetty = jetty;
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

  /** The store's accounts (SPI clause 12); none when the store cannot list them or fails to. */
  private static Collection<String> storeAccounts(TrackerStore store) {
    try {
      return store.accounts();
    } catch (UnsupportedOperationException | RebalanceException e) {
      return List.of();
    }
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

  /**
   * Stops serving at once: closes the listening socket and every connection. The store stays open.
   */
  @Override
  public void close() {
    try {
      jetty.stop();
    } catch (Exception e) {
      throw new RebalanceException("the dashboard did not stop cleanly: " + e.getMessage(), e);
    }
  }

  /**
   * Collects the dashboard's settings and starts it.
   *
   * <p>Not thread-safe; use from one thread.
   */
  public static final class Builder {
    private @Nullable TrackerStore store;
    private String account = "default";
    private Clock clock = Clock.systemUTC();
    private String bind = "127.0.0.1";
    private int port = 8321;
    private Optional<String> token = Optional.empty();
    private Duration cooldown = Duration.ofMinutes(60);
    private PriceSource prices = PriceSource.none();
    private boolean pricesConfigured;
    private Duration readTimeout = Duration.ofSeconds(10);
    private int maxConnections = 256;
    private @Nullable Supplier<? extends Collection<String>> accounts;
    private ZoneId zone = ZoneOffset.UTC;

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
     * How long a client may take to send a complete request head (from connecting, or from its
     * previous request) and, separately, a request body (default 10 seconds). A connection that
     * sends nothing for this long is closed too.
     *
     * @param readTimeout a positive duration of at most an hour
     * @return this builder
     */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
      return this;
    }

    /**
     * The most connections open at once (default 256); further ones wait in the operating system's
     * backlog until one closes.
     *
     * @param maxConnections at least 1
     * @return this builder
     */
    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Other accounts the page's account picker offers besides {@link #account}, asked again each
     * time the page lists them (default: the store's own list, {@link TrackerStore#accounts()};
     * only {@link #account} if the store cannot list its accounts).
     *
     * @param accounts a source of account ids; invalid ids are left out
     * @return this builder
     */
    public Builder accounts(Supplier<? extends Collection<String>> accounts) {
      this.accounts = Objects.requireNonNull(accounts, "accounts");
      return this;
    }

    /**
     * The zone the page shows times in unless the viewer picks their browser's local time (default
     * UTC); every time is shown with its zone.
     *
     * @param zone the zone
     * @return this builder
     */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Binds and starts serving.
     *
     * @return the running server
     * @throws IllegalArgumentException if a setting is invalid
     * @throws PortInUseException if another process listens on the address and port
     * @throws RebalanceException if the server cannot start for another reason
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
      if (readTimeout.isNegative()
          || readTimeout.isZero()
          || readTimeout.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException(
            "readTimeout must be in (0, 1 hour], was " + readTimeout);
      }
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be >= 1, was " + maxConnections);
      }
      Identifiers.checkAccountId("account", account);
      InetAddress address;
      try {
        address = InetAddress.getByName(bind);
      } catch (IOException e) {
        throw new IllegalArgumentException("bind address '" + bind + "' cannot be resolved");
      }
      QueuedThreadPool workers = new QueuedThreadPool(WORKER_THREADS, 2);
      workers.setName("rebalance-dashboard");
      workers.setDaemon(true);
      workers.setReservedThreads(0);
      Server jetty = new Server(workers);
      // No graceful wait: browsers keep idle connections open, which would only delay the stop.
      jetty.setStopTimeout(0);
      jetty.setErrorHandler(new JsonErrors());
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      http.setRequestHeaderSize(MAX_HEADER_BYTES);
      ScheduledExecutorScheduler timer =
          new ScheduledExecutorScheduler("rebalance-dashboard-timer", true);
      ServerConnector connector =
          new ServerConnector(jetty, null, timer, null, 1, 1, new HttpConnectionFactory(http));
      connector.setHost(address.getHostAddress());
      connector.setPort(port);
      connector.setIdleTimeout(readTimeout.toMillis());
      SlowClientGuard guard = new SlowClientGuard(timer, readTimeout);
      connector.addEventListener(guard);
      jetty.addConnector(connector);
      jetty.addBean(new NetworkConnectionLimit(maxConnections, connector));
      Api.Settings settings = new Api.Settings(store, clock, cooldown, prices, pricesConfigured);
      TrackerStore listed = store;
      Supplier<? extends Collection<String>> others =
          accounts != null ? accounts : () -> storeAccounts(listed);
      AccountRouter known = new AccountRouter(account, store, others, a -> new Api(settings, a));
      try {
        connector.open();
      } catch (IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
          if (c instanceof BindException
              && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("in use")) {
            throw new PortInUseException(bind, port, e);
          }
        }
        Throwable root = e;
        while (root.getCause() != null) {
          root = root.getCause();
        }
        throw new RebalanceException(
            "the dashboard cannot listen on " + bind + ":" + port + ": " + root.getMessage(), e);
      }
      int bound = connector.getLocalPort();
      String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
      String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + bound;
      URI base = URI.create("http://" + authority + "/");
      HttpGate.Binding binding =
          new HttpGate.Binding(
              host, bound, address.isLoopbackAddress(), address.isAnyLocalAddress());
      jetty.setHandler(new HttpGate(known, zone, tok, binding, guard, readTimeout, workers));
      try {
        jetty.start();
      } catch (Exception e) {
        try {
          jetty.stop();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw new RebalanceException("the dashboard did not start: " + e.getMessage(), e);
      }
      return new DashboardServer(jetty, tok, base);
    }
  }
}
