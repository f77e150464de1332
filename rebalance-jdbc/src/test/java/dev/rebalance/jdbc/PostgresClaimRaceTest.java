package dev.rebalance.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.spi.TrackerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Two claimers, each with its own store instance and its own connection, race to claim the cooldown
 * slot of one account in one PostgreSQL database for 1,000 rounds while a shared clock moves in
 * steps smaller than the cooldown: no two successful claims are ever less than one cooldown apart.
 */
class PostgresClaimRaceTest {
  static final Duration COOLDOWN = Duration.ofMinutes(60);
  static final int ROUNDS = 1_000;

  /** A clock tests move by hand; thread-safe. */
  static final class SteppingClock extends Clock {
    private final AtomicReference<Instant> now;

    SteppingClock(Instant start) {
      now = new AtomicReference<>(start);
    }

    void advance(Duration d) {
      now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }

  record Claim(int round, String who, Instant at) {}

  @Test
  void twoClaimersNeverBothClaimInsideOneCooldownWindow() throws Exception {
    String schema = EmbeddedPostgresServer.newSchema();
    String uri =
        "postgresql://postgres@localhost:"
            + EmbeddedPostgresServer.port()
            + "/postgres?currentSchema="
            + schema;
    PostgresTrackerStoreProvider provider = new PostgresTrackerStoreProvider(n -> null);
    SteppingClock clock = new SteppingClock(Instant.parse("2026-02-02T14:30:00Z"));
    Random random = new Random(42);
    List<Claim> wins = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (TrackerStore a = provider.open(uri);
        TrackerStore b = provider.open(uri)) {
      for (int round = 0; round < ROUNDS; round++) {
        // Steps of 1 s up to half the cooldown: several rounds fall inside each window.
        clock.advance(Duration.ofSeconds(1 + random.nextInt((int) COOLDOWN.toSeconds() / 2)));
        CyclicBarrier start = new CyclicBarrier(2);
        int r = round;
        Future<?> fa = pool.submit(() -> claim(a, "a", r, clock, start, wins));
        Future<?> fb = pool.submit(() -> claim(b, "b", r, clock, start, wins));
        fa.get(30, TimeUnit.SECONDS);
        fb.get(30, TimeUnit.SECONDS);
      }
      List<Claim> sorted = new ArrayList<>(wins);
      sorted.sort((x, y) -> x.at().compareTo(y.at()));
      // Not vacuous: the clock covered many windows, so many claims succeeded, by both claimers.
      assertThat(sorted.size()).isGreaterThan(ROUNDS / 10);
      assertThat(sorted).extracting(Claim::who).contains("a", "b");
      for (int i = 1; i < sorted.size(); i++) {
        Claim prev = sorted.get(i - 1);
        Claim next = sorted.get(i);
        assertThat(Duration.between(prev.at(), next.at()))
            .as("claims %s and %s", prev, next)
            .isGreaterThanOrEqualTo(COOLDOWN);
      }
      assertThat(a.lastRebalance("acct")).contains(sorted.get(sorted.size() - 1).at());
      System.out.printf(
          "claim race: %d rounds, %d successful claims (a %d, b %d), none inside one cooldown%n",
          ROUNDS,
          sorted.size(),
          sorted.stream().filter(c -> c.who().equals("a")).count(),
          sorted.stream().filter(c -> c.who().equals("b")).count());
    } finally {
      pool.shutdownNow();
    }
  }

  private static Void claim(
      TrackerStore store, String who, int round, Clock clock, CyclicBarrier start, List<Claim> wins)
      throws Exception {
    start.await(30, TimeUnit.SECONDS);
    Instant now = clock.instant();
    if (store.claimRebalance("acct", now, COOLDOWN)) {
      wins.add(new Claim(round, who, now));
    }
    return null;
  }
}
