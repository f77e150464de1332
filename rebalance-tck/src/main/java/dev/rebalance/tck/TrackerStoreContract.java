package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.EntrySource;
import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.tck.internal.Op;
import dev.rebalance.tck.internal.StoreModel;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The executable form of the {@link TrackerStore} contract. Extend it in your test sources with a
 * factory for a fresh, empty store and JUnit 5 runs every numbered clause of the SPI's Javadoc
 * against your implementation:
 *
 * <pre>{@code
 * class MyStoreContractTest extends TrackerStoreContract {
 *   @TempDir Path dir;
 *
 *   @Override
 *   protected TrackerStore createStore() {
 *     return new MyStore(dir.resolve("store-" + UUID.randomUUID()));
 *   }
 *
 *   @Override
 *   protected Optional<TrackerStore> reopen(TrackerStore closed) {
 *     return Optional.of(new MyStore(((MyStore) closed).location()));
 *   }
 * }
 * }</pre>
 *
 * <p>Tests are grouped in {@link Nested} classes, one per clause, and named after the clause they
 * check ({@code clause5_claimIsAtomicAcrossThreads}); each group's documentation says what to look
 * at when it fails. Optional hooks switch on tests a store can only pass if it supports them:
 * {@link #reopen} (durability, clause 7) and {@link #openSecondInstance} (two instances sharing one
 * storage, as two processes would). When a hook is not overridden its tests are skipped with a
 * reason naming the hook, never silently.
 *
 * <p>The kit creates one store per test with {@link #createStore()} and closes it afterwards;
 * properties create one per generated example. A JUnit runner may run test classes in parallel; the
 * kit itself never shares a store between tests.
 *
 * <p>Instances are created by JUnit, one per test; not meant to be shared between threads except by
 * the kit's own concurrency tests.
 */
public abstract class TrackerStoreContract {

  /** The account most tests write to. */
  protected static final String ACCOUNT = "paper-1";

  /**
   * A second account: a valid id (the account-id rule of {@code Identifiers}) with the characters
   * naive key schemes get wrong: upper and lower case, {@code .}, {@code _} and {@code -}.
   */
  protected static final String OTHER_ACCOUNT = "Live.2_X-y";

  private static final Duration COOLDOWN = Duration.ofMinutes(60);

  /** The store under test in the current test; created before each test, closed after it. */
  protected TrackerStore store;

  private final List<TrackerStore> opened = new ArrayList<>();

  /**
   * Creates a fresh, empty store. Called once before each test (and once per property example).
   *
   * @return a new store that shares nothing with any store created before
   */
  protected abstract TrackerStore createStore();

  /**
   * Opens the storage {@code closed} used again, as a restarted process would. Override to enable
   * the durability tests (clause 7); the default returns empty, and those tests are skipped with a
   * reason.
   *
   * @param closed a store created by {@link #createStore()} and already closed
   * @return a new instance over the same storage, or empty if the store cannot be reopened (an
   *     in-memory store)
   */
  protected Optional<TrackerStore> reopen(TrackerStore closed) {
    return Optional.empty();
  }

  /**
   * Opens a second instance over the same storage as {@code first} while {@code first} stays open,
   * as a second process (a CLI next to a running bot, a second bot instance) would. Override to
   * enable the cross-instance tests (the claim's atomicity between instances, no lost updates);
   * the default returns empty, and those tests are skipped with a reason.
   *
   * @param first an open store created by {@link #createStore()}
   * @return another open instance sharing {@code first}'s storage, or empty if not supported
   */
  protected Optional<TrackerStore> openSecondInstance(TrackerStore first) {
    return Optional.empty();
  }

  /**
   * How many threads the concurrency tests use. Default 16.
   *
   * @return the thread count, at least 2
   */
  protected int concurrencyThreads() {
    return 16;
  }

  /**
   * How many cooldown windows the claim-atomicity tests race through. Default 50.
   *
   * @return the number of rounds, at least 1
   */
  protected int claimRounds() {
    return 50;
  }

  /**
   * How many random operation sequences each property tries. Default 40; lower it for slow
   * stores, raise it when hunting a bug.
   *
   * @return the number of examples
   */
  protected int propertyExamples() {
    return 40;
  }

  @BeforeEach
  void createStoreUnderTest() {
    store = track(createStore());
    assertThat(store).as("kit set-up: createStore() must return a store").isNotNull();
  }

  @AfterEach
  void closeStores() {
    RuntimeException failure = null;
    for (TrackerStore s : opened) {
      try {
        s.close();
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    opened.clear();
    if (failure != null) {
      throw failure;
    }
  }

  private TrackerStore track(TrackerStore s) {
    opened.add(s);
    return s;
  }

  /**
   * Closes {@link #store} and opens it again through {@link #reopen}, skipping the test with a
   * reason if reopening is not supported.
   *
   * @return the reopened store (also assigned to {@link #store})
   */
  protected final TrackerStore closeAndReopen() {
    store.close();
    Optional<TrackerStore> again = reopen(store);
    Assumptions.assumeTrue(
        again.isPresent(),
        "skipped: this store does not support reopening; override reopen(TrackerStore) to run the"
            + " durability tests (clause 7)");
    store = track(again.get());
    return store;
  }

  private TrackerStore secondInstance() {
    Optional<TrackerStore> second = openSecondInstance(store);
    Assumptions.assumeTrue(
        second.isPresent(),
        "skipped: this store does not open a second instance over the same storage; override"
            + " openSecondInstance(TrackerStore) to run the cross-instance tests");
    return track(second.get());
  }

  private static Instant t(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private static void assertStatsEqual(HistoryStats actual, HistoryStats expected, String context) {
    assertThat(actual.count()).as("%s: historyStats().count()", context).isEqualTo(expected.count());
    assertThat(actual.sumScoreDiff())
        .as("%s: historyStats().sumScoreDiff()", context)
        .isEqualByComparingTo(expected.sumScoreDiff());
    assertThat(actual.minScoreDiff().map(BigDecimal::stripTrailingZeros))
        .as("%s: historyStats().minScoreDiff()", context)
        .isEqualTo(expected.minScoreDiff().map(BigDecimal::stripTrailingZeros));
    assertThat(actual.maxScoreDiff().map(BigDecimal::stripTrailingZeros))
        .as("%s: historyStats().maxScoreDiff()", context)
        .isEqualTo(expected.maxScoreDiff().map(BigDecimal::stripTrailingZeros));
    assertThat(actual.lastTimestamp())
        .as("%s: historyStats().lastTimestamp() (the newest timestamp)", context)
        .isEqualTo(expected.lastTimestamp());
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 1: every operation is scoped by an account id; nothing written for one account is
   * visible to, or changed by, an operation on another.
   *
   * <p>If this fails: check that the account is part of every key and every query's filter (a
   * {@code WHERE account = ?} missing from one statement, a map keyed by symbol alone), including
   * the bulk {@code removeAllLocks} and the history aggregates; and that account ids are stored
   * verbatim (slashes, colons, quotes and non-ASCII letters are legal).
   */
  @Nested
  @DisplayName("Clause 1: accounts are isolated")
  class Clause1Accounts {

    @Test
    @DisplayName("Entries written for one account are invisible to another.")
    void clause1_entriesAreScopedByAccount() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
      assertThat(store.entries(OTHER_ACCOUNT))
          .as("clause 1: entries of another account after putEntry(%s, AAPL)", ACCOUNT)
          .isEmpty();
      assertThat(store.entry(OTHER_ACCOUNT, "AAPL")).as("clause 1: entry(other, AAPL)").isEmpty();
      assertThat(store.removeEntry(OTHER_ACCOUNT, "AAPL"))
          .as("clause 1: removeEntry(other, AAPL) must not remove %s's entry", ACCOUNT)
          .isFalse();
      assertThat(store.entry(ACCOUNT, "AAPL")).as("clause 1: the owner's entry").isPresent();
    }

    @Test
    @DisplayName("Locks are per account, and removing all of one account's locks spares the rest.")
    void clause1_locksAreScopedByAccount() {
      store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
      store.putLock(ACCOUNT, TrackerFixtures.lock("MSFT"));
      store.putLock(OTHER_ACCOUNT, TrackerFixtures.lock("PEP"));
      assertThat(store.locks(OTHER_ACCOUNT))
          .as("clause 1: locks of %s", OTHER_ACCOUNT)
          .extracting(PositionLock::symbol)
          .containsExactly("PEP");
      assertThat(store.removeLock(OTHER_ACCOUNT, "AAPL"))
          .as("clause 1: removeLock(other, AAPL)")
          .isFalse();
      assertThat(store.removeAllLocks(OTHER_ACCOUNT))
          .as("clause 1: removeAllLocks(%s) counts only that account's locks", OTHER_ACCOUNT)
          .isEqualTo(1);
      assertThat(store.locks(ACCOUNT))
          .as("clause 1: %s's locks after removeAllLocks on another account", ACCOUNT)
          .extracting(PositionLock::symbol)
          .containsExactly("AAPL", "MSFT");
    }

    @Test
    @DisplayName("History and its statistics are per account.")
    void clause1_historyIsScopedByAccount() {
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(0)));
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(1)));
      store.appendHistory(OTHER_ACCOUNT, TrackerFixtures.event(t(2)));
      assertThat(store.history(ACCOUNT, 10, 0)).as("clause 1: history(%s)", ACCOUNT).hasSize(2);
      assertThat(store.history(OTHER_ACCOUNT, 10, 0))
          .as("clause 1: history(%s)", OTHER_ACCOUNT)
          .hasSize(1);
      assertThat(store.historyStats(OTHER_ACCOUNT).count())
          .as("clause 1: historyStats(%s).count()", OTHER_ACCOUNT)
          .isEqualTo(1);
      assertThat(store.historyStats(ACCOUNT).lastTimestamp())
          .as("clause 1: historyStats(%s).lastTimestamp()", ACCOUNT)
          .contains(t(1));
    }

    @Test
    @DisplayName("A claim in one account neither blocks nor is blocked by another account's claim.")
    void clause1_lastRebalanceIsScopedByAccount() {
      assertThat(store.claimRebalance(ACCOUNT, t(0), COOLDOWN)).as("clause 1: first claim").isTrue();
      assertThat(store.lastRebalance(OTHER_ACCOUNT))
          .as("clause 1: lastRebalance of another account")
          .isEmpty();
      assertThat(store.claimRebalance(OTHER_ACCOUNT, t(1), COOLDOWN))
          .as("clause 1: a claim in another account inside %s's cooldown window", ACCOUNT)
          .isTrue();
      store.setLastRebalance(OTHER_ACCOUNT, t(30));
      assertThat(store.lastRebalance(ACCOUNT))
          .as("clause 1: %s's last rebalance after setLastRebalance on another account", ACCOUNT)
          .contains(t(0));
    }

    @Test
    @DisplayName("Swap intents are per account.")
    void clause1_intentsAreScopedByAccount() {
      store.putIntent(ACCOUNT, TrackerFixtures.intent("swap-1", t(0), SwapStatus.INTENT));
      assertThat(store.intent(OTHER_ACCOUNT, "swap-1")).as("clause 1: intent(other, swap-1)").isEmpty();
      assertThat(store.openIntents(OTHER_ACCOUNT)).as("clause 1: openIntents(other)").isEmpty();
      store.putIntent(
          OTHER_ACCOUNT, TrackerFixtures.intent("swap-1", t(5), SwapStatus.COMPLETED));
      assertThat(store.intent(ACCOUNT, "swap-1").map(SwapIntent::status))
          .as("clause 1: the same intent id in another account must not replace %s's", ACCOUNT)
          .contains(SwapStatus.INTENT);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 2: {@code putEntry} inserts or replaces by symbol; {@code entries} returns every open
   * entry ordered by symbol; {@code removeEntry} deletes one and says whether it existed; values read
   * back equal the values written.
   *
   * <p>If this fails: check that every field is stored (the optional ones too, and the entry
   * source), that decimals keep their scale ({@code 168.50} is not {@code 168.5}: store them as
   * text or with their scale), that instants keep at least microseconds, that a second put of the
   * same symbol replaces rather than duplicates, and that the returned list is an immutable snapshot.
   */
  @Nested
  @DisplayName("Clause 2: entries")
  class Clause2Entries {

    @Test
    @DisplayName("An entry with every field set reads back equal to what was written.")
    void clause2_entryRoundTripsEveryField() {
      TrackedEntry e = TrackerFixtures.entry("BRK.B", T0.plusNanos(123_456_000));
      store.putEntry(ACCOUNT, e);
      assertThat(store.entry(ACCOUNT, "BRK.B")).as("clause 2: entry read back").contains(e);
      assertThat(store.entries(ACCOUNT)).as("clause 2: entries read back").containsExactly(e);
    }

    @ParameterizedTest(name = "source {0}")
    @EnumSource(EntrySource.class)
    @DisplayName("An entry with only mandatory fields reads back equal, whatever its source.")
    void clause2_bareEntryRoundTripsWithEachSource(EntrySource source) {
      TrackedEntry e = TrackerFixtures.bareEntry("PEP", T0, source);
      store.putEntry(ACCOUNT, e);
      assertThat(store.entry(ACCOUNT, "PEP"))
          .as("clause 2: an entry without price, quantity, score and reason, source %s", source)
          .contains(e);
    }

    @Test
    @DisplayName("Putting an entry for a symbol already tracked replaces it.")
    void clause2_putReplacesBySymbol() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL", t(0)));
      TrackedEntry newer =
          TrackedEntry.builder()
              .from(TrackerFixtures.entry("AAPL", t(5)))
              .entryPrice(new BigDecimal("170.00"))
              .build();
      store.putEntry(ACCOUNT, newer);
      assertThat(store.entries(ACCOUNT))
          .as("clause 2: entries after two puts for AAPL")
          .containsExactly(newer);
    }

    @Test
    @DisplayName("Entries come back ordered by symbol, whatever the order they were written in.")
    void clause2_entriesAreOrderedBySymbol() {
      for (String s : List.of("TSLA", "AAPL", "MSFT", "BRK.B", "A")) {
        store.putEntry(ACCOUNT, TrackerFixtures.entry(s));
      }
      assertThat(store.entries(ACCOUNT))
          .as("clause 2: entries must be ordered by symbol")
          .extracting(TrackedEntry::symbol)
          .containsExactly("A", "AAPL", "BRK.B", "MSFT", "TSLA");
    }

    @Test
    @DisplayName("Removing an entry reports whether it existed, and removes only that entry.")
    void clause2_removeReportsWhetherItExisted() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
      store.putEntry(ACCOUNT, TrackerFixtures.entry("MSFT"));
      assertThat(store.removeEntry(ACCOUNT, "AAPL")).as("clause 2: first removeEntry(AAPL)").isTrue();
      assertThat(store.removeEntry(ACCOUNT, "AAPL")).as("clause 2: second removeEntry(AAPL)").isFalse();
      assertThat(store.removeEntry(ACCOUNT, "NVDA")).as("clause 2: removeEntry(never tracked)").isFalse();
      assertThat(store.entry(ACCOUNT, "AAPL")).as("clause 2: entry(AAPL) after removal").isEmpty();
      assertThat(store.entries(ACCOUNT))
          .as("clause 2: the other entry survives")
          .extracting(TrackedEntry::symbol)
          .containsExactly("MSFT");
    }

    @Test
    @DisplayName("The list of entries is an immutable snapshot, unaffected by later writes.")
    void clause2_entriesListIsAnImmutableSnapshot() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
      List<TrackedEntry> before = store.entries(ACCOUNT);
      store.putEntry(ACCOUNT, TrackerFixtures.entry("MSFT"));
      assertThat(before).as("clause 2: a list returned before a later put").hasSize(1);
      assertThatThrownBy(
              () -> before.add(TrackerFixtures.entry("X")), "clause 2: entries() must be immutable")
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 3: {@code putLock} inserts or replaces by symbol; {@code locks} returns the stored locks
   * ordered by symbol, expired ones included; {@code removeLock} and {@code removeAllLocks} report
   * what they removed.
   *
   * <p>If this fails: check that expired locks are not filtered or purged by the store (expiry is
   * the reader's decision, through {@link PositionLock#isActiveAt}), that the optional expiry,
   * reason and author survive, and that the counts returned by the removals are the rows actually
   * removed.
   */
  @Nested
  @DisplayName("Clause 3: locks")
  class Clause3Locks {

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
      assertThat(store.locks(ACCOUNT)).as("clause 3: locks after two puts for AAPL").containsExactly(newer);
    }

    @Test
    @DisplayName("Expired locks are still returned; the reader decides with isActiveAt.")
    void clause3_expiredLocksAreStillReturned() {
      MutableClock clock = MutableClock.at(T0);
      PositionLock lock = TrackerFixtures.expiringLock("AAPL", clock.instant(), Duration.ofMinutes(30));
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

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 4: the history is append-only and read newest first: latest timestamp first, and the
   * latest insert first for equal timestamps, with {@code limit} and {@code offset}; {@code
   * historyStats} aggregates all of it.
   *
   * <p>If this fails: check the sort (descending timestamp, then descending insertion sequence — a
   * store that returns file or row order fails when events are appended out of time order), that
   * offset is applied before limit, that equal events are both kept (no de-duplication), and that
   * the statistics cover the whole history, with the newest <em>timestamp</em>, not the last
   * appended event, as {@code lastTimestamp}.
   */
  @Nested
  @DisplayName("Clause 4: history")
  class Clause4History {

    @Test
    @DisplayName("Events read back equal to what was written, newest first.")
    void clause4_historyIsNewestFirst() {
      RebalanceEvent first = TrackerFixtures.event(t(0));
      RebalanceEvent second = TrackerFixtures.event(t(60), "TSLA", "NVDA", "75.3", "90.05");
      RebalanceEvent third = TrackerFixtures.bareEvent(t(120), "10", "12.5");
      store.appendHistory(ACCOUNT, first);
      store.appendHistory(ACCOUNT, second);
      store.appendHistory(ACCOUNT, third);
      assertThat(store.history(ACCOUNT, 10, 0))
          .as("clause 4: history must be newest first and equal to what was appended")
          .containsExactly(third, second, first);
    }

    @Test
    @DisplayName("Events appended out of time order still come back ordered by timestamp.")
    void clause4_historyIsOrderedByTimestampNotInsertion() {
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(60)));
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(0)));
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(120)));
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(30)));
      assertThat(store.history(ACCOUNT, 10, 0))
          .as("clause 4: history must be ordered by timestamp, newest first")
          .extracting(RebalanceEvent::timestamp)
          .containsExactly(t(120), t(60), t(30), t(0));
      assertThat(store.history(ACCOUNT, 2, 1))
          .as("clause 4: history(limit 2, offset 1) over out-of-order appends")
          .extracting(RebalanceEvent::timestamp)
          .containsExactly(t(60), t(30));
    }

    @Test
    @DisplayName("Events with equal timestamps come back newest insertion first, and none is dropped.")
    void clause4_equalTimestampsAreNewestInsertionFirst() {
      RebalanceEvent a = TrackerFixtures.event(t(0), "A", "B", "1", "2");
      RebalanceEvent b = TrackerFixtures.event(t(0), "C", "D", "1", "3");
      store.appendHistory(ACCOUNT, a);
      store.appendHistory(ACCOUNT, b);
      store.appendHistory(ACCOUNT, a);
      assertThat(store.history(ACCOUNT, 10, 0))
          .as("clause 4: equal timestamps, newest insertion first; duplicates are kept")
          .containsExactly(a, b, a);
    }

    @Test
    @DisplayName("limit and offset page through the history without gaps or repeats.")
    void clause4_limitAndOffsetPage() {
      List<RebalanceEvent> appended = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        RebalanceEvent e = TrackerFixtures.event(t(i), "S" + i, "N" + i, "1", String.valueOf(i));
        appended.add(e);
        store.appendHistory(ACCOUNT, e);
      }
      List<RebalanceEvent> paged = new ArrayList<>();
      for (int offset = 0; offset < 30; offset += 10) {
        paged.addAll(store.history(ACCOUNT, 10, offset));
      }
      List<RebalanceEvent> expected = new ArrayList<>(appended);
      Collections.reverse(expected);
      assertThat(paged).as("clause 4: pages of 10 concatenated").containsExactlyElementsOf(expected);
      assertThat(store.history(ACCOUNT, 0, 0)).as("clause 4: limit 0").isEmpty();
      assertThat(store.history(ACCOUNT, 5, 25)).as("clause 4: offset == size").isEmpty();
      assertThat(store.history(ACCOUNT, 5, 1000)).as("clause 4: offset beyond size").isEmpty();
      assertThat(store.history(ACCOUNT, Integer.MAX_VALUE, 0))
          .as("clause 4: limit Integer.MAX_VALUE")
          .hasSize(25);
      assertThat(store.history(ACCOUNT, 3, 22))
          .as("clause 4: the last, partial page")
          .containsExactlyElementsOf(expected.subList(22, 25));
    }

    @Test
    @DisplayName("Statistics aggregate count, sum, min, max and the newest timestamp.")
    void clause4_statsAggregateTheWholeHistory() {
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(60), "A", "B", "52.1", "75.3"));
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(120), "C", "D", "10", "20.05"));
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(30), "E", "F", "30", "26.9"));
      HistoryStats expected =
          HistoryStats.builder()
              .count(3)
              .sumScoreDiff(new BigDecimal("30.15"))
              .minScoreDiff(new BigDecimal("-3.1"))
              .maxScoreDiff(new BigDecimal("23.2"))
              .lastTimestamp(t(120))
              .build();
      assertStatsEqual(store.historyStats(ACCOUNT), expected, "clause 4");
    }

    @Test
    @DisplayName("Statistics of an empty history are a zero count and no min, max or last.")
    void clause4_statsOfEmptyHistory() {
      assertStatsEqual(store.historyStats(ACCOUNT), HistoryStats.empty(), "clause 4, empty history");
      assertThat(store.history(ACCOUNT, 50, 0)).as("clause 4: empty history").isEmpty();
    }

    @Test
    @DisplayName("The history list is an immutable snapshot.")
    void clause4_historyListIsAnImmutableSnapshot() {
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(0)));
      List<RebalanceEvent> before = store.history(ACCOUNT, 10, 0);
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(1)));
      assertThat(before).as("clause 4: a list returned before a later append").hasSize(1);
      assertThatThrownBy(() -> before.remove(0), "clause 4: history() must be immutable")
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 5: {@code claimRebalance} is one atomic compare-and-set: it succeeds, and records
   * {@code at}, only if there is no last rebalance or {@code at} is at least {@code cooldown} after
   * it; of any number of concurrent claims inside one cooldown window at most one succeeds.
   * {@code setLastRebalance} overwrites unconditionally.
   *
   * <p>If this fails: check the boundary ({@code at - last >= cooldown} succeeds, exactly at the
   * boundary too), that a failed claim changes nothing, and — for the concurrency tests — that the
   * read of the last time and the write of the new one happen under one lock or in one statement
   * ({@code UPDATE ... WHERE last IS NULL OR last <= ?} and check the update count; or a row lock
   * in one transaction; or a file lock around the read-modify-write). A "check then act" in two
   * steps passes the single-threaded tests and fails these.
   */
  @Nested
  @DisplayName("Clause 5: cooldown claim")
  class Clause5Claim {

    @Test
    @DisplayName("The first claim succeeds and records its time.")
    void clause5_firstClaimSucceeds() {
      assertThat(store.lastRebalance(ACCOUNT)).as("clause 5: lastRebalance of a fresh store").isEmpty();
      assertThat(store.claimRebalance(ACCOUNT, t(0), COOLDOWN)).as("clause 5: first claim").isTrue();
      assertThat(store.lastRebalance(ACCOUNT)).as("clause 5: lastRebalance after a claim").contains(t(0));
    }

    @Test
    @DisplayName("A claim inside the window fails and changes nothing; at the boundary it succeeds.")
    void clause5_claimRespectsTheCooldownBoundary() {
      store.claimRebalance(ACCOUNT, t(0), COOLDOWN);
      assertThat(store.claimRebalance(ACCOUNT, t(59), COOLDOWN))
          .as("clause 5: a claim 59 minutes after the last, cooldown 60 minutes")
          .isFalse();
      assertThat(store.claimRebalance(ACCOUNT, t(60).minusSeconds(1), COOLDOWN))
          .as("clause 5: a claim one second before the boundary")
          .isFalse();
      assertThat(store.lastRebalance(ACCOUNT))
          .as("clause 5: a failed claim must not change the last rebalance")
          .contains(t(0));
      assertThat(store.claimRebalance(ACCOUNT, t(60), COOLDOWN))
          .as("clause 5: a claim exactly one cooldown after the last")
          .isTrue();
      assertThat(store.lastRebalance(ACCOUNT)).as("clause 5: lastRebalance after the boundary claim").contains(t(60));
    }

    @Test
    @DisplayName("With a zero cooldown a claim succeeds at or after the last time, never before it.")
    void clause5_zeroCooldownAllowsOnlyTheSameTimeOrLater() {
      store.claimRebalance(ACCOUNT, t(10), Duration.ZERO);
      assertThat(store.claimRebalance(ACCOUNT, t(10), Duration.ZERO))
          .as("clause 5: zero cooldown, a claim at the same instant")
          .isTrue();
      assertThat(store.claimRebalance(ACCOUNT, t(9), Duration.ZERO))
          .as("clause 5: zero cooldown, a claim before the last rebalance")
          .isFalse();
      assertThat(store.lastRebalance(ACCOUNT)).as("clause 5: lastRebalance").contains(t(10));
    }

    @Test
    @DisplayName("setLastRebalance overwrites unconditionally, backwards too, and claims then follow it.")
    void clause5_setLastRebalanceOverwrites() {
      store.claimRebalance(ACCOUNT, t(100), COOLDOWN);
      store.setLastRebalance(ACCOUNT, t(0));
      assertThat(store.lastRebalance(ACCOUNT)).as("clause 5: lastRebalance after setting it back").contains(t(0));
      assertThat(store.claimRebalance(ACCOUNT, t(60), COOLDOWN))
          .as("clause 5: a claim one cooldown after the value set")
          .isTrue();
      store.setLastRebalance(ACCOUNT, t(500));
      assertThat(store.claimRebalance(ACCOUNT, t(530), COOLDOWN))
          .as("clause 5: a claim inside the window of the value set")
          .isFalse();
    }

    @Test
    @DisplayName("Many threads claiming the same window each round: exactly one wins every round.")
    void clause5_claimIsAtomicAcrossThreads() throws Exception {
      raceClaims(List.of(store), concurrencyThreads(), claimRounds());
    }

    @Test
    @DisplayName("Many threads claiming different times inside one window: one wins and its time is kept.")
    void clause5_oneWinnerInsideOneWindow() throws Exception {
      int threads = concurrencyThreads();
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Optional<Instant>>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Instant at = t(0).plusSeconds(ThreadLocalRandom.current().nextInt(3599));
          results.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.claimRebalance(ACCOUNT, at, COOLDOWN)
                        ? Optional.of(at)
                        : Optional.empty();
                  }));
        }
        List<Instant> winners = new ArrayList<>();
        for (Future<Optional<Instant>> f : results) {
          f.get(60, TimeUnit.SECONDS).ifPresent(winners::add);
        }
        assertThat(winners)
            .as("clause 5: of %d concurrent claims inside one %s window exactly one must succeed",
                threads, COOLDOWN)
            .hasSize(1);
        assertThat(store.lastRebalance(ACCOUNT))
            .as("clause 5: lastRebalance must be the winning claim's time")
            .contains(winners.get(0));
      } finally {
        pool.shutdownNow();
      }
    }

    @Test
    @DisplayName("Two instances over one storage racing to claim: exactly one wins every round.")
    void clause5_claimIsAtomicAcrossInstances() throws Exception {
      TrackerStore second = secondInstance();
      raceClaims(List.of(store, second), concurrencyThreads(), claimRounds());
    }

    private void raceClaims(List<TrackerStore> stores, int threads, int rounds) throws Exception {
      CyclicBarrier barrier = new CyclicBarrier(threads);
      AtomicIntegerArray wins = new AtomicIntegerArray(rounds);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          TrackerStore s = stores.get(i % stores.size());
          futures.add(
              pool.submit(
                  (Callable<Void>)
                      () -> {
                        for (int r = 0; r < rounds; r++) {
                          barrier.await(60, TimeUnit.SECONDS);
                          if (s.claimRebalance(ACCOUNT, T0.plus(COOLDOWN.multipliedBy(r)), COOLDOWN)) {
                            wins.incrementAndGet(r);
                          }
                        }
                        return null;
                      }));
        }
        for (Future<?> f : futures) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      List<String> wrong = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        if (wins.get(r) != 1) {
          wrong.add("window " + r + ": " + wins.get(r) + " successful claims");
        }
      }
      assertThat(wrong)
          .as("clause 5: %d threads on %d instance(s) claimed the same time in each of %d windows;"
                  + " exactly one claim per window must succeed",
              threads, stores.size(), rounds)
          .isEmpty();
      assertThat(store.lastRebalance(ACCOUNT))
          .as("clause 5: lastRebalance after the race")
          .contains(T0.plus(COOLDOWN.multipliedBy(rounds - 1L)));
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 6: {@code putIntent} inserts or replaces by id; {@code openIntents} returns the intents
   * whose status is not terminal, oldest first; {@code intent} reads one whatever its status.
   *
   * <p>If this fails: check that a status update replaces the stored intent (the id is the key),
   * that {@code COMPLETED} and {@code FAILED} are excluded from the open list but still readable by
   * id, that the order is by {@code createdAt}, and that every optional field round-trips.
   */
  @Nested
  @DisplayName("Clause 6: swap intents")
  class Clause6Intents {

    @Test
    @DisplayName("An intent reads back equal to what was written, whatever its status.")
    void clause6_intentRoundTrips() {
      for (SwapStatus status : SwapStatus.values()) {
        SwapIntent i = TrackerFixtures.intent("swap-" + status, t(status.ordinal()), status);
        store.putIntent(ACCOUNT, i);
        assertThat(store.intent(ACCOUNT, i.id())).as("clause 6: intent %s read back", status).contains(i);
      }
      assertThat(store.intent(ACCOUNT, "never-written")).as("clause 6: unknown id").isEmpty();
    }

    @Test
    @DisplayName("Putting an intent with an existing id replaces it.")
    void clause6_putReplacesById() {
      store.putIntent(ACCOUNT, TrackerFixtures.intent("swap-1", t(0), SwapStatus.INTENT));
      SwapIntent filled =
          SwapIntent.builder()
              .from(TrackerFixtures.intent("swap-1", t(0), SwapStatus.SELL_FILLED))
              .updatedAt(t(2))
              .build();
      store.putIntent(ACCOUNT, filled);
      assertThat(store.openIntents(ACCOUNT)).as("clause 6: open intents after an update").containsExactly(filled);
    }

    @Test
    @DisplayName("Open intents exclude terminal ones and come oldest first.")
    void clause6_openIntentsAreNonTerminalOldestFirst() {
      // updatedAt runs in another order (b, c, a) than createdAt (a, b, c): the order is createdAt's.
      store.putIntent(ACCOUNT, TrackerFixtures.intent("c", t(30), t(31), SwapStatus.BUY_SUBMITTED));
      store.putIntent(ACCOUNT, TrackerFixtures.intent("done", t(5), SwapStatus.COMPLETED));
      store.putIntent(ACCOUNT, TrackerFixtures.intent("a", t(10), t(40), SwapStatus.INTENT));
      store.putIntent(ACCOUNT, TrackerFixtures.intent("failed", t(1), SwapStatus.FAILED));
      store.putIntent(ACCOUNT, TrackerFixtures.intent("b", t(20), t(25), SwapStatus.SELL_SUBMITTED));
      assertThat(store.openIntents(ACCOUNT))
          .as("clause 6: open intents, oldest createdAt first (not updatedAt), terminal ones excluded")
          .extracting(SwapIntent::id)
          .containsExactly("a", "b", "c");
      store.putIntent(ACCOUNT, TrackerFixtures.intent("a", t(10), SwapStatus.COMPLETED));
      assertThat(store.openIntents(ACCOUNT))
          .as("clause 6: an intent completed by an update leaves the open list")
          .extracting(SwapIntent::id)
          .containsExactly("b", "c");
      assertThat(store.intent(ACCOUNT, "a").map(SwapIntent::status))
          .as("clause 6: a completed intent is still readable by id")
          .contains(SwapStatus.COMPLETED);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 7: when a write returns normally it survives closing and reopening the store. Runs only
   * when {@link #reopen} is overridden.
   *
   * <p>If this fails: check that writes are committed (and, for files, flushed and synced) before
   * the method returns, that close flushes anything buffered, that reopening reads back the same
   * representation (scales, optional fields, insertion order of equal-timestamp history) and that
   * removals are persisted as well as additions.
   */
  @Nested
  @DisplayName("Clause 7: durability on reopen")
  class Clause7Durability {

    @Test
    @DisplayName("Everything written survives closing and reopening.")
    void clause7_everythingSurvivesReopen() {
      TrackedEntry entry = TrackerFixtures.entry("AAPL", t(0));
      PositionLock lock = TrackerFixtures.expiringLock("BRK.B", t(0), Duration.ofDays(3));
      RebalanceEvent e1 = TrackerFixtures.event(t(0));
      RebalanceEvent e2 = TrackerFixtures.event(t(0), "X", "Y", "1.50", "3");
      RebalanceEvent e3 = TrackerFixtures.event(t(90), "Y", "Z", "3", "2");
      SwapIntent open = TrackerFixtures.intent("swap-open", t(1), SwapStatus.SELL_FILLED);
      SwapIntent done = TrackerFixtures.intent("swap-done", t(0), SwapStatus.COMPLETED);
      store.putEntry(ACCOUNT, entry);
      store.putEntry(OTHER_ACCOUNT, TrackerFixtures.entry("MSFT"));
      store.putLock(ACCOUNT, lock);
      store.appendHistory(ACCOUNT, e1);
      store.appendHistory(ACCOUNT, e2);
      store.appendHistory(ACCOUNT, e3);
      store.claimRebalance(ACCOUNT, t(90), COOLDOWN);
      store.putIntent(ACCOUNT, open);
      store.putIntent(ACCOUNT, done);
      HistoryStats stats = store.historyStats(ACCOUNT);

      TrackerStore again = closeAndReopen();

      assertThat(again.entries(ACCOUNT)).as("clause 7: entries after reopen").containsExactly(entry);
      assertThat(again.entries(OTHER_ACCOUNT)).as("clause 7: other account's entries after reopen").hasSize(1);
      assertThat(again.locks(ACCOUNT)).as("clause 7: locks after reopen").containsExactly(lock);
      assertThat(again.history(ACCOUNT, 10, 0))
          .as("clause 7: history after reopen, same order")
          .containsExactly(e3, e2, e1);
      assertStatsEqual(again.historyStats(ACCOUNT), stats, "clause 7, after reopen");
      assertThat(again.lastRebalance(ACCOUNT)).as("clause 7: lastRebalance after reopen").contains(t(90));
      assertThat(again.claimRebalance(ACCOUNT, t(100), COOLDOWN))
          .as("clause 7: a claim inside the window recorded before reopening")
          .isFalse();
      assertThat(again.openIntents(ACCOUNT)).as("clause 7: open intents after reopen").containsExactly(open);
      assertThat(again.intent(ACCOUNT, "swap-done")).as("clause 7: completed intent after reopen").contains(done);
    }

    @Test
    @DisplayName("Removals and replacements survive reopening too.")
    void clause7_removalsSurviveReopen() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
      store.putEntry(ACCOUNT, TrackerFixtures.entry("MSFT"));
      store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
      store.putLock(ACCOUNT, TrackerFixtures.lock("PEP"));
      store.removeEntry(ACCOUNT, "AAPL");
      store.removeAllLocks(ACCOUNT);
      PositionLock replaced = TrackerFixtures.expiringLock("TSLA", t(3), Duration.ofHours(1));
      store.putLock(ACCOUNT, TrackerFixtures.lock("TSLA"));
      store.putLock(ACCOUNT, replaced);
      store.setLastRebalance(ACCOUNT, t(7));

      TrackerStore again = closeAndReopen();

      assertThat(again.entries(ACCOUNT))
          .as("clause 7: a removed entry must stay removed after reopen")
          .extracting(TrackedEntry::symbol)
          .containsExactly("MSFT");
      assertThat(again.locks(ACCOUNT)).as("clause 7: locks after removeAll, put, replace and reopen").containsExactly(replaced);
      assertThat(again.lastRebalance(ACCOUNT)).as("clause 7: lastRebalance set, after reopen").contains(t(7));
    }

    @Test
    @DisplayName("Appending after reopening continues the history in order.")
    void clause7_historyContinuesAfterReopen() {
      store.appendHistory(ACCOUNT, TrackerFixtures.event(t(0), "A", "B", "1", "2"));
      TrackerStore again = closeAndReopen();
      again.appendHistory(ACCOUNT, TrackerFixtures.event(t(0), "C", "D", "1", "5"));
      assertThat(again.history(ACCOUNT, 10, 0))
          .as("clause 7: an equal-timestamp event appended after reopening comes first")
          .extracting(RebalanceEvent::oldSymbol)
          .containsExactly("C", "A");
      assertThat(again.historyStats(ACCOUNT).count()).as("clause 7: count after reopen and append").isEqualTo(2);
    }

    @Test
    @DisplayName("Closing twice is harmless.")
    void clause7_closeIsIdempotent() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
      store.close();
      store.close();
      Optional<TrackerStore> again = reopen(store);
      again.ifPresent(
          s -> {
            track(s);
            assertThat(s.entries(ACCOUNT)).as("clause 7: entries after closing twice and reopening").hasSize(1);
          });
    }

    @Test
    @DisplayName("Two instances over one storage never lose each other's writes.")
    void clause7_secondInstanceSeesWritesAndLosesNone() throws Exception {
      TrackerStore second = secondInstance();
      store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
      assertThat(second.locks(ACCOUNT))
          .as("clause 7: a write through one instance is visible through the other")
          .extracting(PositionLock::symbol)
          .containsExactly("AAPL");
      int perInstance = 25;
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> futures = new ArrayList<>();
        for (TrackerStore s : List.of(store, second)) {
          String prefix = s == store ? "ONE" : "TWO";
          futures.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < perInstance; i++) {
                      s.putLock(ACCOUNT, TrackerFixtures.lock(prefix + i));
                      s.appendHistory(ACCOUNT, TrackerFixtures.event(t(i), prefix, "X" + i, "1", "2"));
                    }
                  }));
        }
        for (Future<?> f : futures) {
          f.get(5, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(store.locks(ACCOUNT))
          .as("clause 7: locks written concurrently through two instances; none may be lost")
          .hasSize(1 + 2 * perInstance);
      assertThat(second.historyStats(ACCOUNT).count())
          .as("clause 7: history appended concurrently through two instances; none may be lost")
          .isEqualTo(2L * perInstance);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 8: arguments are never null (a {@link NullPointerException} naming the argument); a
   * negative limit, offset or cooldown is an {@link IllegalArgumentException} whose message names
   * it ({@code limit}, {@code offset}, {@code cooldown}); a rejected call leaves the state intact.
   *
   * <p>If this fails: add {@code Objects.requireNonNull(arg, "arg")} for every parameter, named as
   * in the SPI ({@code account}, {@code symbol}, {@code entry}, {@code lock}, {@code event}, {@code
   * at}, {@code cooldown}, {@code intent}, {@code id}), and check arguments before touching the
   * storage.
   */
  @Nested
  @DisplayName("Clause 8: failures and argument checks")
  class Clause8Failures {

    private DynamicTest rejectsNull(String call, String argument, Consumer<TrackerStore> c) {
      return DynamicTest.dynamicTest(
          call + " rejects a null " + argument,
          () ->
              assertThatThrownBy(
                      () -> c.accept(store), "clause 8: %s with a null %s", call, argument)
                  .isInstanceOf(NullPointerException.class)
                  .hasMessageContaining(argument));
    }

    @TestFactory
    @DisplayName("Every method rejects a null argument with a NullPointerException naming it.")
    @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
    Stream<DynamicTest> clause8_nullArgumentsAreRejected() {
      TrackedEntry e = TrackerFixtures.entry("AAPL");
      PositionLock l = TrackerFixtures.lock("AAPL");
      RebalanceEvent ev = TrackerFixtures.event(T0);
      SwapIntent in = TrackerFixtures.intent("x", T0, SwapStatus.INTENT);
      return Stream.of(
          rejectsNull("entry", "account", s -> s.entry(null, "AAPL")),
          rejectsNull("entry", "symbol", s -> s.entry(ACCOUNT, null)),
          rejectsNull("entries", "account", s -> s.entries(null)),
          rejectsNull("putEntry", "account", s -> s.putEntry(null, e)),
          rejectsNull("putEntry", "entry", s -> s.putEntry(ACCOUNT, null)),
          rejectsNull("removeEntry", "account", s -> s.removeEntry(null, "AAPL")),
          rejectsNull("removeEntry", "symbol", s -> s.removeEntry(ACCOUNT, null)),
          rejectsNull("locks", "account", s -> s.locks(null)),
          rejectsNull("putLock", "account", s -> s.putLock(null, l)),
          rejectsNull("putLock", "lock", s -> s.putLock(ACCOUNT, null)),
          rejectsNull("removeLock", "account", s -> s.removeLock(null, "AAPL")),
          rejectsNull("removeLock", "symbol", s -> s.removeLock(ACCOUNT, null)),
          rejectsNull("removeAllLocks", "account", s -> s.removeAllLocks(null)),
          rejectsNull("appendHistory", "account", s -> s.appendHistory(null, ev)),
          rejectsNull("appendHistory", "event", s -> s.appendHistory(ACCOUNT, null)),
          rejectsNull("history", "account", s -> s.history(null, 1, 0)),
          rejectsNull("historyStats", "account", s -> s.historyStats(null)),
          rejectsNull("lastRebalance", "account", s -> s.lastRebalance(null)),
          rejectsNull("claimRebalance", "account", s -> s.claimRebalance(null, T0, COOLDOWN)),
          rejectsNull("claimRebalance", "at", s -> s.claimRebalance(ACCOUNT, null, COOLDOWN)),
          rejectsNull("claimRebalance", "cooldown", s -> s.claimRebalance(ACCOUNT, T0, null)),
          rejectsNull("setLastRebalance", "account", s -> s.setLastRebalance(null, T0)),
          rejectsNull("setLastRebalance", "at", s -> s.setLastRebalance(ACCOUNT, null)),
          rejectsNull("putIntent", "account", s -> s.putIntent(null, in)),
          rejectsNull("putIntent", "intent", s -> s.putIntent(ACCOUNT, null)),
          rejectsNull("intent", "account", s -> s.intent(null, "x")),
          rejectsNull("intent", "id", s -> s.intent(ACCOUNT, null)),
          rejectsNull("openIntents", "account", s -> s.openIntents(null)));
    }

    @Test
    @DisplayName("A negative limit, offset or cooldown is an IllegalArgumentException.")
    void clause8_negativeArgumentsAreRejected() {
      assertThatThrownBy(() -> store.history(ACCOUNT, -1, 0), "clause 8: history with limit -1")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("limit");
      assertThatThrownBy(() -> store.history(ACCOUNT, 1, -1), "clause 8: history with offset -1")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("offset");
      assertThatThrownBy(
              () -> store.claimRebalance(ACCOUNT, T0, Duration.ofSeconds(-1)),
              "clause 8: claimRebalance with a negative cooldown")
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cooldown");
      assertThat(store.lastRebalance(ACCOUNT))
          .as("clause 8: a rejected claim must not record a last rebalance")
          .isEmpty();
    }

    @Test
    @DisplayName("A rejected write leaves the previous state intact.")
    @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
    void clause8_rejectedWritesChangeNothing() {
      TrackedEntry e = TrackerFixtures.entry("AAPL");
      store.putEntry(ACCOUNT, e);
      store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
      assertThatThrownBy(() -> store.putEntry(ACCOUNT, null), "clause 8: putEntry with a null entry")
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(
              () -> store.putLock(null, TrackerFixtures.lock("MSFT")), "clause 8: putLock with a null account")
          .isInstanceOf(NullPointerException.class);
      assertThatThrownBy(
              () -> store.appendHistory(ACCOUNT, null), "clause 8: appendHistory with a null event")
          .isInstanceOf(NullPointerException.class);
      assertThat(store.entries(ACCOUNT)).as("clause 8: entries after rejected writes").containsExactly(e);
      assertThat(store.locks(ACCOUNT)).as("clause 8: locks after rejected writes").hasSize(1);
      assertThat(store.historyStats(ACCOUNT).count()).as("clause 8: history after a rejected append").isZero();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Properties over random operation sequences: each example runs up to 40 random calls (entries,
   * locks, history, claims, intents over two accounts) against a fresh store and against {@link
   * StoreModel}, the simplest reading of the contract, and compares every return value and the
   * final state.
   *
   * <p>If this fails: QuickTheories prints the shortest sequence it found that breaks the store;
   * replay it by hand against your store. The message names the first call whose result differs
   * (and its position), or the part of the final state that differs.
   */
  @Nested
  @DisplayName("Properties: random operation sequences behave like the model")
  class Properties {

    @Test
    @DisplayName("Any sequence of operations returns what the model returns and ends in the model's state.")
    void clauses1to6_randomOperationSequencesMatchTheModel() {
      qt().withExamples(propertyExamples())
          .withShrinkCycles(200)
          .forAll(
              lists()
                  .of(integers().between(0, Op.kinds() - 1)
                      .zip(integers().between(0, 1), integers().between(0, 3),
                          integers().between(0, 240), (k, a, s, m) -> Op.of(k, a, s, m, T0)))
                  .ofSizeBetween(1, 40))
          .checkAssert(this::runAgainstModel);
    }

    @Test
    @DisplayName("history(limit, offset) is the model's newest-first slice for any history and any page.")
    void clause4_anyPageMatchesTheModel() {
      qt().withExamples(propertyExamples())
          .forAll(
              lists().of(integers().between(0, 20)).ofSizeBetween(0, 30),
              integers().between(0, 35),
              integers().between(0, 35))
          .checkAssert(
              (minutes, limit, offset) -> {
                try (TrackerStore s = createStore()) {
                  StoreModel model = new StoreModel();
                  for (int i = 0; i < minutes.size(); i++) {
                    RebalanceEvent e =
                        TrackerFixtures.event(t(minutes.get(i)), "S" + i, "N" + i, "1", "2." + i);
                    s.appendHistory(ACCOUNT, e);
                    model.appendHistory(ACCOUNT, e);
                  }
                  assertThat(s.history(ACCOUNT, limit, offset))
                      .as("clause 4: history(limit %d, offset %d) after appending at minutes %s",
                          limit, offset, minutes)
                      .containsExactlyElementsOf(model.history(ACCOUNT, limit, offset));
                  assertStatsEqual(s.historyStats(ACCOUNT), model.historyStats(ACCOUNT),
                      "clause 4, minutes " + minutes);
                }
              });
    }

    private void runAgainstModel(List<Op> ops) {
      try (TrackerStore s = createStore()) {
        StoreModel model = new StoreModel();
        for (int i = 0; i < ops.size(); i++) {
          Op op = ops.get(i);
          Object expected = op.applyTo(model);
          Object actual = op.applyTo(s);
          assertThat(actual)
              .as("clauses 1-6: call %d of %s: %s", i + 1, ops, op)
              .isEqualTo(expected);
        }
        for (String account : Op.ACCOUNTS) {
          String ctx = "clauses 1-6: final state of " + account + " after " + ops;
          assertThat(s.entries(account)).as("entries, %s", ctx).isEqualTo(model.entries(account));
          assertThat(s.locks(account)).as("locks, %s", ctx).isEqualTo(model.locks(account));
          assertThat(s.history(account, Integer.MAX_VALUE, 0))
              .as("history, %s", ctx)
              .isEqualTo(model.history(account, Integer.MAX_VALUE, 0));
          assertStatsEqual(s.historyStats(account), model.historyStats(account), ctx);
          assertThat(s.lastRebalance(account)).as("lastRebalance, %s", ctx).isEqualTo(model.lastRebalance(account));
          assertThat(s.openIntents(account)).as("openIntents, %s", ctx).isEqualTo(model.openIntents(account));
          for (String id : model.intentIds(account)) {
            assertThat(s.intent(account, id)).as("intent %s, %s", id, ctx).isEqualTo(model.intent(account, id));
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 1, account ids: an account id that breaks the account-id rule of {@code
   * dev.rebalance.api.Identifiers} (empty, too long, a slash, a space, a control or non-ASCII
   * character) is refused with an {@link IllegalArgumentException} before anything is written.
   *
   * <p>If this fails: check the id with {@code Identifiers.checkAccountId("account", id)} at the
   * top of every method, before a file name, key or row is made from it; a store that fails only
   * on the first write to disk ("File name too long") has already done part of the work.
   */
  @Nested
  @DisplayName("Clause 1: account ids")
  class Clause1AccountIds {

    private final List<String> invalid =
        List.of("", "a/b", "a b", "live/2:\u00fc 'x'", "a\nb", "-a", "x".repeat(300));

    @Test
    @DisplayName("Every write refuses an invalid account id and leaves the store unchanged.")
    void clause1_invalidAccountIdsAreRefusedBeforeAnyWrite() {
      TrackedEntry entry = TrackerFixtures.entry("AAPL");
      for (String bad : invalid) {
        List<Runnable> writes =
            List.of(
                () -> store.putEntry(bad, entry),
                () -> store.putLock(bad, TrackerFixtures.lock("AAPL")),
                () -> store.appendHistory(bad, TrackerFixtures.event(t(0))),
                () -> store.claimRebalance(bad, t(0), COOLDOWN),
                () -> store.setLastRebalance(bad, t(0)),
                () -> store.putIntent(bad, TrackerFixtures.intent("swap-1", t(0), SwapStatus.INTENT)),
                () -> store.applyFill(bad, "fill-1", EntryChange.put(entry)),
                () -> store.advanceFillWatermark(bad, t(0)));
        for (int i = 0; i < writes.size(); i++) {
          assertThat(catchThrowable(writes.get(i)::run))
              .as("clause 1: write %d with the invalid account id %s", i, bad)
              .isInstanceOf(IllegalArgumentException.class)
              .hasMessageContaining("account");
        }
      }
      // Nothing reached the store: a valid account that was never written is still empty, and the
      // store still works.
      assertThat(store.entries(ACCOUNT)).as("clause 1: entries after refused writes").isEmpty();
      store.putEntry(ACCOUNT, entry);
      assertThat(store.entries(ACCOUNT)).as("clause 1: a valid write after refused ones").containsExactly(entry);
    }

    @Test
    @DisplayName("The longest valid account id (64 characters) works.")
    void clause1_theLongestValidAccountIdWorks() {
      String longest = "A" + "b".repeat(62) + "9";
      store.putEntry(longest, TrackerFixtures.entry("AAPL"));
      store.appendHistory(longest, TrackerFixtures.event(t(0)));
      assertThat(store.entries(longest)).as("clause 1: entries of a 64-character account").hasSize(1);
      assertThat(store.history(longest, 10, 0)).as("clause 1: history of a 64-character account").hasSize(1);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 9: a fill is applied exactly once. {@code applyFill} records the fill id and applies
   * its entry change in one atomic step; a second call with the same id changes nothing and
   * returns false, also after reopening and from a second instance or thread.
   *
   * <p>If this fails: the id and the change must go in one transaction (one journal line, one SQL
   * transaction whose insert of the id is refused by a unique key), and the "already applied?"
   * check must be inside the same lock or transaction as the write.
   */
  @Nested
  @DisplayName("Clause 9: fills exactly once")
  class Clause9Fills {

    @Test
    @DisplayName("The first applyFill applies the change and returns true; a repeat does nothing.")
    void clause9_aFillIsAppliedOnce() {
      TrackedEntry first = TrackerFixtures.entry("AAPL", t(0));
      TrackedEntry other = TrackerFixtures.entry("AAPL", t(5));
      assertThat(store.fillApplied(ACCOUNT, "fill-1")).as("clause 9: fillApplied before").isFalse();
      assertThat(store.applyFill(ACCOUNT, "fill-1", EntryChange.put(first)))
          .as("clause 9: first applyFill(fill-1)")
          .isTrue();
      assertThat(store.fillApplied(ACCOUNT, "fill-1")).as("clause 9: fillApplied after").isTrue();
      assertThat(store.applyFill(ACCOUNT, "fill-1", EntryChange.put(other)))
          .as("clause 9: second applyFill(fill-1) with another change")
          .isFalse();
      assertThat(store.applyFill(ACCOUNT, "fill-1", EntryChange.remove("AAPL")))
          .as("clause 9: third applyFill(fill-1), a removal")
          .isFalse();
      assertThat(store.entries(ACCOUNT)).as("clause 9: entries after repeats").containsExactly(first);
    }

    @Test
    @DisplayName("Removals and none() changes are applied and counted once too.")
    void clause9_removeAndNoneChanges() {
      store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
      store.putEntry(ACCOUNT, TrackerFixtures.entry("MSFT"));
      assertThat(store.applyFill(ACCOUNT, "sell-1", EntryChange.remove("AAPL"))).as("clause 9: remove").isTrue();
      assertThat(store.applyFill(ACCOUNT, "part-1", EntryChange.none())).as("clause 9: none").isTrue();
      assertThat(store.applyFill(ACCOUNT, "part-1", EntryChange.none())).as("clause 9: none again").isFalse();
      assertThat(store.applyFill(ACCOUNT, "gone-1", EntryChange.remove("ZZZ")))
          .as("clause 9: removing an entry that does not exist still records the fill")
          .isTrue();
      assertThat(store.entries(ACCOUNT))
          .as("clause 9: entries after a removal")
          .extracting(TrackedEntry::symbol)
          .containsExactly("MSFT");
      assertThat(store.fillApplied(ACCOUNT, "gone-1")).as("clause 9: fillApplied(gone-1)").isTrue();
    }

    @Test
    @DisplayName("Fill ids are scoped by account.")
    void clause9_fillIdsAreScopedByAccount() {
      store.applyFill(ACCOUNT, "fill-1", EntryChange.put(TrackerFixtures.entry("AAPL")));
      assertThat(store.fillApplied(OTHER_ACCOUNT, "fill-1")).as("clause 9: other account").isFalse();
      assertThat(store.applyFill(OTHER_ACCOUNT, "fill-1", EntryChange.put(TrackerFixtures.entry("KO"))))
          .as("clause 9: the same fill id on another account")
          .isTrue();
      assertThat(store.entries(OTHER_ACCOUNT)).as("clause 9: other account's entries").hasSize(1);
      assertThat(store.entries(ACCOUNT)).as("clause 9: first account's entries").hasSize(1);
    }

    @Test
    @DisplayName("Blank or null fill ids and null changes are refused.")
    @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
    void clause9_badArgumentsAreRefused() {
      assertThat(catchThrowable(() -> store.applyFill(ACCOUNT, " ", EntryChange.none())))
          .as("clause 9: a blank fill id")
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(catchThrowable(() -> store.applyFill(ACCOUNT, "f".repeat(201), EntryChange.none())))
          .as("clause 9: a fill id of 201 characters")
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(catchThrowable(() -> store.applyFill(ACCOUNT, null, EntryChange.none())))
          .as("clause 9: a null fill id")
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("fillId");
      assertThat(catchThrowable(() -> store.applyFill(ACCOUNT, "f-1", null)))
          .as("clause 9: a null change")
          .isInstanceOf(NullPointerException.class)
          .hasMessageContaining("change");
      assertThat(store.fillApplied(ACCOUNT, "f-1")).as("clause 9: nothing applied").isFalse();
    }

    @Test
    @DisplayName("Applied fill ids and their changes survive reopening.")
    void clause9_appliedFillsSurviveReopening() {
      TrackedEntry entry = TrackerFixtures.entry("AAPL");
      store.applyFill(ACCOUNT, "fill-1", EntryChange.put(entry));
      TrackerStore again = closeAndReopen();
      assertThat(again.fillApplied(ACCOUNT, "fill-1")).as("clause 9: fillApplied after reopen").isTrue();
      assertThat(again.applyFill(ACCOUNT, "fill-1", EntryChange.remove("AAPL")))
          .as("clause 9: applyFill(fill-1) after reopen")
          .isFalse();
      assertThat(again.entries(ACCOUNT)).as("clause 9: entries after reopen").containsExactly(entry);
    }

    @Test
    @DisplayName("Many threads applying one fill id: exactly one applies it.")
    void clause9_concurrentAppliesOfOneFillApplyOnce() throws Exception {
      raceFills(List.of(store));
    }

    @Test
    @DisplayName("Two instances over one storage applying one fill id: exactly one applies it.")
    void clause9_concurrentAppliesAcrossInstancesApplyOnce() throws Exception {
      raceFills(List.of(store, secondInstance()));
    }

    private void raceFills(List<TrackerStore> stores) throws Exception {
      int threads = concurrencyThreads();
      int rounds = Math.max(1, claimRounds() / 5);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        for (int round = 0; round < rounds; round++) {
          String fillId = "race-" + round;
          CyclicBarrier start = new CyclicBarrier(threads);
          List<Future<Boolean>> results = new ArrayList<>();
          for (int i = 0; i < threads; i++) {
            TrackerStore s = stores.get(i % stores.size());
            TrackedEntry e = TrackerFixtures.entry("S" + (i % 10), t(round));
            results.add(
                pool.submit(
                    () -> {
                      start.await(30, TimeUnit.SECONDS);
                      return s.applyFill(ACCOUNT, fillId, EntryChange.put(e));
                    }));
          }
          int applied = 0;
          for (Future<Boolean> f : results) {
            applied += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
          }
          assertThat(applied)
              .as("clause 9: round %d, %d concurrent applyFill(%s) over %d instance(s)",
                  round, threads, fillId, stores.size())
              .isEqualTo(1);
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 10: the fill watermark is empty until the first advance and only moves forward.
   *
   * <p>If this fails: {@code advanceFillWatermark} must compare and write in one step (an upsert
   * whose update only applies to a later time), return the stored value, and keep it per account.
   */
  @Nested
  @DisplayName("Clause 10: fill watermark")
  class Clause10FillWatermark {

    @Test
    @DisplayName("Empty at first; moves forward; an earlier instant is ignored.")
    void clause10_watermarkOnlyMovesForward() {
      assertThat(store.fillWatermark(ACCOUNT)).as("clause 10: a fresh store's watermark").isEmpty();
      assertThat(store.advanceFillWatermark(ACCOUNT, t(10))).as("clause 10: first advance").isEqualTo(t(10));
      assertThat(store.advanceFillWatermark(ACCOUNT, t(5))).as("clause 10: advance backwards").isEqualTo(t(10));
      assertThat(store.fillWatermark(ACCOUNT)).as("clause 10: after a backwards advance").contains(t(10));
      assertThat(store.advanceFillWatermark(ACCOUNT, t(10))).as("clause 10: advance to the same").isEqualTo(t(10));
      Instant later = t(20).plusNanos(1);
      assertThat(store.advanceFillWatermark(ACCOUNT, later)).as("clause 10: advance forward").isEqualTo(later);
      assertThat(store.fillWatermark(ACCOUNT)).as("clause 10: nanosecond precision").contains(later);
      assertThat(store.fillWatermark(OTHER_ACCOUNT)).as("clause 10: another account").isEmpty();
    }

    @Test
    @DisplayName("The watermark survives reopening.")
    void clause10_watermarkSurvivesReopening() {
      store.advanceFillWatermark(ACCOUNT, t(30));
      TrackerStore again = closeAndReopen();
      assertThat(again.fillWatermark(ACCOUNT)).as("clause 10: after reopen").contains(t(30));
      assertThat(again.advanceFillWatermark(ACCOUNT, t(1))).as("clause 10: backwards after reopen").isEqualTo(t(30));
    }

    @Test
    @DisplayName("Concurrent advances end at the latest instant.")
    void clause10_concurrentAdvancesKeepTheLatest() throws Exception {
      int threads = concurrencyThreads();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Instant>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          Instant to = t(i);
          results.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return store.advanceFillWatermark(ACCOUNT, to);
                  }));
        }
        for (Future<Instant> f : results) {
          assertThat(f.get(60, TimeUnit.SECONDS)).as("clause 10: a returned watermark").isNotNull();
        }
        assertThat(store.fillWatermark(ACCOUNT))
            .as("clause 10: after %d concurrent advances", threads)
            .contains(t(threads - 1));
      } finally {
        pool.shutdownNow();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Clause 11: an event whose swap id is already in the account's history is not stored again
   * ({@code appendHistory} returns false); events without a swap id are always appended.
   *
   * <p>If this fails: keep the account's swap ids (a unique index on (account, swap id), a set
   * rebuilt when the history is read) and check them inside the append's lock or transaction.
   */
  @Nested
  @DisplayName("Clause 11: swap ids in history")
  class Clause11SwapIds {

    private RebalanceEvent swap(String swapId, int minute, String sold) {
      return RebalanceEvent.builder()
          .from(TrackerFixtures.event(t(minute), sold, "NEW", "1", "2"))
          .swapId(swapId)
          .build();
    }

    @Test
    @DisplayName("A repeated swap id is stored once; events without one always append.")
    void clause11_aSwapIsRecordedOnce() {
      assertThat(store.appendHistory(ACCOUNT, swap("swap-1", 0, "OLD"))).as("clause 11: first").isTrue();
      assertThat(store.appendHistory(ACCOUNT, swap("swap-1", 5, "OTHER")))
          .as("clause 11: the same swap id again, other fields")
          .isFalse();
      RebalanceEvent plain = TrackerFixtures.event(t(1));
      assertThat(store.appendHistory(ACCOUNT, plain)).as("clause 11: no swap id").isTrue();
      assertThat(store.appendHistory(ACCOUNT, plain)).as("clause 11: no swap id, again").isTrue();
      assertThat(store.appendHistory(OTHER_ACCOUNT, swap("swap-1", 0, "OLD")))
          .as("clause 11: the same swap id on another account")
          .isTrue();
      assertThat(store.historyStats(ACCOUNT).count()).as("clause 11: history count").isEqualTo(3);
      assertThat(store.history(ACCOUNT, 10, 0))
          .as("clause 11: the stored event keeps its swap id")
          .filteredOn(e -> e.swapId().isPresent())
          .singleElement()
          .satisfies(e -> assertThat(e.oldSymbol()).isEqualTo("OLD"));
    }

    @Test
    @DisplayName("Swap ids are remembered across reopening.")
    void clause11_swapIdsSurviveReopening() {
      store.appendHistory(ACCOUNT, swap("swap-1", 0, "OLD"));
      TrackerStore again = closeAndReopen();
      assertThat(again.appendHistory(ACCOUNT, swap("swap-1", 0, "OLD")))
          .as("clause 11: the same swap after reopen")
          .isFalse();
      assertThat(again.history(ACCOUNT, 10, 0)).as("clause 11: history after reopen").hasSize(1);
    }

    @Test
    @DisplayName("Concurrent appends of one swap, by threads or instances: exactly one is stored.")
    void clause11_concurrentAppendsOfOneSwapStoreOne() throws Exception {
      List<TrackerStore> stores = new ArrayList<>(List.of(store));
      openSecondInstance(store).map(TrackerStoreContract.this::track).ifPresent(stores::add);
      int threads = concurrencyThreads();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          TrackerStore s = stores.get(i % stores.size());
          results.add(
              pool.submit(
                  () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return s.appendHistory(ACCOUNT, swap("swap-race", 0, "OLD"));
                  }));
        }
        int stored = 0;
        for (Future<Boolean> f : results) {
          stored += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(stored).as("clause 11: appends that returned true").isEqualTo(1);
        assertThat(store.historyStats(ACCOUNT).count()).as("clause 11: events stored").isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
