package dev.rebalance.tck;

import static dev.rebalance.tck.TrackerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Clause 5: {@code claimRebalance} is one atomic compare-and-set: it succeeds, and records {@code
 * at}, only if there is no last rebalance or {@code at} is at least {@code cooldown} after it; of
 * any number of concurrent claims inside one cooldown window at most one succeeds. {@code
 * setLastRebalance} overwrites unconditionally.
 *
 * <p>If this fails: check the boundary ({@code at - last >= cooldown} succeeds, exactly at the
 * boundary too), that a failed claim changes nothing, and — for the concurrency tests — that the
 * read of the last time and the write of the new one happen under one lock or in one statement
 * ({@code UPDATE ... WHERE last IS NULL OR last <= ?} and check the update count; or a row lock in
 * one transaction; or a file lock around the read-modify-write). A "check then act" in two steps
 * passes the single-threaded tests and fails these.
 *
 * <p>Run as {@code TrackerStoreContract.Clause5Claim} ("Clause 5: cooldown claim").
 */
abstract class ClaimClause extends ContractClause {

  ClaimClause(TrackerStoreContract contract) {
    super(contract);
  }

  @Test
  @DisplayName("The first claim succeeds and records its time.")
  void clause5_firstClaimSucceeds() {
    assertThat(store.lastRebalance(ACCOUNT))
        .as("clause 5: lastRebalance of a fresh store")
        .isEmpty();
    assertThat(store.claimRebalance(ACCOUNT, t(0), COOLDOWN)).as("clause 5: first claim").isTrue();
    assertThat(store.lastRebalance(ACCOUNT))
        .as("clause 5: lastRebalance after a claim")
        .contains(t(0));
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
    assertThat(store.lastRebalance(ACCOUNT))
        .as("clause 5: lastRebalance after the boundary claim")
        .contains(t(60));
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
  @DisplayName(
      "setLastRebalance overwrites unconditionally, backwards too, and claims then follow it.")
  void clause5_setLastRebalanceOverwrites() {
    store.claimRebalance(ACCOUNT, t(100), COOLDOWN);
    store.setLastRebalance(ACCOUNT, t(0));
    assertThat(store.lastRebalance(ACCOUNT))
        .as("clause 5: lastRebalance after setting it back")
        .contains(t(0));
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
  @DisplayName(
      "Many threads claiming different times inside one window: one wins and its time is kept.")
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
          .as(
              "clause 5: of %d concurrent claims inside one %s window exactly one must succeed",
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
                        if (s.claimRebalance(
                            ACCOUNT, T0.plus(COOLDOWN.multipliedBy(r)), COOLDOWN)) {
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
        .as(
            "clause 5: %d threads on %d instance(s) claimed the same time in each of %d windows;"
                + " exactly one claim per window must succeed",
            threads, stores.size(), rounds)
        .isEmpty();
    assertThat(store.lastRebalance(ACCOUNT))
        .as("clause 5: lastRebalance after the race")
        .contains(T0.plus(COOLDOWN.multipliedBy(rounds - 1L)));
  }
}
