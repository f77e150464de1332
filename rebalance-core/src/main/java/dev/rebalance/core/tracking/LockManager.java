package dev.rebalance.core.tracking;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.log.LogEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locks and unlocks symbols of one account in a {@link TrackerStore}: a locked symbol is never sold
 * in a rebalance. A lock has an optional reason, an optional author and an optional expiry; after
 * its expiry it no longer applies (it stays stored until it is unlocked or replaced, and {@link
 * #activeLocks()} leaves it out).
 *
 * <p>Every change is logged: {@code position_locked} with the symbol, reason, author and expiry;
 * {@code position_unlocked} with the symbol (or {@code scope=all} and the count for {@link
 * #unlockAll()}).
 *
 * <pre>{@code
 * LockManager locks = LockManager.create(store, "default", Clock.systemUTC());
 * locks.lock(locks.newLock("BRK.B").reason("long-term hold").build());
 * boolean locked = locks.isLocked("BRK.B");
 * }</pre>
 *
 * <p>It is also a {@link LockRegistry} reading the store's current locks, so a {@code Rebalancer}
 * can be built with {@code locks(lockManager)}.
 *
 * <p>Thread-safe: it holds no state of its own beyond the store, which is thread-safe.
 */
public final class LockManager implements LockRegistry {
  private static final Logger log = LoggerFactory.getLogger(LockManager.class);

  private final TrackerStore store;
  private final String account;
  private final Clock clock;

  private LockManager(TrackerStore store, String account, Clock clock) {
    this.store = store;
    this.account = account;
    this.clock = clock;
  }

  /**
   * A lock manager for one account.
   *
   * @param store the store the locks live in
   * @param account the account id
   * @param clock the clock that dates new locks and decides which are active
   * @return the lock manager
   * @throws IllegalArgumentException if {@code account} is blank
   */
  public static LockManager create(TrackerStore store, String account, Clock clock) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(clock, "clock");
    if (account.isBlank()) {
      throw new IllegalArgumentException("account must not be blank");
    }
    return new LockManager(store, account, clock);
  }

  /**
   * A lock builder for {@code symbol} dated now; add a reason, author or expiry and pass the result
   * to {@link #lock(PositionLock)}.
   *
   * @param symbol the ticker
   * @return a builder with {@code symbol} and {@code lockedAt} set
   */
  public PositionLock.Builder newLock(String symbol) {
    return PositionLock.builder().symbol(symbol).lockedAt(clock.instant());
  }

  /**
   * Locks {@code symbol} now, without reason, author or expiry.
   *
   * @param symbol the ticker
   * @return the stored lock
   */
  public PositionLock lock(String symbol) {
    return lock(newLock(symbol).build());
  }

  /**
   * Stores {@code lock}, replacing any lock of the same symbol.
   *
   * @param lock the lock
   * @return the stored lock
   */
  public PositionLock lock(PositionLock lock) {
    Objects.requireNonNull(lock, "lock");
    store.putLock(account, lock);
    log.atInfo()
        .setMessage(LogEvents.POSITION_LOCKED)
        .addKeyValue("account", account)
        .addKeyValue("symbol", lock.symbol())
        .addKeyValue("reason", lock.reason().orElse(null))
        .addKeyValue("locked_by", lock.lockedBy().orElse(null))
        .addKeyValue("locked_at", lock.lockedAt())
        .addKeyValue("expires_at", lock.expiresAt().orElse(null))
        .log();
    return lock;
  }

  /**
   * Removes the lock of {@code symbol}, active or expired.
   *
   * @param symbol the ticker
   * @return true if a lock was stored and has been removed; false if there was none
   */
  public boolean unlock(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    boolean removed = store.removeLock(account, symbol);
    if (removed) {
      log.atInfo()
          .setMessage(LogEvents.POSITION_UNLOCKED)
          .addKeyValue("account", account)
          .addKeyValue("symbol", symbol)
          .log();
    }
    return removed;
  }

  /**
   * Removes every lock of the account.
   *
   * @return how many locks were removed
   */
  public int unlockAll() {
    int removed = store.removeAllLocks(account);
    if (removed > 0) {
      log.atInfo()
          .setMessage(LogEvents.POSITION_UNLOCKED)
          .addKeyValue("account", account)
          .addKeyValue("scope", "all")
          .addKeyValue("count", removed)
          .log();
    }
    return removed;
  }

  /**
   * The locks that apply now (expired ones left out), ordered by symbol.
   *
   * @return the active locks
   */
  public List<PositionLock> activeLocks() {
    return activeLocks(clock.instant());
  }

  /**
   * The locks that apply at {@code now} (expired ones left out), ordered by symbol.
   *
   * @param now the time to check
   * @return the active locks
   */
  public List<PositionLock> activeLocks(Instant now) {
    Objects.requireNonNull(now, "now");
    return store.locks(account).stream().filter(l -> l.isActiveAt(now)).toList();
  }

  /**
   * Every stored lock, expired ones included, ordered by symbol.
   *
   * @return the stored locks
   */
  public List<PositionLock> storedLocks() {
    return store.locks(account);
  }

  /**
   * The lock of {@code symbol} if it applies at {@code now}.
   *
   * @param symbol the ticker
   * @param now the time to check
   * @return the active lock, or empty
   */
  @Override
  public Optional<PositionLock> activeLock(String symbol, Instant now) {
    Objects.requireNonNull(symbol, "symbol");
    return activeLocks(now).stream().filter(l -> l.symbol().equals(symbol)).findFirst();
  }

  /**
   * Whether {@code symbol} has a lock that applies now.
   *
   * @param symbol the ticker
   * @return true if locked
   */
  public boolean isLocked(String symbol) {
    return activeLock(symbol, clock.instant()).isPresent();
  }
}
