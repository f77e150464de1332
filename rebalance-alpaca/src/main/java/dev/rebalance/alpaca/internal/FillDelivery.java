package dev.rebalance.alpaca.internal;

import dev.rebalance.api.broker.Fill;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trade-updates stream's delivery side: hands each fill to the listener once, in order, from
 * two sources (the socket and REST catch-ups), de-duplicated by fill id.
 *
 * <p>A catch-up fetches the fills since the start of the last <em>successful</em> catch-up minus an
 * overlap (REST views can lag the stream by seconds, Alpaca-API#276), never since the last
 * delivered fill: a fill that the stream skipped while REST had not shown it yet is still inside
 * the next window. A failed catch-up leaves the anchor where it was. While a catch-up runs, fills
 * from the socket wait and follow it in order; if it fails they are dropped, because the next
 * catch-up fetches them again from the unchanged anchor. A listener that throws gets the fill again
 * at the next catch-up.
 *
 * <p>Thread-safe; catch-ups never overlap.
 */
public final class FillDelivery {
  private static final Logger log = LoggerFactory.getLogger(FillDelivery.class);

  private final Consumer<Fill> listener;
  private final Clock clock;
  private final Duration overlap;
  private final ReentrantLock catchUpLock = new ReentrantLock();
  private final Object lock = new Object();
  private final Map<String, Instant> seen = new HashMap<>();
  private final List<Fill> held = new ArrayList<>();
  private boolean holding;
  private Instant anchor;
  private @Nullable Instant redeliverFrom;
  private int pruneAt = 10_000;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong duplicates = new AtomicLong();
  private final AtomicLong caughtUp = new AtomicLong();

  /**
   * @param listener receives each fill once
   * @param clock the time a catch-up starts, for its anchor
   * @param overlap how far before the anchor a catch-up starts
   * @param from the first catch-up's anchor
   */
  public FillDelivery(Consumer<Fill> listener, Clock clock, Duration overlap, Instant from) {
    this.listener = listener;
    this.clock = clock;
    this.overlap = overlap;
    this.anchor = from;
  }

  /** Fills handed to the listener. @return the count */
  public long deliveredCount() {
    return delivered.get();
  }

  /** Fills seen again and dropped. @return the count */
  public long duplicateCount() {
    return duplicates.get();
  }

  /** Fills delivered by a catch-up. @return the count */
  public long caughtUpCount() {
    return caughtUp.get();
  }

  /**
   * When the last successful catch-up started (or the first anchor).
   *
   * @return the anchor
   */
  public Instant anchor() {
    synchronized (lock) {
      return anchor;
    }
  }

  /** Holds socket fills from now until the next catch-up ends (a new connection listens). */
  public void hold() {
    synchronized (lock) {
      holding = true;
    }
  }

  /** Drops held fills: the connection failed before its catch-up; the next one fetches them. */
  public void dropHeld() {
    synchronized (lock) {
      holding = false;
      held.clear();
    }
  }

  /**
   * A fill from the socket: delivered now, or held while a catch-up runs.
   *
   * @param f the fill
   */
  public void offer(Fill f) {
    synchronized (lock) {
      if (holding) {
        held.add(f);
      } else {
        deliver(f);
      }
    }
  }

  /**
   * Catches up now, waiting for a running catch-up to end first.
   *
   * @param fetch fills since a time, such as {@code broker::fillsSince}
   * @throws RuntimeException what {@code fetch} threw; the anchor stays
   */
  public void catchUp(Function<Instant, List<Fill>> fetch) {
    catchUpLock.lock();
    try {
      run(fetch);
    } finally {
      catchUpLock.unlock();
    }
  }

  /**
   * Catches up unless one is running already.
   *
   * @param fetch fills since a time
   * @return false when another catch-up was running and this one was skipped
   */
  public boolean tryCatchUp(Function<Instant, List<Fill>> fetch) {
    if (!catchUpLock.tryLock()) {
      return false;
    }
    try {
      run(fetch);
      return true;
    } finally {
      catchUpLock.unlock();
    }
  }

  private void run(Function<Instant, List<Fill>> fetch) {
    Instant started = clock.instant();
    Instant from;
    synchronized (lock) {
      holding = true;
      from = anchor.minus(overlap);
      if (redeliverFrom != null && redeliverFrom.isBefore(from)) {
        from = redeliverFrom;
      }
    }
    boolean ok = false;
    try {
      List<Fill> fills = fetch.apply(from);
      synchronized (lock) {
        long before = delivered.get();
        redeliverFrom = null;
        for (Fill f : fills) {
          deliver(f);
        }
        long n = delivered.get() - before;
        caughtUp.addAndGet(n);
        if (started.isAfter(anchor)) {
          anchor = started;
        }
        log.atInfo()
            .setMessage(AlpacaLogEvents.STREAM_CATCH_UP)
            .addKeyValue("since", from)
            .addKeyValue("fetched", fills.size())
            .addKeyValue("delivered", n)
            .log();
      }
      ok = true;
    } finally {
      synchronized (lock) {
        holding = false;
        if (ok) {
          held.sort(Comparator.comparing(Fill::timestamp).thenComparing(Fill::id));
          for (Fill f : held) {
            deliver(f);
          }
        }
        held.clear();
      }
    }
  }

  /** Caller holds {@code lock}. */
  private void deliver(Fill f) {
    if (seen.containsKey(f.id())) {
      duplicates.incrementAndGet();
      log.atDebug()
          .setMessage(AlpacaLogEvents.FILL_DUPLICATE_DROPPED)
          .addKeyValue("fill_id", f.id())
          .addKeyValue("symbol", f.symbol())
          .log();
      return;
    }
    try {
      listener.accept(f);
    } catch (RuntimeException e) {
      if (redeliverFrom == null || f.timestamp().isBefore(redeliverFrom)) {
        redeliverFrom = f.timestamp();
      }
      log.atError()
          .setMessage(AlpacaLogEvents.FILL_LISTENER_FAILED)
          .addKeyValue("fill_id", f.id())
          .addKeyValue("listener_error", e.getClass().getSimpleName())
          .setCause(e)
          .log();
      return;
    }
    seen.put(f.id(), f.timestamp());
    delivered.incrementAndGet();
    prune();
  }

  private void prune() {
    if (seen.size() < pruneAt) {
      return;
    }
    Instant keepAfter = anchor.minus(overlap).minus(Duration.ofHours(1));
    for (Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().isBefore(keepAfter)) {
        it.remove();
      }
    }
    pruneAt = Math.max(10_000, seen.size() * 2);
  }
}
