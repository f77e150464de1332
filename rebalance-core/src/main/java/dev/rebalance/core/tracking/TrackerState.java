package dev.rebalance.core.tracking;

import dev.rebalance.api.Identifiers;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.config.RebalanceConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The tracker's memory as one scan needs it: open entries and locks by symbol, and the last
 * rebalance time. Usually read from a {@link dev.rebalance.api.spi.TrackerStore} with {@link
 * #load}.
 *
 * <p>Instances are immutable and thread-safe.
 */
@Value.Immutable
public abstract class TrackerState {
  /** Open entries by symbol. */
  public abstract Map<String, TrackedEntry> entries();

  /** Stored locks by symbol (expired ones are ignored by the engine). */
  public abstract Map<String, PositionLock> locks();

  /** When the account last rebalanced; empty if never. */
  public abstract Optional<Instant> lastRebalance();

  /**
   * The account's recent swaps, for the re-entry block and the turnover budget: as far back as the
   * longest guard window in use ({@link RebalanceConfig#guardWindow()}; {@link
   * RecentSwap#fromHistory} selects them from a store's history). Empty by default.
   */
  public abstract List<RecentSwap> recentSwaps();

  @Value.Check
  void check() {
    for (Map.Entry<String, TrackedEntry> e : entries().entrySet()) {
      if (!e.getKey().equals(e.getValue().symbol())) {
        throw new IllegalArgumentException(
            "entries key "
                + Identifiers.quote(e.getKey())
                + " does not match its entry's symbol "
                + Identifiers.quote(e.getValue().symbol()));
      }
    }
    for (Map.Entry<String, PositionLock> e : locks().entrySet()) {
      if (!e.getKey().equals(e.getValue().symbol())) {
        throw new IllegalArgumentException(
            "locks key "
                + Identifiers.quote(e.getKey())
                + " does not match its lock's symbol "
                + Identifiers.quote(e.getValue().symbol()));
      }
    }
  }

  /** The state of an account that has tracked nothing. */
  public static TrackerState empty() {
    return builder().build();
  }

  /**
   * Reads an account's state from a store.
   *
   * @param store the store
   * @param account the account id
   * @return the state
   */
  public static TrackerState load(TrackerStore store, String account) {
    Builder b = builder();
    store.entries(account).forEach(e -> b.putEntries(e.symbol(), e));
    store.locks(account).forEach(l -> b.putLocks(l.symbol(), l));
    store.lastRebalance(account).ifPresent(b::lastRebalance);
    return b.build();
  }

  /**
   * Reads an account's state from a store, with the recent swaps of the last {@code window} before
   * {@code now} (use {@link RebalanceConfig#guardWindow()}). The history is read newest first, a
   * page at a time, and reading stops at the first event older than the window: never the whole
   * history.
   *
   * @param store the store
   * @param account the account id
   * @param window how far back the guards look, {@code >= 0}
   * @param now the decision time
   * @return the state
   */
  public static TrackerState load(
      TrackerStore store, String account, Duration window, Instant now) {
    TrackerState base = load(store, account);
    if (window.isZero() || window.isNegative()) {
      return base;
    }
    List<RecentSwap> recent = new ArrayList<>();
    int page = 64;
    for (int offset = 0; ; offset += page) {
      List<RebalanceEvent> events = store.history(account, page, offset);
      recent.addAll(RecentSwap.fromHistory(events, now, window));
      boolean older =
          events.stream()
              .anyMatch(e -> Duration.between(e.timestamp(), now).compareTo(window) >= 0);
      if (events.size() < page || older) {
        break;
      }
    }
    recent.sort((a, b) -> a.at().compareTo(b.at()));
    return builder().from(base).recentSwaps(recent).build();
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link TrackerState}; not thread-safe. */
  public static final class Builder extends ImmutableTrackerState.Builder {
    Builder() {}
  }
}
