package dev.rebalance.core;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.execution.ExecutionResult;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.EntryContext;
import dev.rebalance.core.tracking.FillOutcome;
import dev.rebalance.core.tracking.PositionTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's fills: the catch-up from the stored watermark, single fills from a stream, and the
 * score and reason each purchase was made for. Every fill goes through the tracker, which applies
 * it exactly once through the store. Thread-safe.
 */
final class FillIntake {
  private static final Logger log = LoggerFactory.getLogger(RebalanceSession.class);
  private static final int REMEMBERED_ORDERS = 10_000;

  private final TrackerStore store;
  private final Broker broker;
  private final String account;
  private final Clock clock;
  private final Duration overlap;
  private final PositionTracker tracker;
  private final Map<String, EntryContext> contextByOrder =
      new LinkedHashMap<>(64, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EntryContext> eldest) {
          return size() > REMEMBERED_ORDERS;
        }
      };

  FillIntake(TrackerStore store, Broker broker, String account, Clock clock, Duration overlap) {
    this.store = store;
    this.broker = broker;
    this.account = account;
    this.clock = clock;
    this.overlap = overlap;
    this.tracker = PositionTracker.create(store, account);
  }

  /** Starts the watermark now on an account's first run (older fills are reconciliation's). */
  void startWatermarkIfAbsent() {
    if (store.fillWatermark(account).isEmpty()) {
      store.advanceFillWatermark(account, clock.instant());
    }
  }

  void expect(String orderId, EntryContext context) {
    synchronized (contextByOrder) {
      contextByOrder.put(orderId, context);
    }
  }

  /** Remembers the score and reason a swap's purchase was made for. */
  void expectPurchase(ExecutionResult r) {
    r.intent()
        .ifPresent(
            it ->
                it.buyOrderId()
                    .ifPresent(
                        id ->
                            expect(
                                id,
                                EntryContext.of(
                                    it.newScore(), "rebalance from " + r.sellSymbol()))));
  }

  FillOutcome apply(Fill fill) {
    EntryContext context;
    synchronized (contextByOrder) {
      context = contextByOrder.getOrDefault(fill.orderId(), EntryContext.none());
    }
    return tracker.onFill(fill, context);
  }

  /**
   * Applies the fills since the watermark minus the overlap, then moves the watermark to the time
   * this catch-up started.
   *
   * @return {applied, already applied}
   */
  int[] catchUp(StepFailures failures) {
    int[] counts = new int[2];
    Instant startedAt = clock.instant();
    Instant since = store.fillWatermark(account).orElse(startedAt).minus(overlap);
    List<Fill> fills;
    try {
      fills = new ArrayList<>(broker.fillsSince(since));
    } catch (BrokerException e) {
      failures.add("fills", e);
      return counts;
    }
    fills.sort(Comparator.comparing(Fill::timestamp));
    for (Fill f : fills) {
      counts[apply(f) == FillOutcome.DUPLICATE ? 1 : 0]++;
    }
    store.advanceFillWatermark(account, startedAt);
    if (counts[0] > 0) {
      log.atInfo()
          .setMessage(LogEvents.FILLS_CAUGHT_UP)
          .addKeyValue("account", account)
          .addKeyValue("since", since)
          .addKeyValue("applied", counts[0])
          .addKeyValue("already_applied", counts[1])
          .log();
    }
    return counts;
  }
}
