package dev.rebalance.alpaca.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import dev.rebalance.alpaca.AlpacaConfig;
import dev.rebalance.api.Sleeper;
import dev.rebalance.api.broker.Fill;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the trade-updates stream connected and caught up: one daemon thread connects,
 * authenticates, listens, catches up over REST and watches the connection (pinging a quiet one),
 * and after every lost or failed connection waits as {@link Retries#reconnects} says (through the
 * injected {@link Sleeper}) before connecting again; a scheduler runs the periodic catch-up while
 * connected.
 *
 * <p>Each outage is one Failsafe {@link Execution} of the reconnect policy: every connection that
 * ends is recorded as a failed attempt, and the policy gives the wait before the next one. A
 * connection that went live ends its outage, so the back-off starts over at the first delay.
 *
 * <p>Thread-safe; {@link #start()} once, {@link #close()} to stop.
 */
public final class StreamSupervisor {
  private static final Logger log = LoggerFactory.getLogger(StreamSupervisor.class);

  private final AlpacaConfig config;
  private final HttpClient http;
  private final FillDelivery delivery;
  private final Function<Instant, List<Fill>> fillsSince;
  private final Sleeper sleeper;
  private final RetryPolicy<Object> reconnects;
  private final Timings timings;
  private final @Nullable ScheduledExecutorService injectedScheduler;

  private final Object lock = new Object();
  private final AtomicLong connects = new AtomicLong();
  private volatile boolean running;
  private @Nullable ScheduledExecutorService scheduler;
  private @Nullable ScheduledFuture<?> periodic;
  private volatile @Nullable Thread supervisor;
  private volatile @Nullable WebSocket current;
  private volatile boolean connected;

  /**
   * How long the handshake may take, how often a quiet connection is pinged, how often the stream
   * catches up while connected.
   *
   * @param handshakeTimeout for the connection, the authorization and the listen acknowledgement
   * @param pingInterval between pings of a quiet connection
   * @param catchUpInterval between periodic catch-ups
   */
  public record Timings(
      Duration handshakeTimeout, Duration pingInterval, Duration catchUpInterval) {}

  /**
   * @param config keys, stream URL and connect time-out
   * @param http the client to open the WebSocket with
   * @param delivery where fills go, de-duplicated
   * @param fillsSince the REST catch-up
   * @param sleeper how to wait between connections
   * @param reconnects the reconnect policy ({@link Retries#reconnects})
   * @param timings the time-outs and intervals
   * @param injectedScheduler runs the periodic catch-up; null for a daemon thread of its own
   */
  public StreamSupervisor(
      AlpacaConfig config,
      HttpClient http,
      FillDelivery delivery,
      Function<Instant, List<Fill>> fillsSince,
      Sleeper sleeper,
      RetryPolicy<Object> reconnects,
      Timings timings,
      @Nullable ScheduledExecutorService injectedScheduler) {
    this.config = config;
    this.http = http;
    this.delivery = delivery;
    this.fillsSince = fillsSince;
    this.sleeper = sleeper;
    this.reconnects = reconnects;
    this.timings = timings;
    this.injectedScheduler = injectedScheduler;
  }

  /**
   * Starts connecting on a daemon thread and schedules the periodic catch-up; returns at once.
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
        s =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread c = new Thread(r, "alpaca-trade-updates-catch-up");
                  c.setDaemon(true);
                  return c;
                });
      }
      scheduler = s;
      long every = timings.catchUpInterval().toMillis();
      periodic =
          s.scheduleWithFixedDelay(this::periodicCatchUp, every, every, TimeUnit.MILLISECONDS);
    }
  }

  /** Stops: cancels the periodic catch-up, aborts the connection, waits briefly for the thread. */
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
   * One periodic catch-up while connected: a quiet socket is normal, a deaf one is not, and REST
   * may show a fill only after the reconnect's catch-up ran. Skipped when another catch-up runs; a
   * failure is logged and the next one starts from the last successful catch-up.
   */
  void periodicCatchUp() {
    if (!running || !connected) {
      return;
    }
    try {
      delivery.tryCatchUp(fillsSince);
    } catch (RuntimeException e) {
      log.atWarn()
          .setMessage(AlpacaLogEvents.STREAM_CATCH_UP_FAILED)
          .addKeyValue("anchor", delivery.anchor())
          .addKeyValue("reason", e.getClass().getSimpleName() + ": " + e.getMessage())
          .log();
    }
  }

  private void supervise() {
    Execution<Object> outage = Execution.of(reconnects);
    while (running) {
      StreamSession session = new StreamSession(delivery::offer);
      boolean wentLive = false;
      try {
        WebSocket ws =
            http.newWebSocketBuilder()
                .connectTimeout(config.connectTimeout())
                .buildAsync(config.streamUrl(), session)
                .get(timings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        current = ws;
        ws.sendText(authMessage(), true);
        await(session.authorized, "authorization");
        // Hold stream events from the moment we listen until the catch-up is done, so missed
        // fills are delivered before the ones that followed them.
        delivery.hold();
        ws.sendText("{\"action\":\"listen\",\"data\":{\"streams\":[\"trade_updates\"]}}", true);
        await(session.listening, "listen acknowledgement");
        session.live = true;
        delivery.catchUp(fillsSince);
        connects.incrementAndGet();
        connected = true;
        wentLive = true;
        log.atInfo()
            .setMessage(AlpacaLogEvents.STREAM_CONNECTED)
            .addKeyValue("connects", connects.get())
            .log();
        watch(ws, session);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        session.failure =
            e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
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
      if (wentLive) {
        outage = Execution.of(reconnects); // a new outage: the back-off starts over
      }
      outage.record(null, session.failure);
      if (outage.isComplete()) {
        break; // the policy allows no more connections (the built-in one never stops)
      }
      Duration delay = outage.getDelay();
      log.atWarn()
          .setMessage(AlpacaLogEvents.STREAM_DISCONNECTED)
          .addKeyValue("reason", session.reason())
          .addKeyValue("attempt", outage.getAttemptCount())
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
        session.closed.get(timings.pingInterval().toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException quiet) {
        if (session.unanswered.incrementAndGet() > 3) {
          throw new TimeoutException("no answer to 3 pings");
        }
        ws.sendPing(ByteBuffer.wrap(new byte[] {'r', 'b'}))
            .get(timings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private <T> T await(CompletableFuture<T> f, String what)
      throws InterruptedException, ExecutionException, TimeoutException {
    try {
      return f.get(timings.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException("no " + what + " within " + timings.handshakeTimeout());
    }
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
}
