package dev.rebalance.alpaca;

import dev.rebalance.api.Sleeper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rebalance.alpaca.internal.AlpacaJson;
import dev.rebalance.alpaca.internal.AlpacaLogEvents;
import dev.rebalance.alpaca.internal.FillDelivery;
import dev.rebalance.alpaca.internal.StreamSession;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Fill;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alpaca's {@code trade_updates} WebSocket as a stream of {@link Fill}s, with nothing lost and
 * nothing delivered twice.
 *
 * <p>The stream connects to {@link AlpacaConfig#streamUrl()}, authenticates, listens to {@code
 * trade_updates} (an acknowledgement that leaves {@code trade_updates} out counts as a failed
 * connection), and turns every {@code fill} and {@code partial_fill} event (text or binary frames;
 * Alpaca sends binary) into a {@link Fill} with this execution's quantity and price. The WebSocket
 * has no replay, so after every connect and reconnect, and every {@link
 * Builder#catchUpInterval(Duration) catch-up interval} (1 minute) while connected, the stream
 * catches up over REST: it reads the FILL activities since the start of the last successful
 * catch-up minus {@link Builder#catchUpOverlap(Duration) an overlap} (5 minutes; REST can lag the
 * stream) and delivers what it had not seen. Events arriving during a catch-up wait and follow it.
 * Fills are de-duplicated by id, which is the same for a fill whether it came from the stream or
 * from REST (the order id and the order's cumulative filled quantity). A fill record that cannot
 * be mapped is logged ({@code alpaca_fill_skipped}) and skipped; it never stops the fills after
 * it. A lost connection, a failed authentication or listen, or a failed catch-up at connect closes
 * the connection and reconnects after exponential back-off with jitter (1 s doubling to 30 s by
 * default), so reconnects never storm.
 *
 * <p>Fills reach the listener one at a time, in order, on the stream's threads; a bot passes them
 * to {@code PositionTracker.onFill}. A listener that throws gets that fill again at the next
 * catch-up.
 *
 * <p>Thread-safe; {@link #start()} once, {@link #close()} to stop.
 */
public final class TradeUpdatesStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TradeUpdatesStream.class);
  private static final String ENDPOINT = "WebSocket /stream";

  private final AlpacaConfig config;
  private final Broker rest;
  private final Consumer<Fill> listener;
  private final HttpClient http;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random random;
  private final Duration handshakeTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration overlap;
  private final Duration pingInterval;

  private final Duration catchUpInterval;
  private final @Nullable ScheduledExecutorService injectedScheduler;
  private final FillDelivery delivery;

  private final Object lock = new Object();
  private final AtomicLong connects = new AtomicLong();
  private volatile boolean running;
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable ScheduledFuture<?> periodic;
  private volatile @Nullable Thread supervisor;
  private volatile @Nullable WebSocket current;
  private volatile boolean connected;

  private TradeUpdatesStream(Builder b) {
    this.config = Objects.requireNonNull(b.config, "config");
    this.rest = Objects.requireNonNull(b.rest, "rest");
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.handshakeTimeout = b.handshakeTimeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.overlap = b.overlap;
    this.pingInterval = b.pingInterval;
    this.http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    this.catchUpInterval = b.catchUpInterval;
    this.injectedScheduler = b.scheduler;
    this.delivery =
        new FillDelivery(listener, clock, overlap, b.catchUpFrom != null ? b.catchUpFrom : clock.instant());
  }

  /**
   * A builder; {@code config}, {@code rest} and {@code listener} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts connecting on a daemon thread; returns at once.
   *
   * @throws IllegalStateException when already started
   */
  public void start() {
    synchronized (lock) {
      if (running || supervisor != null) {
        throw new IllegalStateException("TradeUpdatesStream already started");
      }
      running = true;
      Thread t = new Thread(this::supervise, "alpaca-trade-updates");
      t.setDaemon(true);
      supervisor = t;
      t.start();
      ScheduledExecutorService s = injectedScheduler;
      if (s == null) {
        s = Executors.newSingleThreadScheduledExecutor(r -> {
          Thread c = new Thread(r, "alpaca-trade-updates-catch-up");
          c.setDaemon(true);
          return c;
        });
      }
      scheduler = s;
      long every = catchUpInterval.toMillis();
      periodic = s.scheduleWithFixedDelay(this::periodicCatchUp, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * One periodic catch-up while connected: a quiet socket is normal, a deaf one is not, and REST
   * may show a fill only after the reconnect's catch-up ran. Skipped when another catch-up runs; a
   * failure is logged and the next one starts from the last successful catch-up.
   */
  void periodicCatchUp() {
    if (!running || !connected) {
      return;
    }
    try {
      delivery.tryCatchUp(rest::fillsSince);
    } catch (RuntimeException e) {
      LOG.atWarn()
          .setMessage(AlpacaLogEvents.STREAM_CATCH_UP_FAILED)
          .addKeyValue("anchor", delivery.anchor())
          .addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
          .log();
    }
  }

  /** Stops the stream and waits briefly for its thread to end. */
  @Override
  public void close() {
    running = false;
    synchronized (lock) {
      ScheduledFuture<?> p = periodic;
      if (p != null) {
        p.cancel(false);
      }
      ScheduledExecutorService s = scheduler;
      if (s != null && injectedScheduler == null) {
        s.shutdownNow();
      }
    }
    WebSocket ws = current;
    if (ws != null) {
      ws.abort();
    }
    Thread t = supervisor;
    if (t != null) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Whether the stream is connected, authenticated and listening now.
   *
   * @return true while live
   */
  public boolean isConnected() {
    return connected;
  }

  /**
   * How many times the stream has connected and started listening.
   *
   * @return the count
   */
  public long connectCount() {
    return connects.get();
  }

  /**
   * Fills handed to the listener.
   *
   * @return the count
   */
  public long deliveredCount() {
    return delivery.deliveredCount();
  }

  /**
   * Fills seen again (a duplicated event, or a fill both streamed and fetched) and dropped.
   *
   * @return the count
   */
  public long duplicateCount() {
    return delivery.duplicateCount();
  }

  /**
   * Fills delivered by a REST catch-up rather than by the stream.
   *
   * @return the count
   */
  public long caughtUpCount() {
    return delivery.caughtUpCount();
  }

  /**
   * Fetches missed fills over REST now and delivers the new ones (the stream also does this every
   * {@link Builder#catchUpInterval(Duration) catch-up interval} while connected). The window starts
   * at the last successful catch-up minus the overlap.
   *
   * @throws AlpacaException when the REST call fails
   */
  public void catchUp() {
    delivery.catchUp(rest::fillsSince);
  }

  /**
   * When the last successful catch-up started; the next one fetches from this time minus the
   * overlap.
   *
   * @return the anchor
   */
  public Instant catchUpAnchor() {
    return delivery.anchor();
  }

  private void supervise() {
    int failures = 0;
    while (running) {
      StreamSession session = new StreamSession(delivery::offer);
      try {
        WebSocket ws =
            http.newWebSocketBuilder()
                .connectTimeout(config.connectTimeout())
                .buildAsync(config.streamUrl(), session)
                .get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
        current = ws;
        ws.sendText(authMessage(), true);
        await(session.authorized, "authorization");
        // Hold stream events from the moment we listen until the catch-up is done, so missed
        // fills are delivered before the ones that followed them.
        delivery.hold();
        ws.sendText("{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}", true);
        await(session.listening, "listen acknowledgement");
        session.live = true;
        catchUp();
        connects.incrementAndGet();
        connected = true;
        failures = 0;
        LOG.atInfo().setMessage(AlpacaLogEvents.STREAM_CONNECTED).addKeyValue("connects", connects.get()).log();
        watch(ws, session);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        session.failure = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      } finally {
        connected = false;
        // A connection that failed before its catch-up finished: its held events are fetched
        // again by the next catch-up.
        delivery.dropHeld();
        session.live = false;
        WebSocket ws = current;
        current = null;
        if (ws != null) {
          ws.abort();
        }
      }
      if (!running) {
        break;
      }
      failures++;
      Duration delay = backoff(failures);
      LOG.atWarn()
          .setMessage(AlpacaLogEvents.STREAM_DISCONNECTED)
          .addKeyValue("reason", session.reason())
          .addKeyValue("attempt", failures)
          .addKeyValue("delay_ms", delay.toMillis())
          .log();
      try {
        sleeper.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    connected = false;
  }

  /**
   * Waits for the connection to end, pinging every {@code pingInterval}: a dead TCP connection
   * fails the ping write, and a peer that stops answering is given up after three missed pongs.
   */
  private void watch(WebSocket ws, StreamSession session)
      throws InterruptedException, ExecutionException, TimeoutException {
    while (running) {
      try {
        session.closed.get(pingInterval.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException quiet) {
        if (session.unanswered.incrementAndGet() > 3) {
          throw new TimeoutException("no answer to 3 pings");
        }
        ws.sendPing(ByteBuffer.wrap(new byte[] {'r', 'b'})).get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private <T> T await(CompletableFuture<T> f, String what)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return f.get(handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("no " + what + " within " + handshakeTimeout);
    }
  }

  Duration backoff(int attempt) {
    long base = initialBackoff.toMillis();
    long cap = maxBackoff.toMillis();
    long exp = attempt >= 31 ? cap : Math.min(cap, base << Math.max(0, attempt - 1));
    double factor = 0.5 + random.nextDouble() * 0.5;
    return Duration.ofMillis(Math.max(1, (long) (exp * factor)));
  }

  private String authMessage() {
    ObjectNode data = AlpacaJson.mapper().createObjectNode();
    data.put("key_id", config.keyId());
    data.put("secret_key", config.secretKey());
    ObjectNode msg = AlpacaJson.mapper().createObjectNode();
    msg.put("action", "authenticate");
    msg.set("data", data);
    return msg.toString();
  }

  /** Builds a {@link TradeUpdatesStream}; not thread-safe. */
  public static final class Builder {
    private @Nullable AlpacaConfig config;
    private @Nullable Broker rest;
    private @Nullable Consumer<Fill> listener;
    private @Nullable HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.system();
    private Random random = new Random();
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration overlap = Duration.ofMinutes(5);
    private Duration pingInterval = Duration.ofSeconds(10);
    private @Nullable Instant catchUpFrom;
    private Duration catchUpInterval = Duration.ofMinutes(1);
    private @Nullable ScheduledExecutorService scheduler;

    Builder() {}

    /**
     * How often the stream catches up over REST while connected, besides after every (re)connect.
     * Default 1 minute (one request a minute of the 200 Alpaca allows).
     *
     * @param interval the interval, {@code > 0}
     * @return this builder
     */
    public Builder catchUpInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new InvalidConfigException("catchUpInterval must be > 0, was " + interval);
      }
      this.catchUpInterval = interval;
      return this;
    }

    /**
     * Runs the periodic catch-up. Default: a daemon thread of the stream's own, stopped by {@link
     * #close()}; a given scheduler is not shut down by the stream.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The configuration (keys and {@link AlpacaConfig#streamUrl()}); required.
     *
     * @param config the configuration
     * @return this builder
     */
    public Builder config(AlpacaConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * Where missed fills are fetched from after a (re)connect, usually the {@link AlpacaBroker} of
     * the same account; required.
     *
     * @param rest the broker used for {@link Broker#fillsSince(Instant)}
     * @return this builder
     */
    public Builder rest(Broker rest) {
      this.rest = Objects.requireNonNull(rest, "rest");
      return this;
    }

    /**
     * Receives each fill once, in order; required.
     *
     * @param listener the fill consumer, such as {@code tracker::onFill}
     * @return this builder
     */
    public Builder listener(Consumer<Fill> listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The first catch-up fetches fills from this time. Default: the clock's time at {@link
     * #build()}, minus the overlap.
     *
     * @param from the earliest fill time of interest
     * @return this builder
     */
    public Builder catchUpFrom(Instant from) {
      this.catchUpFrom = Objects.requireNonNull(from, "from");
      return this;
    }

    /**
     * How far before the start of the last successful catch-up the next one starts, to absorb the
     * activities endpoint lagging the stream and clock differences. Default 5 minutes.
     *
     * @param overlap the overlap, {@code >= 0}
     * @return this builder
     */
    public Builder catchUpOverlap(Duration overlap) {
      if (overlap.isNegative()) {
        throw new InvalidConfigException("catchUpOverlap must be >= 0, was " + overlap);
      }
      this.overlap = overlap;
      return this;
    }

    /**
     * Reconnect back-off: starts at {@code initial}, doubles per failed attempt up to {@code max},
     * scaled by a random factor in [0.5, 1). Default 1 s to 30 s.
     *
     * @param initial the first delay, {@code > 0}
     * @param max the cap, {@code >= initial}
     * @return this builder
     */
    public Builder reconnectBackoff(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new InvalidConfigException(
            "reconnectBackoff must have 0 < initial <= max, was " + initial + " and " + max);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How often a quiet connection is pinged; a failed ping or three unanswered ones count as a
     * lost connection (a quiet trade-updates socket is normal, a dead one must be noticed). Default
     * 10 seconds.
     *
     * @param interval the interval, {@code > 0}
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      if (interval.isNegative() || interval.isZero()) {
        throw new InvalidConfigException("pingInterval must be > 0, was " + interval);
      }
      this.pingInterval = interval;
      return this;
    }

    /**
     * How long to wait for the connection, the authorization and the listen acknowledgement.
     * Default 10 seconds.
     *
     * @param timeout the time-out, {@code > 0}
     * @return this builder
     */
    public Builder handshakeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new InvalidConfigException("handshakeTimeout must be > 0, was " + timeout);
      }
      this.handshakeTimeout = timeout;
      return this;
    }

    /**
     * The clock for the default first catch-up time. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How to wait between reconnects. Default {@link Sleeper#system()}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * The jitter source. Default a new {@link Random}.
     *
     * @param random the random source
     * @return this builder
     */
    public Builder random(Random random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The HTTP client to open the WebSocket with. Default: a new client.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Builds the stream (not yet started).
     *
     * @return the stream
     * @throws InvalidConfigException when a required part is missing
     */
    public TradeUpdatesStream build() {
      if (config == null || rest == null || listener == null) {
        throw new InvalidConfigException("TradeUpdatesStream: config, rest and listener must be set");
      }
      return new TradeUpdatesStream(this);
    }
  }
}
