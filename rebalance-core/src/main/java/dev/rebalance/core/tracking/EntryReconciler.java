package dev.rebalance.core.tracking;

import dev.rebalance.api.BrokerException;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.InvalidConfigException;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.broker.Broker;
import dev.rebalance.api.broker.BrokerPosition;
import dev.rebalance.api.broker.Fill;
import dev.rebalance.api.broker.PositionSide;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.internal.BuilderChecks;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.internal.RunWalk;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up reconciliation of tracked entries against the broker: run it once before the first scan
 * (and whenever the fill stream may have missed something).
 *
 * <ul>
 *   <li>For each held position without a tracked entry, walks back the broker's fill history
 *       ({@link Broker#fillsBefore}, newest first, page by page up to a bound), accumulating signed
 *       quantities backwards from the current quantity until the position was flat. The fill at
 *       which it last went from flat to held is the opening fill: its time becomes the entry time
 *       and the average price of the fills since then the entry price, recorded with source {@link
 *       EntrySource#RECONCILIATION}.
 *   <li>If the history runs out (or the bound is reached) before the position was flat, the entry
 *       stays unknown and {@code no_tracked_entry_time} is logged: a time is never invented.
 *   <li>Each tracked entry whose symbol the broker no longer holds is closed ({@code
 *       position_exit_tracked}).
 * </ul>
 *
 * <p>Entries that are already tracked are left alone. A reconciler holds no mutable state and is
 * thread-safe; running it while a fill stream writes entries is safe for the stream's entries (an
 * entry is only written where none exists a moment before).
 */
public final class EntryReconciler {
  private static final Logger log = LoggerFactory.getLogger(EntryReconciler.class);

  /** The largest page asked for when many fills share one timestamp. */
  private static final int MAX_LIMIT = 1000;

  private final Broker broker;
  private final TrackerStore store;
  private final String account;
  private final Clock clock;
  private final int pageSize;
  private final int maxPages;

  private EntryReconciler(Builder b) {
    this.broker = Objects.requireNonNull(b.broker, "broker");
    this.store = Objects.requireNonNull(b.store, "store");
    this.account = Objects.requireNonNull(b.account, "account");
    this.clock = b.clock;
    this.pageSize = b.pageSize;
    this.maxPages = b.maxPages;
  }

  /**
   * A new builder.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reconciles the account's entries with the broker's positions and fill history.
   *
   * @return what was reconstructed, left unknown, closed, and already tracked
   * @throws BrokerException if the broker's positions cannot be read (nothing is changed then)
   * @throws dev.rebalance.api.TrackerStoreException if the store fails
   */
  public ReconciliationReport reconcile() {
    Instant now = clock.instant();
    List<BrokerPosition> held = broker.positions();
    Map<String, TrackedEntry> tracked = new LinkedHashMap<>();
    store.entries(account).forEach(e -> tracked.put(e.symbol(), e));
    ReconciliationReport.Builder report = ReconciliationReport.builder();
    Set<String> heldSymbols = new HashSet<>();
    for (BrokerPosition p : held) {
      if (p.qty().signum() == 0) {
        continue;
      }
      if (p.side() == PositionSide.SHORT) {
        // Entries track long positions only: a short is never an entry (and a long entry of a
        // symbol now held short is closed below).
        log.atInfo()
            .setMessage(LogEvents.POSITION_EXCLUDED)
            .addKeyValue("account", account)
            .addKeyValue("symbol", p.symbol())
            .addKeyValue("reason", "short position is not tracked")
            .log();
        continue;
      }
      heldSymbols.add(p.symbol());
      if (tracked.containsKey(p.symbol())) {
        report.addAlreadyTracked(p.symbol());
        continue;
      }
      Walked walked = walk(p, now);
      if (walked.entry().isPresent()) {
        TrackedEntry entry = walked.entry().get();
        if (store.entry(account, p.symbol()).isPresent()) {
          report.addAlreadyTracked(p.symbol()); // the fill stream got there first
          continue;
        }
        store.putEntry(account, entry);
        report.addReconstructed(entry);
        log.atInfo()
            .setMessage(LogEvents.POSITION_ENTRY_TRACKED)
            .addKeyValue("account", account)
            .addKeyValue("symbol", entry.symbol())
            .addKeyValue("entry_time", entry.entryTime())
            .addKeyValue("entry_price", entry.entryPrice().map(x -> x.toPlainString()).orElse(""))
            .addKeyValue("qty", p.qty().toPlainString())
            .addKeyValue("source", EntrySource.RECONCILIATION)
            .addKeyValue("fills_walked", walked.fillsWalked())
            .log();
      } else {
        report.putUnknown(p.symbol(), walked.reason());
        log.atWarn()
            .setMessage(LogEvents.NO_TRACKED_ENTRY_TIME)
            .addKeyValue("account", account)
            .addKeyValue("symbol", p.symbol())
            .addKeyValue("qty", p.qty().toPlainString())
            .addKeyValue("reason", walked.reason())
            .addKeyValue("fills_walked", walked.fillsWalked())
            .log();
      }
    }
    for (TrackedEntry e : tracked.values()) {
      if (!heldSymbols.contains(e.symbol()) && store.removeEntry(account, e.symbol())) {
        report.addClosed(e);
        log.atInfo()
            .setMessage(LogEvents.POSITION_EXIT_TRACKED)
            .addKeyValue("account", account)
            .addKeyValue("symbol", e.symbol())
            .addKeyValue("entry_time", e.entryTime())
            .addKeyValue("source", "reconciliation")
            .log();
      }
    }
    ReconciliationReport result = report.build();
    log.atInfo()
        .setMessage(LogEvents.ENTRIES_RECONCILED)
        .addKeyValue("account", account)
        .addKeyValue("reconstructed", result.reconstructed().size())
        .addKeyValue("unknown", result.unknown().size())
        .addKeyValue("closed", result.closed().size())
        .addKeyValue("already_tracked", result.alreadyTracked().size())
        .log();
    return result;
  }

  private record Walked(Optional<TrackedEntry> entry, String reason, int fillsWalked) {}

  private Walked walk(BrokerPosition p, Instant now) {
    RunWalk walk = new RunWalk(p.qty());
    Set<String> seen = new HashSet<>();
    Instant until = now;
    int limit = pageSize;
    int pages = 0;
    try {
      while (pages < maxPages) {
        List<Fill> page = broker.fillsBefore(p.symbol(), until, limit);
        pages++;
        boolean fresh = false;
        for (Fill f : page) {
          if (!f.symbol().equals(p.symbol()) || !seen.add(f.id())) {
            continue;
          }
          fresh = true;
          if (walk.accept(f)) {
            Fill opening = walk.opening().orElseThrow();
            TrackedEntry.Builder entry =
                TrackedEntry.builder()
                    .symbol(p.symbol())
                    .entryTime(opening.timestamp())
                    .qty(p.qty().abs())
                    .source(EntrySource.RECONCILIATION);
            walk.averagePrice().ifPresent(entry::entryPrice);
            return new Walked(Optional.of(entry.build()), "", walk.fillsWalked());
          }
        }
        if (page.size() < limit) {
          return new Walked(
              Optional.empty(),
              "the fill history ends before the position was flat ("
                  + walk.fillsWalked()
                  + " fills walked)",
              walk.fillsWalked());
        }
        // Pages include `until`, so the next page starts at the oldest time seen and fills seen
        // twice are skipped by id. A full page of nothing new means more fills share one time
        // than a page holds: ask for a larger page at the same time, then step past it.
        Instant oldest = page.get(page.size() - 1).timestamp();
        if (fresh) {
          until = oldest;
          limit = pageSize;
        } else if (limit < MAX_LIMIT) {
          limit = Math.min(limit * 2, MAX_LIMIT);
        } else {
          until = oldest.minusNanos(1);
          limit = pageSize;
        }
      }
    } catch (BrokerException e) {
      return new Walked(
          Optional.empty(),
          "the fill history could not be read: " + e.getMessage(),
          walk.fillsWalked());
    }
    return new Walked(
        Optional.empty(),
        "walked back "
            + walk.fillsWalked()
            + " fills in "
            + maxPages
            + " pages (the limit) without reaching a flat position",
        walk.fillsWalked());
  }

  /**
   * Builds an {@link EntryReconciler}. {@code broker}, {@code store} and {@code account} are
   * required; the builder is not thread-safe, the reconciler it builds is.
   */
  public static final class Builder {
    private @Nullable Broker broker;
    private @Nullable TrackerStore store;
    private @Nullable String account;
    private Clock clock = Clock.systemUTC();
    private int pageSize = 100;
    private int maxPages = 50;

    private Builder() {}

    /**
     * The broker whose positions and fills are read. Required.
     *
     * @param broker the broker
     * @return this builder
     */
    public Builder broker(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      return this;
    }

    /**
     * The store whose entries are reconciled. Required.
     *
     * @param store the store
     * @return this builder
     */
    public Builder store(TrackerStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * The account id. Required.
     *
     * @param account the account id
     * @return this builder
     */
    public Builder account(String account) {
      this.account = Objects.requireNonNull(account, "account");
      return this;
    }

    /**
     * The time source; the walk starts at its current instant. Default {@link Clock#systemUTC()}.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Fills asked for per page (Alpaca allows at most 100). Default 100; 1 to 1000.
     *
     * @param pageSize the page size
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      this.pageSize = pageSize;
      return this;
    }

    /**
     * The most pages walked back per symbol before giving up (the entry then stays unknown).
     * Default 50; {@code >= 1}.
     *
     * @param maxPages the bound
     * @return this builder
     */
    public Builder maxPages(int maxPages) {
      this.maxPages = maxPages;
      return this;
    }

    /**
     * Builds the reconciler.
     *
     * @return the reconciler
     * @throws InvalidConfigException naming the field when a required one is missing or a value is
     *     out of range
     */
    public EntryReconciler build() {
      BuilderChecks.brokerStoreAccount(broker, store, account);
      if (pageSize < 1 || pageSize > 1000) {
        throw new InvalidConfigException("pageSize must be in [1, 1000], was " + pageSize);
      }
      if (maxPages < 1) {
        throw new InvalidConfigException("maxPages must be >= 1, was " + maxPages);
      }
      return new EntryReconciler(this);
    }
  }
}
