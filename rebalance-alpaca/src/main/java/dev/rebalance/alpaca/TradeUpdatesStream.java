package dev.rebalance.alpaca;

import dev.rebalance.alpaca.internal.FillDelivery;
import dev.rebalance.alpaca.internal.Retries;
import dev.rebalance.alpaca.internal.StreamSupervisor;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Fill;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

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
 * from REST (the order id and the order's cumulative filled quantity). A fill record that cannot be
 * mapped is logged ({@code alpaca_fill_skipped}) and skipped; it never stops the fills after it. A
 * lost connection, a failed authentication or listen, or a failed catch-up at connect closes the
 * connection and reconnects after exponential back-off with jitter (1 s doubling to 30 s by
 * default, starting over after a connection that went live), so reconnects never storm; the wait
 * goes through the {@link Builder#sleeper(Sleeper) sleeper}.
 *
 * <p>Fills reach the listener one at a time, in order, on the stream's threads; a bot passes them
 * to {@code PositionTracker.onFill}. A listener that throws gets that fill again at the next
 * catch-up.
 *
 * <p>Thread-safe; {@link #start()} once, {@link #close()} to stop.
 */
public final class TradeUpdatesStream implements AutoCloseable {
  private final Broker rest;
  private final FillDelivery delivery;
  private final StreamSupervisor supervisor;

  private TradeUpdatesStream(Builder b) {
    AlpacaConfig config = Objects.requireNonNull(b.config, "config");
    this.rest = Objects.requireNonNull(b.rest, "rest");
    Consumer<Fill> listener = Objects.requireNonNull(b.listener, "listener");
    HttpClient http =
        b.httpClient != null
            ? b.httpClient
            : HttpClient.newBuilder().connectTimeout(config.connectTimeout()).build();
    this.delivery =
        new FillDelivery(
            listener,
            b.clock,
            b.overlap,
            b.catchUpFrom != null ? b.catchUpFrom : b.clock.instant());
    this.supervisor =
        new StreamSupervisor(
            config,
            http,
            delivery,
            rest::fillsSince,
            b.sleeper,
            Retries.reconnects(b.initialBackoff, b.maxBackoff, b.random),
            new StreamSupervisor.Timings(b.handshakeTimeout, b.pingInterval, b.catchUpInterval),
            b.scheduler);
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
    supervisor.start();
  }

  /** Stops the stream and waits briefly for its thread to end. */
  @Override
  public void close() {
    supervisor.close();
  }

  /**
   * Whether the stream is connected, authenticated and listening now.
   *
   * @return true while live
   */
  public boolean isConnected() {
    return supervisor.isConnected();
  }

  /**
   * How many times the stream has connected and started listening.
   *
   * @return the count
   */
  public long connectCount() {
    return supervisor.connectCount();
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
        throw new InvalidConfigException(
            "TradeUpdatesStream: config, rest and listener must be set");
      }
      return new TradeUpdatesStream(this);
    }
  }
}
