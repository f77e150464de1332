package dev.rebalance.benchmarks;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.CostSettings;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.TurnoverBudget;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.tracking.RecentSwap;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One scan's decision for {@code positions} held positions against {@code candidates} scored
 * candidates, with the default configuration (one swap per scan). The inputs look like a real scan:
 * scores with two decimals, about 10% of candidates already held, 10% of positions too young to
 * sell, 5% locked, the cooldown long past; the decision is a swap.
 *
 * <p>{@code engine} is the {@link Rebalancer}; {@code naiveSort} is the baseline that sorts every
 * eligible position and candidate. Both give the same decision (checked at set-up).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DecisionBenchmark {

  @Param({"50", "500"})
  public int positions;

  @Param({"100", "1000", "10000"})
  public int candidates;

  /**
   * How candidates' scores are given: {@code decimal}, two-decimal {@code BigDecimal}s (the default
   * and the figures in BENCHMARKS.md); {@code longDecimal}, 16- or 17-digit {@code BigDecimal}s,
   * which a candidate stores no double key for, so every comparison reads the decimals.
   */
  @Param({"decimal"})
  public String scores;

  /**
   * {@code off}: the default configuration, candidates with a symbol and a score only (the figures
   * before the guards). {@code on}: all four guards — a one-day re-entry block with three recent
   * swaps selling candidate symbols, a budget of 5 swaps a week with 2 used, a cost gate, and every
   * candidate with a price and a spread (affordability walks them). {@code rules}: the same three
   * configured guards and recent swaps, candidates without market data (what the guards' rules
   * cost, apart from the larger candidates).
   */
  @Param({"off", "on", "rules"})
  public String guards;

  private final Instant now = Instant.parse("2025-11-25T15:45:00Z");
  private List<HeldPosition> held;
  private List<Candidate> scored;
  private TrackerState state;
  private Rebalancer engine;
  private NaiveRebalancer naive;

  @Setup
  public void setUp() {
    Random random = new Random(20251125L);
    held = new ArrayList<>(positions);
    TrackerState.Builder s = TrackerState.builder();
    for (int i = 0; i < positions; i++) {
      String symbol = String.format("H%04d", i);
      held.add(
          HeldPosition.builder()
              .symbol(symbol)
              .qty(BigDecimal.valueOf(1 + random.nextInt(500)))
              .price(BigDecimal.valueOf(1000 + random.nextInt(100_000), 2))
              .score(BigDecimal.valueOf(random.nextInt(10_000), 2))
              .fractionable(random.nextBoolean())
              .build());
      Duration age =
          random.nextInt(10) == 0
              ? Duration.ofMinutes(5)
              : Duration.ofHours(1 + random.nextInt(500));
      s.putEntries(symbol, TrackedEntry.builder().symbol(symbol).entryTime(now.minus(age)).build());
      if (random.nextInt(20) == 0) {
        s.putLocks(
            symbol,
            PositionLock.builder().symbol(symbol).lockedAt(now.minus(Duration.ofDays(1))).build());
      }
    }
    s.lastRebalance(now.minus(Duration.ofHours(3)));
    boolean on = !guards.equals("off");
    boolean market = guards.equals("on");
    if (on) {
      s.addRecentSwaps(RecentSwap.of(now.minus(Duration.ofHours(3)), "C00001", "H0001"));
      s.addRecentSwaps(RecentSwap.of(now.minus(Duration.ofHours(30)), "C00002", "H0002"));
      s.addRecentSwaps(RecentSwap.of(now.minus(Duration.ofDays(9)), "C00003", "H0003"));
    }
    state = s.build();

    scored = new ArrayList<>(candidates);
    Set<String> used = new HashSet<>();
    for (int i = 0; i < candidates; i++) {
      // About one candidate in ten is a symbol already held (never bought).
      String symbol =
          random.nextInt(10) == 0
              ? held.get(random.nextInt(positions)).symbol()
              : String.format("C%05d", i);
      if (!used.add(symbol)) {
        symbol = String.format("C%05d", i);
        used.add(symbol);
      }
      BigDecimal score =
          scores.equals("longDecimal")
              ? BigDecimal.valueOf(random.nextDouble() * 100)
              : BigDecimal.valueOf(random.nextInt(10_000), 2);
      scored.add(
          market
              ? Candidate.builder()
                  .symbol(symbol)
                  .score(score)
                  .price(BigDecimal.valueOf(1000 + random.nextInt(100_000), 2))
                  .spreadBps(BigDecimal.valueOf(random.nextInt(30)))
                  .build()
              : Candidate.of(symbol, score));
    }
    Collections.shuffle(scored, random);

    RebalanceConfig config =
        on
            ? RebalanceConfig.builder()
                .reentryBlock(Duration.ofDays(1))
                .turnoverBudget(TurnoverBudget.of(5, Duration.ofDays(7)))
                .costs(
                    CostSettings.builder()
                        .feeBps(BigDecimal.ONE)
                        .edgeBpsPerPoint(BigDecimal.TEN)
                        .build())
                .build()
            : RebalanceConfig.defaults();
    engine = Rebalancer.of(config);
    naive = new NaiveRebalancer(RebalanceConfig.defaults());
    Decision a = engine.decide(held, scored, state, now);
    Decision b = naive.decide(held, scored, state, now);
    if (on ? !a.isSwap() : !a.equals(b) || !a.isSwap()) {
      throw new IllegalStateException("engine and baseline disagree:\n" + a + "\n" + b);
    }
  }

  @Benchmark
  public Decision engine() {
    return engine.decide(held, scored, state, now);
  }

  @Benchmark
  public Decision naiveSort() {
    return naive.decide(held, scored, state, now);
  }
}
