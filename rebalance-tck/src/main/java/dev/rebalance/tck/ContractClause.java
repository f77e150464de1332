package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.spi.TrackerStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * What every clause group of {@link TrackerStoreContract} shares: the store under test, the kit's
 * hooks and the fixtures' accounts, times and assertions. Each group extends it and runs as a
 * {@code @Nested} class of the contract, built with the contract instance JUnit created for the
 * test, so a user's subclass of the contract runs every group against its own store.
 *
 * <p>One instance per test, created by JUnit; not shared between threads except by the groups' own
 * concurrency tests.
 */
abstract class ContractClause {

  static final String ACCOUNT = TrackerStoreContract.ACCOUNT;
  static final String OTHER_ACCOUNT = TrackerStoreContract.OTHER_ACCOUNT;
  static final Duration COOLDOWN = Duration.ofMinutes(60);

  private final TrackerStoreContract contract;

  /**
   * The contract's store under test: bound after the contract has created it, and bound again by
   * {@link #closeAndReopen()}.
   */
  TrackerStore store;

  ContractClause(TrackerStoreContract contract) {
    this.contract = contract;
  }

  @BeforeEach
  void bindStoreUnderTest() {
    store = contract.store;
  }

  TrackerStore createStore() {
    return contract.createStore();
  }

  Optional<TrackerStore> reopen(TrackerStore closed) {
    return contract.reopen(closed);
  }

  Optional<TrackerStore> openSecondInstance(TrackerStore first) {
    return contract.openSecondInstance(first);
  }

  int concurrencyThreads() {
    return contract.concurrencyThreads();
  }

  int claimRounds() {
    return contract.claimRounds();
  }

  int propertyExamples() {
    return contract.propertyExamples();
  }

  /** Closes the store with the others after the test. */
  TrackerStore track(TrackerStore s) {
    return contract.track(s);
  }

  /** See {@link TrackerStoreContract#closeAndReopen()}. */
  TrackerStore closeAndReopen() {
    store = contract.closeAndReopen();
    return store;
  }

  /** See {@link TrackerStoreContract#secondInstance()}. */
  TrackerStore secondInstance() {
    return contract.secondInstance();
  }

  /** {@code s.accounts()}, failing with a message naming clause 12 if the store cannot list. */
  static List<String> listAccounts(TrackerStore s) {
    try {
      return s.accounts();
    } catch (UnsupportedOperationException e) {
      throw new AssertionError(
          "clause 12: accounts() threw " + e + "; every store must list the accounts it holds", e);
    }
  }

  static Instant t(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  static void assertStatsEqual(HistoryStats actual, HistoryStats expected, String context) {
    assertThat(actual.count())
        .as("%s: historyStats().count()", context)
        .isEqualTo(expected.count());
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
}
