package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rebalance.api.PositionLock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 3: {@code putLock} inserts or replaces by symbol; {@code locks} returns the stored locks
 * ordered by symbol, expired ones included; {@code removeLock} and {@code removeAllLocks} report
 * what they removed.
 *
 * <p>If this fails: check that expired locks are not filtered or purged by the store (expiry is the
 * reader's decision, through {@link PositionLock#isActiveAt}), that the optional expiry, reason and
 * author survive, and that the counts returned by the removals are the rows actually removed.
 *
 * <p>Run as {@code TrackerStoreContract.Clause3Locks} ("Clause 3: locks").
 */
abstract class LocksClause extends ContractClause {

  LocksClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("A lock with and one without expiry read back equal to what was written.")
  void clause3_lockRoundTripsEveryField() {
    PositionLock forever = TrackerFixtures.lock("BRK.B", t(0));
    PositionLock expiring = TrackerFixtures.expiringLock("AAPL", t(0), Duration.ofHours(2));
    PositionLock bare = PositionLock.builder().symbol("MSFT").lockedAt(t(1)).build();
    store.putLock(ACCOUNT, forever);
    store.putLock(ACCOUNT, expiring);
    store.putLock(ACCOUNT, bare);
    assertThat(store.locks(ACCOUNT))
        .as("clause 3: locks read back, ordered by symbol")
        .containsExactly(expiring, forever, bare);
  }

  @Test
  @DisplayName("Putting a lock for a symbol already locked replaces it.")
  void clause3_putReplacesBySymbol() {
    store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL", t(0)));
    PositionLock newer = TrackerFixtures.expiringLock("AAPL", t(10), Duration.ofMinutes(30));
    store.putLock(ACCOUNT, newer);
    assertThat(store.locks(ACCOUNT))
        .as("clause 3: locks after two puts for AAPL")
        .containsExactly(newer);
  }

  @Test
  @DisplayName("Expired locks are still returned; the reader decides with isActiveAt.")
  void clause3_expiredLocksAreStillReturned() {
    MutableClock clock = MutableClock.at(T0);
    PositionLock lock =
        TrackerFixtures.expiringLock("AAPL", clock.instant(), Duration.ofMinutes(30));
    store.putLock(ACCOUNT, lock);
    clock.advance(Duration.ofMinutes(29));
    assertThat(store.locks(ACCOUNT))
        .as("clause 3: a lock with an expiry (not yet reached) must be stored and returned")
        .containsExactly(lock);
    assertThat(store.locks(ACCOUNT).get(0).isActiveAt(clock.instant()))
        .as("clause 3: a lock one minute before its expiry applies")
        .isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(store.locks(ACCOUNT))
        .as("clause 3: a lock at its expiry must still be stored and returned")
        .containsExactly(lock);
    assertThat(store.locks(ACCOUNT).get(0).isActiveAt(clock.instant()))
        .as("clause 3: a lock exactly at its expiry no longer applies")
        .isFalse();
    clock.advance(Duration.ofDays(400));
    assertThat(store.locks(ACCOUNT))
        .as("clause 3: a lock long expired must still be returned")
        .containsExactly(lock);
  }

  @Test
  @DisplayName("Locks come back ordered by symbol.")
  void clause3_locksAreOrderedBySymbol() {
    for (String s : List.of("TSLA", "AAPL", "MSFT", "BRK.B")) {
      store.putLock(ACCOUNT, TrackerFixtures.lock(s));
    }
    assertThat(store.locks(ACCOUNT))
        .as("clause 3: locks must be ordered by symbol")
        .extracting(PositionLock::symbol)
        .containsExactly("AAPL", "BRK.B", "MSFT", "TSLA");
  }

  @Test
  @DisplayName("removeLock reports whether a lock existed; removeAllLocks how many it removed.")
  void clause3_removalsReportWhatTheyRemoved() {
    store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
    store.putLock(ACCOUNT, TrackerFixtures.lock("MSFT"));
    store.putLock(ACCOUNT, TrackerFixtures.expiringLock("PEP", T0, Duration.ofMinutes(1)));
    assertThat(store.removeLock(ACCOUNT, "AAPL")).as("clause 3: removeLock(AAPL)").isTrue();
    assertThat(store.removeLock(ACCOUNT, "AAPL")).as("clause 3: removeLock(AAPL) again").isFalse();
    assertThat(store.removeAllLocks(ACCOUNT))
        .as("clause 3: removeAllLocks counts expired locks too")
        .isEqualTo(2);
    assertThat(store.locks(ACCOUNT)).as("clause 3: locks after removeAllLocks").isEmpty();
    assertThat(store.removeAllLocks(ACCOUNT)).as("clause 3: removeAllLocks on none").isZero();
  }

  @Test
  @DisplayName("The list of locks is an immutable snapshot.")
  void clause3_locksListIsAnImmutableSnapshot() {
    store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
    List<PositionLock> before = store.locks(ACCOUNT);
    store.removeAllLocks(ACCOUNT);
    assertThat(before).as("clause 3: a list returned before removeAllLocks").hasSize(1);
    assertThatThrownBy(before::clear, "clause 3: locks() must be immutable")
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
