package dev.rebalance.core.store.internal;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The small, mutable state of one account (everything except the history events themselves):
 * entries and locks by symbol, the last rebalance, swap intents by id and the history aggregates.
 * Not thread-safe; guarded by the owning store's lock.
 */
public final class AccountState {
  /** Entries by symbol. */
  public final TreeMap<String, TrackedEntry> entries = new TreeMap<>();

  /** Locks by symbol. */
  public final TreeMap<String, PositionLock> locks = new TreeMap<>();

  /** Intents by id, in first-write order. */
  public final LinkedHashMap<String, SwapIntent> intents = new LinkedHashMap<>();

  /** The history's aggregates. */
  public HistoryAggregate history = new HistoryAggregate();

  /** The last rebalance, or null. */
  public @Nullable Instant lastRebalance;

  /** The ids of the fills applied (TrackerStore clause 9). */
  public final Set<String> fills = new HashSet<>();

  /** The fill watermark, or null before the first advance (clause 10). */
  public @Nullable Instant fillWatermark;

  /** The swap ids of the history's events (clause 11). */
  public final Set<String> swapIds = new HashSet<>();

  /** An empty account. */
  public AccountState() {}

  /**
   * Whether a claim at {@code at} is allowed (TrackerStore clause 5).
   *
   * @param at the claimed time
   * @param cooldown the cooldown
   * @return true if the claim succeeds
   */
  public boolean claimAllowed(Instant at, Duration cooldown) {
    return lastRebalance == null || Duration.between(lastRebalance, at).compareTo(cooldown) >= 0;
  }

  /** The intents whose status is not terminal, oldest first (ties by id). */
  public List<SwapIntent> openIntents() {
    return intents.values().stream()
        .filter(i -> !i.status().isTerminal())
        .sorted(Comparator.comparing(SwapIntent::createdAt).thenComparing(SwapIntent::id))
        .toList();
  }

  /**
   * Applies a fill's entry change and records the fill as applied; the caller checked that it was
   * not applied before.
   *
   * @param fillId the fill id
   * @param change the change
   */
  public void applyFill(String fillId, EntryChange change) {
    change.put().ifPresent(e -> entries.put(e.symbol(), e));
    change.remove().ifPresent(entries::remove);
    fills.add(fillId);
  }

  /**
   * Moves the fill watermark forward (never back).
   *
   * @param to the new watermark
   * @return the watermark after the call
   */
  public Instant advanceFillWatermark(Instant to) {
    if (fillWatermark == null || to.isAfter(fillWatermark)) {
      fillWatermark = to;
    }
    return fillWatermark;
  }

  /** The last rebalance as an optional. */
  public Optional<Instant> lastRebalance() {
    return Optional.ofNullable(lastRebalance);
  }

  /** Whether nothing is stored for the account. */
  public boolean isEmpty() {
    return entries.isEmpty()
        && locks.isEmpty()
        && intents.isEmpty()
        && lastRebalance == null
        && fills.isEmpty()
        && fillWatermark == null
        && history.count() == 0;
  }
}
