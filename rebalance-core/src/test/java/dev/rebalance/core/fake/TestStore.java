package dev.rebalance.core.fake;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.TrackerStoreException;
import dev.rebalance.api.spi.TrackerStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A minimal synchronized in-memory store for core's tests: it counts history queries and writes,
 * can refuse writes after a number of them ({@link #failWritesAfter}), and records every intent
 * version written ({@link #intentWrites}, {@link #writeLog}) for asserting the executor's steps.
 */
public final class TestStore implements TrackerStore {
  private final Map<String, TreeMap<String, TrackedEntry>> entries = new HashMap<>();
  private final Map<String, TreeMap<String, PositionLock>> locks = new HashMap<>();
  private final Map<String, List<RebalanceEvent>> history = new HashMap<>();
  private final Map<String, Instant> last = new HashMap<>();
  public final AtomicInteger historyQueries = new AtomicInteger();
  public final AtomicInteger writes = new AtomicInteger();
  public volatile int failWritesAfter = Integer.MAX_VALUE;

  private final Map<String, LinkedHashMap<String, SwapIntent>> intents = new HashMap<>();

  /** Every intent version ever written, in order, per id (for asserting the step sequence). */
  public final Map<String, List<SwapIntent>> intentWrites = new LinkedHashMap<>();

  /** Every intent write across all ids, in order. */
  public final List<SwapIntent> writeLog = new ArrayList<>();

  /** Called before every intent write; may throw to simulate a crash or a failing store. */
  public volatile Consumer<SwapIntent> beforePutIntent = i -> {};

  private void write() {
    if (writes.incrementAndGet() > failWritesAfter) {
      throw new TrackerStoreException("test store: write refused");
    }
  }

  @Override
  public synchronized Optional<TrackedEntry> entry(String account, String symbol) {
    return Optional.ofNullable(entries.getOrDefault(account, new TreeMap<>()).get(symbol));
  }

  @Override
  public synchronized List<TrackedEntry> entries(String account) {
    return List.copyOf(entries.getOrDefault(account, new TreeMap<>()).values());
  }

  @Override
  public synchronized void putEntry(String account, TrackedEntry entry) {
    write();
    entries.computeIfAbsent(account, a -> new TreeMap<>()).put(entry.symbol(), entry);
  }

  @Override
  public synchronized boolean removeEntry(String account, String symbol) {
    write();
    return entries.getOrDefault(account, new TreeMap<>()).remove(symbol) != null;
  }

  @Override
  public synchronized List<PositionLock> locks(String account) {
    return List.copyOf(locks.getOrDefault(account, new TreeMap<>()).values());
  }

  @Override
  public synchronized void putLock(String account, PositionLock lock) {
    write();
    locks.computeIfAbsent(account, a -> new TreeMap<>()).put(lock.symbol(), lock);
  }

  @Override
  public synchronized boolean removeLock(String account, String symbol) {
    write();
    return locks.getOrDefault(account, new TreeMap<>()).remove(symbol) != null;
  }

  @Override
  public synchronized int removeAllLocks(String account) {
    write();
    TreeMap<String, PositionLock> m = locks.getOrDefault(account, new TreeMap<>());
    int n = m.size();
    m.clear();
    return n;
  }

  @Override
  public synchronized boolean appendHistory(String account, RebalanceEvent event) {
    write();
    List<RebalanceEvent> events = history.computeIfAbsent(account, a -> new ArrayList<>());
    if (event.swapId().isPresent()
        && events.stream().anyMatch(e -> e.swapId().equals(event.swapId()))) {
      return false;
    }
    events.add(event);
    return true;
  }

  @Override
  public synchronized List<RebalanceEvent> history(String account, int limit, int offset) {
    historyQueries.incrementAndGet();
    List<RebalanceEvent> all = new ArrayList<>(history.getOrDefault(account, List.of()));
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      idx.add(i);
    }
    idx.sort(
        Comparator.comparing((Integer i) -> all.get(i).timestamp())
            .thenComparing(i -> i)
            .reversed());
    return idx.stream().skip(offset).limit(limit).map(all::get).toList();
  }

  @Override
  public synchronized HistoryStats historyStats(String account) {
    List<RebalanceEvent> all = history.getOrDefault(account, List.of());
    if (all.isEmpty()) {
      return HistoryStats.empty();
    }
    return HistoryStats.builder()
        .count(all.size())
        .sumScoreDiff(
            all.stream().map(RebalanceEvent::scoreDiff).reduce(BigDecimal.ZERO, BigDecimal::add))
        .minScoreDiff(all.stream().map(RebalanceEvent::scoreDiff).min(Comparator.naturalOrder()))
        .maxScoreDiff(all.stream().map(RebalanceEvent::scoreDiff).max(Comparator.naturalOrder()))
        .lastTimestamp(all.stream().map(RebalanceEvent::timestamp).max(Comparator.naturalOrder()))
        .build();
  }

  @Override
  public synchronized Optional<Instant> lastRebalance(String account) {
    return Optional.ofNullable(last.get(account));
  }

  @Override
  public synchronized boolean claimRebalance(String account, Instant at, Duration cooldown) {
    Instant l = last.get(account);
    if (l == null || !at.isBefore(l.plus(cooldown))) {
      write();
      last.put(account, at);
      return true;
    }
    return false;
  }

  @Override
  public synchronized void setLastRebalance(String account, Instant at) {
    write();
    last.put(account, at);
  }

  @Override
  public synchronized void putIntent(String account, SwapIntent intent) {
    beforePutIntent.accept(intent);
    write();
    intents.computeIfAbsent(account, a -> new LinkedHashMap<>()).put(intent.id(), intent);
    intentWrites.computeIfAbsent(intent.id(), i -> new ArrayList<>()).add(intent);
    writeLog.add(intent);
  }

  @Override
  public synchronized Optional<SwapIntent> intent(String account, String id) {
    return Optional.ofNullable(intents.getOrDefault(account, new LinkedHashMap<>()).get(id));
  }

  @Override
  public synchronized List<SwapIntent> openIntents(String account) {
    return intents.getOrDefault(account, new LinkedHashMap<>()).values().stream()
        .filter(i -> !i.status().isTerminal())
        .sorted(Comparator.comparing(SwapIntent::createdAt))
        .toList();
  }

  /** Every intent of {@code account}, open or done, in the order first written. */
  public synchronized List<SwapIntent> allIntents(String account) {
    return List.copyOf(intents.getOrDefault(account, new LinkedHashMap<>()).values());
  }

  private final Set<String> appliedFills = new HashSet<>();
  private final Map<String, Instant> watermarks = new HashMap<>();

  @Override
  public synchronized boolean applyFill(String account, String fillId, EntryChange change) {
    if (appliedFills.contains(account + "\u0000" + fillId)) {
      return false;
    }
    write();
    appliedFills.add(account + "\u0000" + fillId);
    change
        .put()
        .ifPresent(e -> entries.computeIfAbsent(account, a -> new TreeMap<>()).put(e.symbol(), e));
    change.remove().ifPresent(s -> entries.getOrDefault(account, new TreeMap<>()).remove(s));
    return true;
  }

  @Override
  public synchronized boolean fillApplied(String account, String fillId) {
    return appliedFills.contains(account + "\u0000" + fillId);
  }

  @Override
  public synchronized Optional<Instant> fillWatermark(String account) {
    return Optional.ofNullable(watermarks.get(account));
  }

  @Override
  public synchronized Instant advanceFillWatermark(String account, Instant to) {
    write();
    return watermarks.merge(account, to, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** The accounts with any state (TrackerStore clause 12). */
  @Override
  public synchronized List<String> accounts() {
    TreeSet<String> ids = new TreeSet<>();
    entries.forEach(
        (a, m) -> {
          if (!m.isEmpty()) {
            ids.add(a);
          }
        });
    locks.forEach(
        (a, m) -> {
          if (!m.isEmpty()) {
            ids.add(a);
          }
        });
    history.forEach(
        (a, h) -> {
          if (!h.isEmpty()) {
            ids.add(a);
          }
        });
    ids.addAll(last.keySet());
    appliedFills.forEach(k -> ids.add(k.substring(0, k.indexOf('\u0000'))));
    ids.addAll(watermarks.keySet());
    intents.forEach(
        (a, m) -> {
          if (!m.isEmpty()) {
            ids.add(a);
          }
        });
    return List.copyOf(ids);
  }

  @Override
  public void close() {}
}
