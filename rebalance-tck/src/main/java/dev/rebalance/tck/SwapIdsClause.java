package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.RebalanceEvent;
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
 * Clause 11: an event whose swap id is already in the account's history is not stored again ({@code
 * appendHistory} returns false); events without a swap id are always appended.
 *
 * <p>If this fails: keep the account's swap ids (a unique index on (account, swap id), a set
 * rebuilt when the history is read) and check them inside the append's lock or transaction.
 *
 * <p>Run as {@code TrackerStoreContract.Clause11SwapIds} ("Clause 11: swap ids in history").
 */
abstract class SwapIdsClause extends ContractClause {

  SwapIdsClause(TrackerStoreContract contract) {
    super(contract);
  }

  private RebalanceEvent swap(String swapId, int minute, String sold) {
    return RebalanceEvent.builder()
        .from(TrackerFixtures.event(t(minute), sold, "NEW", "1", "2"))
        .swapId(swapId)
        .build();
  }

  @Test
  @DisplayName("A repeated swap id is stored once; events without one always append.")
  void clause11_aSwapIsRecordedOnce() {
    assertThat(store.appendHistory(ACCOUNT, swap("swap-1", 0, "OLD")))
        .as("clause 11: first")
        .isTrue();
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
    openSecondInstance(store).map(this::track).ifPresent(stores::add);
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
