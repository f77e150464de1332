package dev.rebalance.core;

import static org.quicktheories.generators.SourceDSL.integers;

import dev.rebalance.api.Candidate;
import dev.rebalance.api.HeldPosition;
import dev.rebalance.api.PositionLock;
import dev.rebalance.api.TrackedEntry;
import dev.rebalance.core.config.RebalanceConfig;
import dev.rebalance.core.config.UnknownEntryTimeRule;
import dev.rebalance.core.decision.Decision;
import dev.rebalance.core.decision.Rebalancer;
import dev.rebalance.core.tracking.TrackerState;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;

/**
 * QuickTheories generators of whole scans: a configuration, held positions, candidates and tracker
 * state, drawn from small domains so that ties, held candidates, boundaries (held exactly the
 * minimum, exactly at the cooldown's end, a lock expiring now) and rounding to zero all occur
 * often.
 */
final class Portfolios {
  static final Instant NOW = Instant.parse("2025-11-25T15:45:00Z");

  private static final String[] SYMBOLS = {
    "AAPL", "BRK.B", "KO", "MSFT", "NVDA", "PEP", "TSLA", "XOM", "A", "AA", "Z", "ZZ"
  };
  private static final String[] FRACTIONS = {"1", "1.0", "0.5", "0.25", "0.3", "0.999", "0.001"};

  private Portfolios() {}

  /** One generated scan. */
  record Scan(
      RebalanceConfig config,
      List<HeldPosition> positions,
      List<Candidate> candidates,
      TrackerState state,
      Instant now) {

    Decision decide(Rebalancer r) {
      return r.decide(positions, candidates, state, now);
    }

    @Override
    public String toString() {
      return "Scan{config="
          + config
          + ",\n positions="
          + positions
          + ",\n candidates="
          + candidates
          + ",\n state="
          + state
          + "}";
    }
  }

  static Gen<Scan> scans() {
    Gen<Scan> gen = Portfolios::scan;
    return gen.describedAs(Scan::toString);
  }

  private static int between(RandomnessSource in, int lo, int hi) {
    return integers().between(lo, hi).generate(in);
  }

  private static boolean chance(RandomnessSource in, int percent) {
    return between(in, 1, 100) <= percent;
  }

  private static BigDecimal score(RandomnessSource in) {
    // Few distinct values (ties), sometimes with a different scale (5 vs 5.0) or a fraction, and
    // sometimes with more than 15 digits, which a Candidate keeps no double key for: 5 written
    // with 17 decimals (a tie with 5 decided by the decimals) or 5 plus 10^-17 (just above it).
    BigDecimal s = BigDecimal.valueOf(between(in, 0, 40));
    switch (between(in, 0, 5)) {
      case 0:
        return s.setScale(1);
      case 1:
        return s.add(new BigDecimal("0.5"));
      case 2:
        return s.setScale(17);
      case 3:
        return s.add(new BigDecimal("1E-17"));
      default:
        return s;
    }
  }

  private static List<String> pick(RandomnessSource in, int count) {
    List<String> pool = new ArrayList<>(List.of(SYMBOLS));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(pool.remove(between(in, 0, pool.size() - 1)));
    }
    return out;
  }

  private static Scan scan(RandomnessSource in) {
    RebalanceConfig config =
        RebalanceConfig.builder()
            .enabled(chance(in, 90))
            .scoreThreshold(BigDecimal.valueOf(between(in, 0, 20)))
            .minHoldTime(Duration.ofMinutes(between(in, 0, 60)))
            .cooldown(Duration.ofMinutes(between(in, 0, 90)))
            .sellFraction(new BigDecimal(FRACTIONS[between(in, 0, FRACTIONS.length - 1)]))
            .unknownEntryTime(
                chance(in, 50) ? UnknownEntryTimeRule.BLOCK : UnknownEntryTimeRule.ALLOW)
            .maxSwapsPerScan(between(in, 1, 4))
            .build();

    TrackerState.Builder state = TrackerState.builder();
    List<HeldPosition> positions = new ArrayList<>();
    for (String symbol : pick(in, between(in, 0, 8))) {
      BigDecimal qty =
          chance(in, 70)
              ? BigDecimal.valueOf(between(in, 1, 300))
              : new BigDecimal(between(in, 1, 5000)).movePointLeft(between(in, 0, 10));
      positions.add(
          HeldPosition.builder()
              .symbol(symbol)
              .qty(qty)
              .score(score(in))
              .fractionable(chance(in, 40))
              .build());
      if (chance(in, 80)) {
        // Minute granularity with a small range: ties and exact minimum-hold boundaries.
        state.putEntries(
            symbol,
            TrackedEntry.builder()
                .symbol(symbol)
                .entryTime(NOW.minus(Duration.ofMinutes(between(in, 0, 90))))
                .build());
      }
      if (chance(in, 25)) {
        PositionLock.Builder lock =
            PositionLock.builder().symbol(symbol).lockedAt(NOW.minus(Duration.ofDays(1)));
        if (chance(in, 50)) {
          lock.expiresAt(NOW.plus(Duration.ofMinutes(between(in, -5, 5))));
        }
        state.putLocks(symbol, lock.build());
      }
    }
    List<Candidate> candidates = new ArrayList<>();
    for (String symbol : pick(in, between(in, 0, 10))) {
      candidates.add(Candidate.of(symbol, score(in)));
    }
    if (chance(in, 50)) {
      state.lastRebalance(NOW.minus(Duration.ofMinutes(between(in, 0, 120))));
    }
    return new Scan(config, positions, candidates, state.build(), NOW);
  }

  /** A copy of {@code list} in an order chosen by {@code seed}. */
  static <T> List<T> shuffled(List<T> list, long seed) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, new java.util.Random(seed));
    return copy;
  }
}
