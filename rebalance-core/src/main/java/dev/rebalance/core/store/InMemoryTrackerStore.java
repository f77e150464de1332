package dev.rebalance.core.store;

import static dev.rebalance.core.store.internal.StoreArgs.notNull;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.internal.AccountState;
import dev.rebalance.core.store.internal.StoreArgs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link TrackerStore} that keeps everything in memory: for tests, examples and short-lived
 * tools. Nothing survives the process; every instance starts empty. It keeps the whole SPI contract
 * (the TCK runs against it), including an atomic {@link #claimRebalance}, and its history queries
 * cost O(log n + limit + offset).
 *
 * <pre>{@code
 * try (TrackerStore store = new InMemoryTrackerStore()) {
 *   store.putLock("default", PositionLock.builder().symbol("BRK.B").lockedAt(now).build());
 * }
 * }</pre>
 *
 * <p>Thread-safe: reads share a read lock, writes take a write lock.
 */
public final class InMemoryTrackerStore implements TrackerStore {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, AccountState> accounts = new HashMap<>();
  private final Map<String, TreeMap<HistoryKey, RebalanceEvent>> history = new HashMap<>();
  private long sequence;

  private record HistoryKey(Instant timestamp, long seq) implements Comparable<HistoryKey> {
    @Override
    public int compareTo(HistoryKey o) {
      int c = timestamp.compareTo(o.timestamp);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** An empty store. */
  public InMemoryTrackerStore() {}

  private AccountState read(String account) {
    AccountState a = accounts.get(notNull(account, "account"));
    return a == null ? new AccountState() : a;
  }

  private AccountState write(String account) {
    return accounts.computeIfAbsent(notNull(account, "account"), k -> new AccountState());
  }

  @Override
  public Optional<TrackedEntry> entry(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    lock.readLock().lock();
    try {
      return Optional.ofNullable(read(account).entries.get(symbol));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<TrackedEntry> entries(String account) {
    StoreArgs.account(account);
    lock.readLock().lock();
    try {
      return List.copyOf(read(account).entries.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void putEntry(String account, TrackedEntry entry) {
    StoreArgs.account(account);
    notNull(entry, "entry");
    lock.writeLock().lock();
    try {
      write(account).entries.put(entry.symbol(), entry);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean removeEntry(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    lock.writeLock().lock();
    try {
      return write(account).entries.remove(symbol) != null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<PositionLock> locks(String account) {
    StoreArgs.account(account);
    lock.readLock().lock();
    try {
      return List.copyOf(read(account).locks.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void putLock(String account, PositionLock positionLock) {
    StoreArgs.account(account);
    notNull(positionLock, "lock");
    lock.writeLock().lock();
    try {
      write(account).locks.put(positionLock.symbol(), positionLock);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean removeLock(String account, String symbol) {
    StoreArgs.account(account);
    notNull(symbol, "symbol");
    lock.writeLock().lock();
    try {
      return write(account).locks.remove(symbol) != null;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public int removeAllLocks(String account) {
    StoreArgs.account(account);
    lock.writeLock().lock();
    try {
      AccountState a = write(account);
      int n = a.locks.size();
      a.locks.clear();
      return n;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean appendHistory(String account, RebalanceEvent event) {
    StoreArgs.account(account);
    notNull(event, "event");
    lock.writeLock().lock();
    try {
      AccountState a = write(account);
      if (event.swapId().isPresent() && !a.swapIds.add(event.swapId().get())) {
        return false;
      }
      a.history.add(event);
      history
          .computeIfAbsent(account, k -> new TreeMap<>())
          .put(new HistoryKey(event.timestamp(), sequence++), event);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public List<RebalanceEvent> history(String account, int limit, int offset) {
    StoreArgs.account(account);
    StoreArgs.page(limit, offset);
    lock.readLock().lock();
    try {
      TreeMap<HistoryKey, RebalanceEvent> events = history.get(account);
      if (events == null || limit == 0) {
        return List.of();
      }
      List<RebalanceEvent> out = new ArrayList<>(Math.min(limit, events.size()));
      Iterator<RebalanceEvent> it = events.descendingMap().values().iterator();
      for (int skipped = 0; skipped < offset && it.hasNext(); skipped++) {
        it.next();
      }
      while (it.hasNext() && out.size() < limit) {
        out.add(it.next());
      }
      return List.copyOf(out);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public HistoryStats historyStats(String account) {
    StoreArgs.account(account);
    lock.readLock().lock();
    try {
      return read(account).history.stats();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Instant> lastRebalance(String account) {
    StoreArgs.account(account);
    lock.readLock().lock();
    try {
      return read(account).lastRebalance();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean claimRebalance(String account, Instant at, Duration cooldown) {
    StoreArgs.account(account);
    notNull(at, "at");
    StoreArgs.cooldown(cooldown);
    lock.writeLock().lock();
    try {
      AccountState a = write(account);
      if (!a.claimAllowed(at, cooldown)) {
        return false;
      }
      a.lastRebalance = at;
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void setLastRebalance(String account, Instant at) {
    StoreArgs.account(account);
    notNull(at, "at");
    lock.writeLock().lock();
    try {
      write(account).lastRebalance = at;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void putIntent(String account, SwapIntent intent) {
    StoreArgs.account(account);
    notNull(intent, "intent");
    lock.writeLock().lock();
    try {
      write(account).intents.put(intent.id(), intent);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<SwapIntent> intent(String account, String id) {
    StoreArgs.account(account);
    notNull(id, "id");
    lock.readLock().lock();
    try {
      return Optional.ofNullable(read(account).intents.get(id));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<SwapIntent> openIntents(String account) {
    StoreArgs.account(account);
    lock.readLock().lock();
    try {
      return read(account).openIntents();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean applyFill(String account, String fillId, EntryChange change) {
    StoreArgs.account(account);
    StoreArgs.fillId(fillId);
    notNull(change, "change");
    lock.writeLock().lock();
    try {
      AccountState a = write(account);
      if (a.fills.contains(fillId)) {
        return false;
      }
      a.applyFill(fillId, change);
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean fillApplied(String account, String fillId) {
    StoreArgs.account(account);
    notNull(fillId, "fillId");
    lock.readLock().lock();
    try {
      return read(account).fills.contains(fillId);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<Instant> fillWatermark(String account) {
    StoreArgs.account(account);
    lock.readLock().lock();
    try {
      return Optional.ofNullable(read(account).fillWatermark);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Instant advanceFillWatermark(String account, Instant to) {
    StoreArgs.account(account);
    notNull(to, "to");
    lock.writeLock().lock();
    try {
      return write(account).advanceFillWatermark(to);
    } finally {
      lock.writeLock().unlock();
    }
  }

  // ---- Clause 12: listing accounts --------------------------------------------------------------

  @Override
  public List<String> accounts() {
    lock.readLock().lock();
    try {
      return accounts.entrySet().stream()
          .filter(e -> !e.getValue().isEmpty())
          .map(Map.Entry::getKey)
          .sorted()
          .toList();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Does nothing: there is nothing to release. The store stays usable. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return "InMemoryTrackerStore";
  }
}
