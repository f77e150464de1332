package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rebalance.api.EntryChange;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 9: a fill is applied exactly once. {@code applyFill} records the fill id and applies its
 * entry change in one atomic step; a second call with the same id changes nothing and returns
 * false, also after reopening and from a second instance or thread.
 *
 * <p>If this fails: the id and the change must go in one transaction (one journal line, one SQL
 * transaction whose insert of the id is refused by a unique key), and the "already applied?" check
 * must be inside the same lock or transaction as the write.
 *
 * <p>Run as {@code TrackerStoreContract.Clause9Fills} ("Clause 9: fills exactly once").
 */
abstract class FillsClause extends ContractClause {

  FillsClause(TrackerStoreContract contract) {
    super(contract);
  }

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
    assertThat(store.applyFill(ACCOUNT, "sell-1", EntryChange.remove("AAPL")))
        .as("clause 9: remove")
        .isTrue();
    assertThat(store.applyFill(ACCOUNT, "part-1", EntryChange.none()))
        .as("clause 9: none")
        .isTrue();
    assertThat(store.applyFill(ACCOUNT, "part-1", EntryChange.none()))
        .as("clause 9: none again")
        .isFalse();
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
    assertThat(
            store.applyFill(OTHER_ACCOUNT, "fill-1", EntryChange.put(TrackerFixtures.entry("KO"))))
        .as("clause 9: the same fill id on another account")
        .isTrue();
    assertThat(store.entries(OTHER_ACCOUNT)).as("clause 9: other account's entries").hasSize(1);
    assertThat(store.entries(ACCOUNT)).as("clause 9: first account's entries").hasSize(1);
  }

  @SuppressWarnings("NullAway") // passes null on purpose: the clause is that it is rejected
  @Test
  @DisplayName("Blank or null fill ids and null changes are refused.")
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
    assertThat(again.fillApplied(ACCOUNT, "fill-1"))
        .as("clause 9: fillApplied after reopen")
        .isTrue();
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
            .as(
                "clause 9: round %d, %d concurrent applyFill(%s) over %d instance(s)",
                round, threads, fillId, stores.size())
            .isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
