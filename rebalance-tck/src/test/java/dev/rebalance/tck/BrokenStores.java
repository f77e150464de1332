package dev.rebalance.tck;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Stores that each break one clause, and kits (not run by Surefire directly) that test them. */
final class BrokenStores {
  private BrokenStores() {}

  /** Claims in two steps: read, then write, without holding a lock in between. */
  static final class NonAtomicClaimStore extends ReferenceStore {
    private volatile Optional<Instant> last = Optional.empty();

    @Override
    public Optional<Instant> lastRebalance(String account) {
      return last;
    }

    @Override
    public boolean claimRebalance(String account, Instant at, Duration cooldown) {
      Objects.requireNonNull(account, "account");
      Optional<Instant> seen = last;
      boolean allowed = seen.isEmpty() || Duration.between(seen.get(), at).compareTo(cooldown) >= 0;
      Thread.yield();
      if (allowed) {
        last = Optional.of(at);
      }
      return allowed;
    }
  }

  /** Returns history in insertion order, oldest first. */
  static final class OldestFirstHistoryStore extends ReferenceStore {
    @Override
    public synchronized List<RebalanceEvent> history(String account, int limit, int offset) {
      List<RebalanceEvent> all = new ArrayList<>(super.history(account, Integer.MAX_VALUE, 0));
      Collections.reverse(all);
      return List.copyOf(
          all.subList(
              Math.min(offset, all.size()),
              Math.min(all.size(), (int) Math.min((long) offset + limit, all.size()))));
    }
  }

  /** Keeps locks in one bucket whatever the account. */
  static final class LeakyAccountsStore extends ReferenceStore {
    @Override
    public synchronized List<PositionLock> locks(String account) {
      return super.locks("shared");
    }

    @Override
    public synchronized void putLock(String account, PositionLock lock) {
      super.putLock(account(account), lock);
      super.putLock("shared", lock);
    }

    @Override
    public synchronized int removeAllLocks(String account) {
      super.removeAllLocks(account);
      return super.removeAllLocks("shared");
    }
  }

  /** Purges locks once they have expired relative to the newest lock written. */
  static final class DropsExpiredLocksStore extends ReferenceStore {
    @Override
    public synchronized List<PositionLock> locks(String account) {
      return super.locks(account).stream().filter(l -> l.expiresAt().isEmpty()).toList();
    }
  }

  /** Orders open intents by when they last changed instead of when they were created. */
  static final class UpdatedAtOrderIntentsStore extends ReferenceStore {
    @Override
    public synchronized List<SwapIntent> openIntents(String account) {
      return super.openIntents(account).stream()
          .sorted(Comparator.comparing(SwapIntent::updatedAt))
          .toList();
    }
  }

  /** Checks no limit or offset, and hands out its own mutable list of entries. */
  static final class LaxArgumentsStore extends ReferenceStore {
    @Override
    public synchronized List<RebalanceEvent> history(String account, int limit, int offset) {
      if (limit < 0 || offset < 0) {
        return List.of();
      }
      return super.history(account, limit, offset);
    }

    @Override
    public synchronized List<TrackedEntry> entries(String account) {
      return new ArrayList<>(super.entries(account));
    }
  }

  /** Lists only the accounts that have entries, the naive reading of clause 12. */
  static final class EntriesOnlyAccountsStore extends ReferenceStore {
    @Override
    public synchronized List<String> accounts() {
      return super.accounts().stream().filter(a -> !entries(a).isEmpty()).toList();
    }
  }

  /** Cannot list its accounts, and says so. */
  static final class UnlistableStore extends ReferenceStore {
    @Override
    public synchronized List<String> accounts() {
      throw new UnsupportedOperationException("this store cannot list its accounts");
    }
  }

  /** The kits the self-test launches; their names keep Surefire from running them on their own. */
  static class CorrectKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new ReferenceStore();
    }

    @Override
    protected Optional<TrackerStore> reopen(TrackerStore closed) {
      return Optional.of(new ReferenceStore(((ReferenceStore) closed).model));
    }

    @Override
    protected int claimRounds() {
      return 20;
    }
  }

  static class NonAtomicClaimKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new NonAtomicClaimStore();
    }
  }

  static class OldestFirstHistoryKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new OldestFirstHistoryStore();
    }
  }

  static class LeakyAccountsKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new LeakyAccountsStore();
    }
  }

  static class DropsExpiredLocksKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new DropsExpiredLocksStore();
    }
  }

  static class UpdatedAtOrderIntentsKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new UpdatedAtOrderIntentsStore();
    }
  }

  static class LaxArgumentsKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new LaxArgumentsStore();
    }
  }

  static class EntriesOnlyAccountsKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new EntriesOnlyAccountsStore();
    }
  }

  static class UnlistableKit extends TrackerStoreContract {
    @Override
    protected TrackerStore createStore() {
      return new UnlistableStore();
    }
  }
}
