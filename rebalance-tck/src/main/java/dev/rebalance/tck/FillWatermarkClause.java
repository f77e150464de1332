package dev.rebalance.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import java.time.Instant;
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
 * Clause 10: the fill watermark is empty until the first advance and only moves forward.
 *
 * <p>If this fails: {@code advanceFillWatermark} must compare and write in one step (an upsert
 * whose update only applies to a later time), return the stored value, and keep it per account.
 *
 * <p>Run as {@code TrackerStoreContract.Clause10FillWatermark} ("Clause 10: fill watermark").
 */
abstract class FillWatermarkClause extends ContractClause {

  FillWatermarkClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("Empty at first; moves forward; an earlier instant is ignored.")
  void clause10_watermarkOnlyMovesForward() {
    assertThat(store.fillWatermark(ACCOUNT)).as("clause 10: a fresh store's watermark").isEmpty();
    assertThat(store.advanceFillWatermark(ACCOUNT, t(10)))
        .as("clause 10: first advance")
        .isEqualTo(t(10));
    assertThat(store.advanceFillWatermark(ACCOUNT, t(5)))
        .as("clause 10: advance backwards")
        .isEqualTo(t(10));
    assertThat(store.fillWatermark(ACCOUNT))
        .as("clause 10: after a backwards advance")
        .contains(t(10));
    assertThat(store.advanceFillWatermark(ACCOUNT, t(10)))
        .as("clause 10: advance to the same")
        .isEqualTo(t(10));
    Instant later = t(20).plusNanos(1);
    assertThat(store.advanceFillWatermark(ACCOUNT, later))
        .as("clause 10: advance forward")
        .isEqualTo(later);
    assertThat(store.fillWatermark(ACCOUNT)).as("clause 10: nanosecond precision").contains(later);
    assertThat(store.fillWatermark(OTHER_ACCOUNT)).as("clause 10: another account").isEmpty();
  }

  @Test
  @DisplayName("The watermark survives reopening.")
  void clause10_watermarkSurvivesReopening() {
    store.advanceFillWatermark(ACCOUNT, t(30));
    TrackerStore again = closeAndReopen();
    assertThat(again.fillWatermark(ACCOUNT)).as("clause 10: after reopen").contains(t(30));
    assertThat(again.advanceFillWatermark(ACCOUNT, t(1)))
        .as("clause 10: backwards after reopen")
        .isEqualTo(t(30));
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
