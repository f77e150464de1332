package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 1, account ids: an account id that breaks the account-id rule of {@code
 * dev.rebalance.api.Identifiers} (empty, too long, a slash, a space, a control or non-ASCII
 * character) is refused with an {@link IllegalArgumentException} before anything is written.
 *
 * <p>If this fails: check the id with {@code Identifiers.checkAccountId("account", id)} at the top
 * of every method, before a file name, key or row is made from it; a store that fails only on the
 * first write to disk ("File name too long") has already done part of the work.
 *
 * <p>Run as {@code TrackerStoreContract.Clause1AccountIds} ("Clause 1: account ids").
 */
abstract class AccountIdsClause extends ContractClause {

  AccountIdsClause(TrackerStoreContract contract) {
    super(contract);
  }

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
    assertThat(store.entries(ACCOUNT))
        .as("clause 1: a valid write after refused ones")
        .containsExactly(entry);
  }

  @Test
  @DisplayName("The longest valid account id (64 characters) works.")
  void clause1_theLongestValidAccountIdWorks() {
    String longest = "A" + "b".repeat(62) + "9";
    store.putEntry(longest, TrackerFixtures.entry("AAPL"));
    store.appendHistory(longest, TrackerFixtures.event(t(0)));
    assertThat(store.entries(longest)).as("clause 1: entries of a 64-character account").hasSize(1);
    assertThat(store.history(longest, 10, 0))
        .as("clause 1: history of a 64-character account")
        .hasSize(1);
  }
}
