package dev.rebalance.tck.internal;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import java.math.BigDecimal;
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

/**
 * The simplest possible reading of the {@code TrackerStore} contract, used as the oracle that the
 * kit's properties compare a real store against. Not thread-safe; one per property example.
 */
public final class StoreModel {
  private final Map<String, Account> accounts = new HashMap<>();

  private static final class Account {
    final TreeMap<String, TrackedEntry> entries = new TreeMap<>();
    final TreeMap<String, PositionLock> locks = new TreeMap<>();
    final List<RebalanceEvent> history = new ArrayList<>();
    final LinkedHashMap<String, SwapIntent> intents = new LinkedHashMap<>();
    Optional<Instant> lastRebalance = Optional.empty();
  }

  private Account account(String id) {
    return accounts.computeIfAbsent(id, k -> new Account());
  }

  /** See {@code TrackerStore#putEntry}. */
  public void putEntry(String account, TrackedEntry e) {
    account(account).entries.put(e.symbol(), e);
  }

  /** See {@code TrackerStore#removeEntry}. */
  public boolean removeEntry(String account, String symbol) {
    return account(account).entries.remove(symbol) != null;
  }

  /** See {@code TrackerStore#entries}. */
  public List<TrackedEntry> entries(String account) {
    return List.copyOf(account(account).entries.values());
  }

  /** See {@code TrackerStore#putLock}. */
  public void putLock(String account, PositionLock l) {
    account(account).locks.put(l.symbol(), l);
  }

  /** See {@code TrackerStore#removeLock}. */
  public boolean removeLock(String account, String symbol) {
    return account(account).locks.remove(symbol) != null;
  }

  /** See {@code TrackerStore#removeAllLocks}. */
  public int removeAllLocks(String account) {
    int n = account(account).locks.size();
    account(account).locks.clear();
    return n;
  }

  /** See {@code TrackerStore#locks}. */
  public List<PositionLock> locks(String account) {
    return List.copyOf(account(account).locks.values());
  }

  /** See {@code TrackerStore#appendHistory}. */
  public void appendHistory(String account, RebalanceEvent e) {
    account(account).history.add(e);
  }

  /** See {@code TrackerStore#history}. */
  public List<RebalanceEvent> history(String account, int limit, int offset) {
    List<RebalanceEvent> all = account(account).history;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    order.sort(
        Comparator.<Integer, Instant>comparing(i -> all.get(i).timestamp())
            .thenComparing(i -> i)
            .reversed());
    List<RebalanceEvent> out = new ArrayList<>();
    for (int i = offset; i < order.size() && out.size() < limit; i++) {
      out.add(all.get(order.get(i)));
    }
    return List.copyOf(out);
  }

  /** See {@code TrackerStore#historyStats}. */
  public HistoryStats historyStats(String account) {
    List<RebalanceEvent> all = account(account).history;
    if (all.isEmpty()) {
      return HistoryStats.empty();
    }
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal min = null;
    BigDecimal max = null;
    Instant last = null;
    for (RebalanceEvent e : all) {
      BigDecimal d = e.scoreDiff();
      sum = sum.add(d);
      min = min == null || d.compareTo(min) < 0 ? d : min;
      max = max == null || d.compareTo(max) > 0 ? d : max;
      last = last == null || e.timestamp().isAfter(last) ? e.timestamp() : last;
    }
    return HistoryStats.builder()
        .count(all.size())
        .sumScoreDiff(sum)
        .minScoreDiff(Optional.ofNullable(min))
        .maxScoreDiff(Optional.ofNullable(max))
        .lastTimestamp(Optional.ofNullable(last))
        .build();
  }

  /** See {@code TrackerStore#lastRebalance}. */
  public Optional<Instant> lastRebalance(String account) {
    return account(account).lastRebalance;
  }

  /** See {@code TrackerStore#claimRebalance}. */
  public boolean claimRebalance(String account, Instant at, Duration cooldown) {
    Account a = account(account);
    if (a.lastRebalance.isEmpty()
        || Duration.between(a.lastRebalance.get(), at).compareTo(cooldown) >= 0) {
      a.lastRebalance = Optional.of(at);
      return true;
    }
    return false;
  }

  /** See {@code TrackerStore#setLastRebalance}. */
  public void setLastRebalance(String account, Instant at) {
    account(account).lastRebalance = Optional.of(at);
  }

  /** See {@code TrackerStore#putIntent}. */
  public void putIntent(String account, SwapIntent intent) {
    account(account).intents.put(intent.id(), intent);
  }

  /** See {@code TrackerStore#intent}. */
  public Optional<SwapIntent> intent(String account, String id) {
    return Optional.ofNullable(account(account).intents.get(id));
  }

  /** See {@code TrackerStore#openIntents}. */
  public List<SwapIntent> openIntents(String account) {
    return account(account).intents.values().stream()
        .filter(i -> !i.status().isTerminal())
        .sorted(Comparator.comparing(SwapIntent::createdAt))
        .toList();
  }

  /** Every intent id ever written for the account. */
  public List<String> intentIds(String account) {
    return List.copyOf(account(account).intents.keySet());
  }

  /**
   * The accounts holding an entry, a lock, history, a last rebalance or an intent, sorted (the
   * model keeps no fills; see {@code TrackerStore#accounts}).
   */
  public List<String> accounts() {
    return accounts.entrySet().stream()
        .filter(
            e ->
                !e.getValue().entries.isEmpty()
                    || !e.getValue().locks.isEmpty()
                    || !e.getValue().history.isEmpty()
                    || !e.getValue().intents.isEmpty()
                    || e.getValue().lastRebalance.isPresent())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }
}
