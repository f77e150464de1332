package dev.rebalance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.PositionLock;
import dev.rebalance.core.fake.TestStore;
import dev.rebalance.core.log.LogEvents;
import dev.rebalance.core.tracking.LockManager;
import dev.rebalance.core.tracking.LockRegistry;
import dev.rebalance.tck.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockManagerTest {
  private static final Instant T0 = Instant.parse("2025-11-25T14:30:00Z");
  private final TestStore store = new TestStore();
  private final MutableClock clock = MutableClock.at(T0);
  private final LockManager locks = LockManager.create(store, "acc", clock);

  @Test
  void lockStoresReasonAuthorTimeAndExpiryAndLogs() {
    try (LogCapture logs = new LogCapture(LockManager.class)) {
      locks.lock(
          locks
              .newLock("BRK.B")
              .reason("long-term")
              .lockedBy("ana")
              .expiresAt(T0.plusSeconds(60))
              .build());

      PositionLock stored = store.locks("acc").get(0);
      assertThat(stored.symbol()).isEqualTo("BRK.B");
      assertThat(stored.reason()).contains("long-term");
      assertThat(stored.lockedBy()).contains("ana");
      assertThat(stored.lockedAt()).isEqualTo(T0);
      assertThat(stored.expiresAt()).contains(T0.plusSeconds(60));
      assertThat(logs.events(LogEvents.POSITION_LOCKED))
          .singleElement()
          .satisfies(
              kv -> {
                assertThat(kv).containsEntry("symbol", "BRK.B").containsEntry("account", "acc");
                assertThat(kv)
                    .containsEntry("reason", "long-term")
                    .containsEntry("locked_by", "ana");
              });
    }
  }

  @Test
  void expiredLocksDoNotCountAsActive() {
    locks.lock(locks.newLock("AAPL").expiresAt(T0.plus(Duration.ofHours(1))).build());
    locks.lock("MSFT");
    assertThat(locks.isLocked("AAPL")).isTrue();

    clock.advance(Duration.ofHours(1));

    assertThat(locks.isLocked("AAPL")).isFalse();
    assertThat(locks.activeLocks()).extracting(PositionLock::symbol).containsExactly("MSFT");
    assertThat(locks.storedLocks())
        .extracting(PositionLock::symbol)
        .containsExactly("AAPL", "MSFT");
    assertThat(locks.activeLocks(T0))
        .extracting(PositionLock::symbol)
        .containsExactly("AAPL", "MSFT");
  }

  @Test
  void lockReplacesAnExistingLock() {
    locks.lock(locks.newLock("AAPL").reason("a").build());
    locks.lock(locks.newLock("AAPL").reason("b").build());
    assertThat(store.locks("acc"))
        .singleElement()
        .satisfies(l -> assertThat(l.reason()).contains("b"));
  }

  @Test
  void unlockReportsWhetherALockExistedAndLogsOnlyThen() {
    locks.lock("AAPL");
    try (LogCapture logs = new LogCapture(LockManager.class)) {
      assertThat(locks.unlock("AAPL")).isTrue();
      assertThat(locks.unlock("AAPL")).isFalse();
      assertThat(logs.events(LogEvents.POSITION_UNLOCKED))
          .singleElement()
          .satisfies(kv -> assertThat(kv).containsEntry("symbol", "AAPL"));
    }
    assertThat(locks.isLocked("AAPL")).isFalse();
  }

  @Test
  void unlockAllRemovesEveryLockOfTheAccountOnly() {
    LockManager other = LockManager.create(store, "other", clock);
    locks.lock("AAPL");
    locks.lock("MSFT");
    other.lock("TSLA");

    assertThat(locks.unlockAll()).isEqualTo(2);
    assertThat(locks.unlockAll()).isZero();
    assertThat(locks.storedLocks()).isEmpty();
    assertThat(other.isLocked("TSLA")).isTrue();
  }

  @Test
  void anExpiryNotAfterTheLockTimeIsRejected() {
    assertThatThrownBy(() -> locks.newLock("AAPL").expiresAt(T0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiresAt");
  }

  @Test
  void isALockRegistryOverTheStoresCurrentLocks() {
    LockRegistry registry = locks;
    assertThat(registry.activeLock("AAPL", T0)).isEmpty();
    locks.lock(locks.newLock("AAPL").expiresAt(T0.plusSeconds(10)).build());
    assertThat(registry.activeLock("AAPL", T0)).isPresent();
    assertThat(registry.activeLock("AAPL", T0.plusSeconds(10))).isEmpty();
  }
}
