package dev.rebalance.core.fake;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/** A minimal synchronized in-memory store for executor and reconciler tests. */
public final class TestStore implements TrackerStore {
  private final Map<String, TreeMap<String, TrackedEntry>> entries = new HashMap<>();
  private final Map<String, TreeMap<String, PositionLock>> locks = new HashMap<>();
  private final Map<String, List<RebalanceEvent>> history = new HashMap<>();
  private final Map<String, Instant> last = new HashMap<>();
  private final Map<String, LinkedHashMap<String, SwapIntent>> intents = new HashMap<>();

  /** Every intent version ever written, in order, per id (for asserting the step sequence). */
  public final Map<String, List<SwapIntent>> intentWrites = new LinkedHashMap<>();

  /** Every intent write across all ids, in order. */
  public final List<SwapIntent> writeLog = new ArrayList<>();

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
    entries.computeIfAbsent(account, a -> new TreeMap<>()).put(entry.symbol(), entry);
  }

  @Override
  public synchronized boolean removeEntry(String account, String symbol) {
    return entries.getOrDefault(account, new TreeMap<>()).remove(symbol) != null;
  }

  @Override
  public synchronized List<PositionLock> locks(String account) {
    return List.copyOf(locks.getOrDefault(account, new TreeMap<>()).values());
  }

  @Override
  public synchronized void putLock(String account, PositionLock lock) {
    locks.computeIfAbsent(account, a -> new TreeMap<>()).put(lock.symbol(), lock);
  }

  @Override
  public synchronized boolean removeLock(String account, String symbol) {
    return locks.getOrDefault(account, new TreeMap<>()).remove(symbol) != null;
  }

  @Override
  public synchronized int removeAllLocks(String account) {
    TreeMap<String, PositionLock> m = locks.remove(account);
    return m == null ? 0 : m.size();
  }

  @Override
  public synchronized boolean appendHistory(String account, RebalanceEvent event) {
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
    List<RebalanceEvent> all = new ArrayList<>(history.getOrDefault(account, List.of()));
    java.util.Collections.reverse(all);
    all.sort(Comparator.comparing(RebalanceEvent::timestamp).reversed());
    return List.copyOf(
        all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size())));
  }

  @Override
  public synchronized HistoryStats historyStats(String account) {
    throw new UnsupportedOperationException("not needed by these tests");
  }

  @Override
  public synchronized Optional<Instant> lastRebalance(String account) {
    return Optional.ofNullable(last.get(account));
  }

  @Override
  public synchronized boolean claimRebalance(String account, Instant at, Duration cooldown) {
    Instant prev = last.get(account);
    if (prev == null || !at.isBefore(prev.plus(cooldown))) {
      last.put(account, at);
      return true;
    }
    return false;
  }

  @Override
  public synchronized void setLastRebalance(String account, Instant at) {
    last.put(account, at);
  }

  /** Called before every intent write; may throw to simulate a crash or a failing store. */
  public volatile java.util.function.Consumer<SwapIntent> beforePutIntent = i -> {};

  @Override
  public synchronized void putIntent(String account, SwapIntent intent) {
    beforePutIntent.accept(intent);
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

  public synchronized List<SwapIntent> allIntents(String account) {
    return List.copyOf(intents.getOrDefault(account, new LinkedHashMap<>()).values());
  }

  private final java.util.Set<String> appliedFills = new java.util.HashSet<>();
  private final java.util.Map<String, Instant> watermarks = new java.util.HashMap<>();

  @Override
  public synchronized boolean applyFill(
      String account, String fillId, dev.rebalance.api.EntryChange change) {
    if (appliedFills.contains(account + "\u0000" + fillId)) {
      return false;
    }
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
    intents.forEach(
        (a, m) -> {
          if (!m.isEmpty()) {
            ids.add(a);
          }
        });
    ids.addAll(last.keySet());
    appliedFills.forEach(k -> ids.add(k.substring(0, k.indexOf('\u0000'))));
    ids.addAll(watermarks.keySet());
    return List.copyOf(ids);
  }

  @Override
  public void close() {}
}
