package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;

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
 * check ({@code clause5_claimIsAtomicAcrossThreads}). Each group's tests live in a class of their
 * own in this package ({@code Clause5Claim} runs {@code ClaimClause}), whose documentation says
 * what to look at when it fails. Optional hooks switch on tests a store can only pass if it
 * supports them: {@link #reopen} (durability, clause 7) and {@link #openSecondInstance} (two
 * instances sharing one storage, as two processes would). When a hook is not overridden its tests
 * are skipped with a reason naming the hook, never silently.
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
   * enable the cross-instance tests (the claim's atomicity between instances, no lost updates); the
   * default returns empty, and those tests are skipped with a reason.
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
   * How many random operation sequences each property tries. Default 40; lower it for slow stores,
   * raise it when hunting a bug.
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

  TrackerStore track(TrackerStore s) {
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

  /**
   * Opens a second instance over the storage of {@link #store} through {@link #openSecondInstance},
   * skipping the test with a reason if that is not supported.
   */
  TrackerStore secondInstance() {
    Optional<TrackerStore> second = openSecondInstance(store);
    Assumptions.assumeTrue(
        second.isPresent(),
        "skipped: this store does not open a second instance over the same storage; override"
            + " openSecondInstance(TrackerStore) to run the cross-instance tests");
    return track(second.get());
  }

  /** Runs {@link AccountsClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 1: accounts are isolated")
  class Clause1Accounts extends AccountsClause {
    Clause1Accounts() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link EntriesClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 2: entries")
  class Clause2Entries extends EntriesClause {
    Clause2Entries() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link LocksClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 3: locks")
  class Clause3Locks extends LocksClause {
    Clause3Locks() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link HistoryClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 4: history")
  class Clause4History extends HistoryClause {
    Clause4History() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link ClaimClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 5: cooldown claim")
  class Clause5Claim extends ClaimClause {
    Clause5Claim() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link IntentsClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 6: swap intents")
  class Clause6Intents extends IntentsClause {
    Clause6Intents() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link DurabilityClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 7: durability on reopen")
  class Clause7Durability extends DurabilityClause {
    Clause7Durability() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link FailuresClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 8: failures and argument checks")
  class Clause8Failures extends FailuresClause {
    Clause8Failures() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link ModelProperties} against this contract\'s store. */
  @Nested
  @DisplayName("Properties: random operation sequences behave like the model")
  class Properties extends ModelProperties {
    Properties() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link AccountIdsClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 1: account ids")
  class Clause1AccountIds extends AccountIdsClause {
    Clause1AccountIds() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link FillsClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 9: fills exactly once")
  class Clause9Fills extends FillsClause {
    Clause9Fills() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link FillWatermarkClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 10: fill watermark")
  class Clause10FillWatermark extends FillWatermarkClause {
    Clause10FillWatermark() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link SwapIdsClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 11: swap ids in history")
  class Clause11SwapIds extends SwapIdsClause {
    Clause11SwapIds() {
      super(TrackerStoreContract.this);
    }
  }

  /** Runs {@link AccountListingClause} against this contract\'s store. */
  @Nested
  @DisplayName("Clause 12: listing accounts")
  class Clause12Accounts extends AccountListingClause {
    Clause12Accounts() {
      super(TrackerStoreContract.this);
    }
  }
}
