package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.HistoryStats;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.SwapIntent;
import dev.rebalance.api.SwapStatus;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 7: when a write returns normally it survives closing and reopening the store. Runs only
 * when {@link #reopen} is overridden.
 *
 * <p>If this fails: check that writes are committed (and, for files, flushed and synced) before the
 * method returns, that close flushes anything buffered, that reopening reads back the same
 * representation (scales, optional fields, insertion order of equal-timestamp history) and that
 * removals are persisted as well as additions.
 *
 * <p>Run as {@code TrackerStoreContract.Clause7Durability} ("Clause 7: durability on reopen").
 */
abstract class DurabilityClause extends ContractClause {

  DurabilityClause(TrackerStoreContract contract) {
    super(contract);
  }

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
    assertThat(again.entries(OTHER_ACCOUNT))
        .as("clause 7: other account's entries after reopen")
        .hasSize(1);
    assertThat(again.locks(ACCOUNT)).as("clause 7: locks after reopen").containsExactly(lock);
    assertThat(again.history(ACCOUNT, 10, 0))
        .as("clause 7: history after reopen, same order")
        .containsExactly(e3, e2, e1);
    assertStatsEqual(again.historyStats(ACCOUNT), stats, "clause 7, after reopen");
    assertThat(again.lastRebalance(ACCOUNT))
        .as("clause 7: lastRebalance after reopen")
        .contains(t(90));
    assertThat(again.claimRebalance(ACCOUNT, t(100), COOLDOWN))
        .as("clause 7: a claim inside the window recorded before reopening")
        .isFalse();
    assertThat(again.openIntents(ACCOUNT))
        .as("clause 7: open intents after reopen")
        .containsExactly(open);
    assertThat(again.intent(ACCOUNT, "swap-done"))
        .as("clause 7: completed intent after reopen")
        .contains(done);
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
    assertThat(again.locks(ACCOUNT))
        .as("clause 7: locks after removeAll, put, replace and reopen")
        .containsExactly(replaced);
    assertThat(again.lastRebalance(ACCOUNT))
        .as("clause 7: lastRebalance set, after reopen")
        .contains(t(7));
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
    assertThat(again.historyStats(ACCOUNT).count())
        .as("clause 7: count after reopen and append")
        .isEqualTo(2);
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
          assertThat(s.entries(ACCOUNT))
              .as("clause 7: entries after closing twice and reopening")
              .hasSize(1);
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
                    s.appendHistory(
                        ACCOUNT, TrackerFixtures.event(t(i), prefix, "X" + i, "1", "2"));
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
