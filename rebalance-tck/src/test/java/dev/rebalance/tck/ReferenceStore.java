package dev.rebalance.tck;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.internal.StoreModel;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;

/**
 * A minimal correct store for the kit's self-test: the model behind one lock, with the argument
 * checks. Subclasses break one clause each.
 */
class ReferenceStore implements TrackerStore {
  final StoreModel model;
  private final Fills fills;

  /** The applied fills and watermarks that belong with a model, kept across reopening. */
  private static final class Fills {
    final Set<String> applied = new HashSet<>();
    final Map<String, Instant> watermarks = new HashMap<>();
  }

  private static final Map<StoreModel, Fills> FILLS =
      Collections.synchronizedMap(new WeakHashMap<>());

  ReferenceStore() {
    this(new StoreModel());
  }

  /** A store over existing state, as reopening would find it. */
  ReferenceStore(StoreModel model) {
    this.model = model;
    this.fills = FILLS.computeIfAbsent(model, m -> new Fills());
  }

  static String account(String account) {
    Objects.requireNonNull(account, "account");
    return Identifiers.checkAccountId("account", account);
  }

  @Override
  public synchronized Optional<TrackedEntry> entry(String account, String symbol) {
    account(account);
    Objects.requireNonNull(symbol, "symbol");
    return model.entries(account).stream().filter(e -> e.symbol().equals(symbol)).findFirst();
  }

  @Override
  public synchronized List<TrackedEntry> entries(String account) {
    return model.entries(account(account));
  }

  @Override
  public synchronized void putEntry(String account, TrackedEntry entry) {
    account(account);
    model.putEntry(account, Objects.requireNonNull(entry, "entry"));
  }

  @Override
  public synchronized boolean removeEntry(String account, String symbol) {
    account(account);
    return model.removeEntry(account, Objects.requireNonNull(symbol, "symbol"));
  }

  @Override
  public synchronized List<PositionLock> locks(String account) {
    return model.locks(account(account));
  }

  @Override
  public synchronized void putLock(String account, PositionLock lock) {
    account(account);
    model.putLock(account, Objects.requireNonNull(lock, "lock"));
  }

  @Override
  public synchronized boolean removeLock(String account, String symbol) {
    account(account);
    return model.removeLock(account, Objects.requireNonNull(symbol, "symbol"));
  }

  @Override
  public synchronized int removeAllLocks(String account) {
    return model.removeAllLocks(account(account));
  }

  @Override
  public synchronized boolean appendHistory(String account, RebalanceEvent event) {
    account(account);
    Objects.requireNonNull(event, "event");
    if (event.swapId().isPresent()
        && model.history(account, Integer.MAX_VALUE, 0).stream()
            .anyMatch(e -> e.swapId().equals(event.swapId()))) {
      return false;
    }
    model.appendHistory(account, event);
    return true;
  }

  @Override
  public synchronized List<RebalanceEvent> history(String account, int limit, int offset) {
    account(account);
    if (limit < 0 || offset < 0) {
      throw new IllegalArgumentException(
          "limit and offset must be >= 0, were limit " + limit + ", offset " + offset);
    }
    return model.history(account, limit, offset);
  }

  @Override
  public synchronized HistoryStats historyStats(String account) {
    return model.historyStats(account(account));
  }

  @Override
  public synchronized Optional<Instant> lastRebalance(String account) {
    return model.lastRebalance(account(account));
  }

  @Override
  public synchronized boolean claimRebalance(String account, Instant at, Duration cooldown) {
    account(account);
    Objects.requireNonNull(at, "at");
    if (Objects.requireNonNull(cooldown, "cooldown").isNegative()) {
      throw new IllegalArgumentException("cooldown must be >= 0, was " + cooldown);
    }
    return model.claimRebalance(account, at, cooldown);
  }

  @Override
  public synchronized void setLastRebalance(String account, Instant at) {
    account(account);
    model.setLastRebalance(account, Objects.requireNonNull(at, "at"));
  }

  @Override
  public synchronized void putIntent(String account, SwapIntent intent) {
    account(account);
    model.putIntent(account, Objects.requireNonNull(intent, "intent"));
  }

  @Override
  public synchronized Optional<SwapIntent> intent(String account, String id) {
    account(account);
    return model.intent(account, Objects.requireNonNull(id, "id"));
  }

  @Override
  public synchronized List<SwapIntent> openIntents(String account) {
    return model.openIntents(account(account));
  }

  @Override
  public synchronized boolean applyFill(String account, String fillId, EntryChange change) {
    account(account);
    Objects.requireNonNull(fillId, "fillId");
    Objects.requireNonNull(change, "change");
    if (fillId.isBlank() || fillId.length() > 200) {
      throw new IllegalArgumentException("fillId must be 1 to 200 characters and not blank");
    }
    if (!fills.applied.add(account + "\u0000" + fillId)) {
      return false;
    }
    change.put().ifPresent(e -> model.putEntry(account, e));
    change.remove().ifPresent(symbol -> model.removeEntry(account, symbol));
    return true;
  }

  @Override
  public synchronized boolean fillApplied(String account, String fillId) {
    account(account);
    return fills.applied.contains(account + "\u0000" + Objects.requireNonNull(fillId, "fillId"));
  }

  @Override
  public synchronized Optional<Instant> fillWatermark(String account) {
    return Optional.ofNullable(fills.watermarks.get(account(account)));
  }

  @Override
  public synchronized Instant advanceFillWatermark(String account, Instant to) {
    account(account);
    Objects.requireNonNull(to, "to");
    return fills.watermarks.merge(account, to, (a, b) -> a.isAfter(b) ? a : b);
  }

  @Override
  public void close() {}

  @Override
  public synchronized List<String> accounts() {
    TreeSet<String> ids = new TreeSet<>(model.accounts());
    fills.applied.forEach(key -> ids.add(key.substring(0, key.indexOf('\u0000'))));
    ids.addAll(fills.watermarks.keySet());
    return List.copyOf(ids);
  }
}
