package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 1: every operation is scoped by an account id; nothing written for one account is visible
 * to, or changed by, an operation on another.
 *
 * <p>If this fails: check that the account is part of every key and every query's filter (a {@code
 * WHERE account = ?} missing from one statement, a map keyed by symbol alone), including the bulk
 * {@code removeAllLocks} and the history aggregates; and that account ids are stored verbatim
 * (slashes, colons, quotes and non-ASCII letters are legal).
 *
 * <p>Run as {@code TrackerStoreContract.Clause1Accounts} ("Clause 1: accounts are isolated").
 */
abstract class AccountsClause extends ContractClause {

  AccountsClause(TrackerStoreContract contract) {
    super(contract);
  }

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
    assertThat(store.intent(OTHER_ACCOUNT, "swap-1"))
        .as("clause 1: intent(other, swap-1)")
        .isEmpty();
    assertThat(store.openIntents(OTHER_ACCOUNT)).as("clause 1: openIntents(other)").isEmpty();
    store.putIntent(OTHER_ACCOUNT, TrackerFixtures.intent("swap-1", t(5), SwapStatus.COMPLETED));
    assertThat(store.intent(ACCOUNT, "swap-1").map(SwapIntent::status))
        .as("clause 1: the same intent id in another account must not replace %s's", ACCOUNT)
        .contains(SwapStatus.INTENT);
  }
}
