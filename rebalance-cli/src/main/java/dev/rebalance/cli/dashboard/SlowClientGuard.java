package dev.rebalance.cli.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection that has not delivered a complete request head (request line and headers)
 * within the read time-out of opening, or of its previous request finishing. Jetty's idle time-out
 * only fires when no byte arrives; a client trickling one header line a second never idles, so this
 * deadline is what stops it from holding a connection slot for ever. The body has its own deadline
 * ({@link HttpGate}).
 *
 * <p>Thread-safe: a concurrent map of per-connection phases.
 */
final class SlowClientGuard implements Connection.Listener {
  private static final Logger log = LoggerFactory.getLogger(SlowClientGuard.class);

  /** Log event: a connection was closed because its request head did not arrive in time. */
  static final String CLOSED = "dashboard_slow_client_closed";

  private final Scheduler scheduler;
  private final long timeoutMillis;
  private final Map<Connection, AtomicLong> phases = new ConcurrentHashMap<>();

  SlowClientGuard(Scheduler scheduler, Duration timeout) {
    this.scheduler = scheduler;
    this.timeoutMillis = timeout.toMillis();
  }

  @Override
  public void onOpened(Connection connection) {
    AtomicLong phase = new AtomicLong();
    phases.put(connection, phase);
    arm(connection, phase);
  }

  @Override
  public void onClosed(Connection connection) {
    phases.remove(connection);
  }

  /** A request head arrived on {@code connection}: its deadline no longer applies. */
  void headArrived(Connection connection) {
    AtomicLong phase = phases.get(connection);
    if (phase != null) {
      phase.incrementAndGet();
    }
  }

  /** A request on {@code connection} finished: the next request head has a new deadline. */
  void requestFinished(Connection connection) {
    AtomicLong phase = phases.get(connection);
    if (phase != null) {
      arm(connection, phase);
    }
  }

  private void arm(Connection connection, AtomicLong phase) {
    long armed = phase.incrementAndGet();
    scheduler.schedule(
        () -> {
          if (phase.get() == armed && phases.containsKey(connection)) {
            log.atDebug().setMessage(CLOSED).addKeyValue("timeout_ms", timeoutMillis).log();
            connection.getEndPoint().close();
          }
        },
        timeoutMillis,
        TimeUnit.MILLISECONDS);
  }
}
