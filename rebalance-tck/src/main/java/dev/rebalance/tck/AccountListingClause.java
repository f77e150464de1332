package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 12: {@code accounts()} lists, sorted and without duplicates, exactly the accounts the
 * store holds anything for (an entry, a lock, a history event, a last-rebalance time, a swap
 * intent, an applied fill id or a fill watermark); reads, removals of nothing and refused writes
 * list nothing; an account emptied of its entries and locks, with nothing else, is not listed.
 *
 * <p>If this fails: list the accounts of every kind of state, not only entries (a {@code UNION}
 * over every table keyed by account, the keys of every per-account map), skip accounts whose state
 * is empty (maps created by a read or a removal), sort with {@link String#compareTo} (not the
 * database's collation: {@code "Z"} comes before {@code "a"}), and return an immutable copy. A
 * store that cannot list its accounts must throw {@link UnsupportedOperationException} rather than
 * answer with an empty list, and does not pass this clause.
 *
 * <p>Run as {@code TrackerStoreContract.Clause12Accounts} ("Clause 12: listing accounts").
 */
abstract class AccountListingClause extends ContractClause {

  AccountListingClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("A fresh store lists no account.")
  void clause12_aFreshStoreListsNoAccount() {
    assertThat(listAccounts(store)).as("clause 12: accounts() of a fresh store").isEmpty();
  }

  @Test
  @DisplayName("Each kind of state lists its account; the list is sorted by String order.")
  void clause12_everyKindOfStateListsItsAccount() {
    store.putEntry("h-entry", TrackerFixtures.entry("AAPL"));
    store.putLock("g-lock", TrackerFixtures.lock("AAPL"));
    store.appendHistory("f-history", TrackerFixtures.event(t(0)));
    store.setLastRebalance("e-last", t(0));
    store.claimRebalance("d-claim", t(0), COOLDOWN);
    store.putIntent("c-intent", TrackerFixtures.intent("swap-1", t(0), SwapStatus.COMPLETED));
    store.applyFill("b-fill", "fill-1", EntryChange.none());
    store.advanceFillWatermark("a-watermark", t(0));
    store.putLock("Z-upper", TrackerFixtures.lock("MSFT"));
    store.putEntry("0-digit", TrackerFixtures.entry("MSFT"));
    store.putEntry("h-entry", TrackerFixtures.entry("MSFT"));
    assertThat(listAccounts(store))
        .as(
            "clause 12: accounts() after one kind of write per account (String order: digits,"
                + " then upper case, then lower case; each account once)")
        .containsExactly(
            "0-digit",
            "Z-upper",
            "a-watermark",
            "b-fill",
            "c-intent",
            "d-claim",
            "e-last",
            "f-history",
            "g-lock",
            "h-entry");
  }

  @Test
  @DisplayName("Reads, removals of nothing and refused writes list no account.")
  @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
  void clause12_readsAndRefusedWritesListNothing() {
    String ghost = "ghost";
    store.entry(ghost, "AAPL");
    store.entries(ghost);
    store.locks(ghost);
    store.history(ghost, 10, 0);
    store.historyStats(ghost);
    store.lastRebalance(ghost);
    store.intent(ghost, "swap-1");
    store.openIntents(ghost);
    store.fillApplied(ghost, "fill-1");
    store.fillWatermark(ghost);
    store.removeEntry(ghost, "AAPL");
    store.removeLock(ghost, "AAPL");
    store.removeAllLocks(ghost);
    attempt(() -> store.putEntry("refused", null));
    attempt(() -> store.claimRebalance("refused", t(0), Duration.ofSeconds(-1)));
    attempt(() -> store.applyFill("refused", " ", EntryChange.none()));
    assertThat(listAccounts(store))
        .as("clause 12: accounts() after reads, removals of nothing and refused writes only")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "An account emptied of its entries and locks is no longer listed; history keeps one.")
  void clause12_anEmptiedAccountIsNotListed() {
    store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
    store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
    store.putLock(ACCOUNT, TrackerFixtures.lock("MSFT"));
    store.putEntry(OTHER_ACCOUNT, TrackerFixtures.entry("AAPL"));
    store.appendHistory(OTHER_ACCOUNT, TrackerFixtures.event(t(0)));
    assertThat(listAccounts(store))
        .as("clause 12: accounts() before the removals")
        .containsExactly(OTHER_ACCOUNT, ACCOUNT);
    store.removeEntry(ACCOUNT, "AAPL");
    store.removeLock(ACCOUNT, "AAPL");
    store.removeAllLocks(ACCOUNT);
    store.removeEntry(OTHER_ACCOUNT, "AAPL");
    assertThat(listAccounts(store))
        .as(
            "clause 12: accounts() after removing every entry and lock (%s keeps its history)",
            OTHER_ACCOUNT)
        .containsExactly(OTHER_ACCOUNT);
  }

  @Test
  @DisplayName("The list is an immutable snapshot.")
  void clause12_theListIsAnImmutableSnapshot() {
    store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
    List<String> before = listAccounts(store);
    Throwable t = catchThrowable(() -> before.add("x"));
    assertThat(t)
        .as("clause 12: accounts() must be immutable; add() must throw")
        .isInstanceOf(UnsupportedOperationException.class);
    store.putEntry(OTHER_ACCOUNT, TrackerFixtures.entry("AAPL"));
    assertThat(before)
        .as("clause 12: an earlier accounts() after a later write")
        .containsExactly(ACCOUNT);
  }

  @Test
  @DisplayName("The accounts are listed again after reopening.")
  void clause12_accountsSurviveReopening() {
    store.putEntry(ACCOUNT, TrackerFixtures.entry("AAPL"));
    store.appendHistory(OTHER_ACCOUNT, TrackerFixtures.event(t(0)));
    store.advanceFillWatermark("watermark-only", t(0));
    TrackerStore again = closeAndReopen();
    assertThat(listAccounts(again))
        .as("clause 12: accounts() after reopening")
        .containsExactly(OTHER_ACCOUNT, ACCOUNT, "watermark-only");
  }

  @Test
  @DisplayName("A second instance over one storage lists the accounts the first one wrote.")
  void clause12_aSecondInstanceListsTheFirstOnesAccounts() {
    TrackerStore second = secondInstance();
    assertThat(listAccounts(second))
        .as("clause 12: the second instance before any write")
        .isEmpty();
    store.putLock(ACCOUNT, TrackerFixtures.lock("AAPL"));
    store.appendHistory(OTHER_ACCOUNT, TrackerFixtures.event(t(0)));
    assertThat(listAccounts(second))
        .as("clause 12: accounts() of a second instance after the first one wrote")
        .containsExactly(OTHER_ACCOUNT, ACCOUNT);
  }

  /**
   * Tries a write the store should refuse; whether it does is clause 8's concern, not this one's.
   */
  private static void attempt(ThrowingCallable write) {
    Throwable ignored = catchThrowable(write);
  }
}
